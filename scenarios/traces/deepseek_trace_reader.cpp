#include "scenarios/traces/deepseek_trace_reader.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/rng_streams.hpp"
#include "scenarios/traces/csv_reader.hpp"
#include "scenarios/traces/trace_error.hpp"

namespace routelab {

namespace {

constexpr const char* kHeader[] = {"Layer ID", "Batch Number", "Token", "Activated Expert IDs"};
constexpr int kMaxLayer = 1 << 12;     // a layer id beyond any model's depth is a corrupt row
constexpr int kMaxExpertId = 1 << 21;  // the engine packs expert ids into 22 bits
constexpr std::size_t kMaxExpertsPerRow = 256;  // as in the JSON Lines reader: k is a handful

std::optional<std::int64_t> parse_integer(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// "[8, 42, 46]" -> {8, 42, 46}; an empty string on success, else why not.
std::string parse_expert_list(std::string_view text, std::vector<ExpertId>& out) {
  out.clear();
  if (text.size() < 2 || text.front() != '[' || text.back() != ']')
    return "expected the experts as a bracketed list like \"[8, 42, 46]\", got '" + std::string(text) + "'";
  text = text.substr(1, text.size() - 2);
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto value = parse_integer(text.substr(0, comma));
    if (!value || *value < 0 || *value > kMaxExpertId)
      return "expected expert ids 0.." + std::to_string(kMaxExpertId) + " in the list, got '" +
             std::string(text.substr(0, comma)) + "'";
    if (out.size() == kMaxExpertsPerRow)
      return "expected at most " + std::to_string(kMaxExpertsPerRow) + " expert ids in the list";
    out.push_back(static_cast<ExpertId>(*value));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (out.empty()) return "expected at least one expert id in the list";
  return "";
}

}  // namespace

void read_deepseek_csv(std::string_view text, const std::string& name, std::uint64_t group, bool skip_bad_rows,
                       RoutingTrace& trace, const TraceExpectations& expected) {
  CsvReader reader(text);
  std::vector<std::string> fields;
  std::vector<ExpertId> experts;
  auto reject = [&](const std::string& why) {
    if (!skip_bad_rows) throw TraceError(name, reader.record_line(), why);
    if (trace.rows_skipped++ == 0) trace.first_skipped = name + ":" + std::to_string(reader.record_line()) + ": " + why;
  };

  const auto header_status = reader.next(fields);
  if (header_status == CsvReader::Status::end) throw TraceError(name, 1, "empty file (expected the CSV header)");
  if (header_status == CsvReader::Status::malformed || fields.size() != 4 ||
      !std::equal(fields.begin(), fields.end(), std::begin(kHeader)))
    throw TraceError(name, 1, "expected the header 'Layer ID,Batch Number,Token,Activated Expert IDs'");

  for (;;) {
    const auto status = reader.next(fields);
    if (status == CsvReader::Status::end) break;
    if (status == CsvReader::Status::malformed) {
      reject(reader.error());
      continue;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != 4) {
      reject("expected 4 fields (layer, batch, token, experts), got " + std::to_string(fields.size()) +
             " (a token with a comma or quote must be quoted)");
      continue;
    }
    const auto layer = parse_integer(fields[0]);
    if (!layer || *layer < 1 || *layer > kMaxLayer) {
      reject("expected a layer id 1.." + std::to_string(kMaxLayer) + ", got '" + fields[0] + "'");
      continue;
    }
    if (!parse_integer(fields[1])) {
      reject("expected an integer batch number, got '" + fields[1] + "'");
      continue;
    }
    if (const std::string why = parse_expert_list(fields[3], experts); !why.empty()) {
      reject(why);
      continue;
    }
    if (const std::string why = expert_ids_misfit(experts, expected); !why.empty()) {
      reject(why);
      continue;
    }
    if (static_cast<int>(experts.size()) < expected.k) {
      reject("the row records " + std::to_string(experts.size()) + " experts, fewer than the scenario's routing.k = " +
             std::to_string(expected.k));
      continue;
    }
    if (trace.recorded_k == 0) trace.recorded_k = static_cast<int>(experts.size());
    if (static_cast<int>(experts.size()) != trace.recorded_k) {
      reject("expected " + std::to_string(trace.recorded_k) + " experts per token (as in the rows before), got " +
             std::to_string(experts.size()));
      continue;
    }
    if (static_cast<int>(trace.layers.size()) < *layer) trace.layers.resize(static_cast<std::size_t>(*layer));
    TraceLayer& target = trace.layers[static_cast<std::size_t>(*layer - 1)];
    target.keys.push_back(hash_string(fields[2]));
    target.groups.push_back(group);
    target.experts.insert(target.experts.end(), experts.begin(), experts.end());
    trace.max_expert = std::max(trace.max_expert, *std::max_element(experts.begin(), experts.end()));
    ++trace.rows;
  }
}

RoutingTrace read_deepseek_trace(const std::filesystem::path& path, bool skip_bad_rows,
                                 const TraceExpectations& expected) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(path, ec))
      if (entry.is_regular_file(ec) && entry.path().extension() == ".csv") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw IoError("trace directory '" + path.string() + "' holds no .csv files");
  } else {
    files.push_back(path);
  }
  RoutingTrace trace;
  trace.source = path.string();
  for (const auto& file : files) {
    std::ifstream input(file, std::ios::binary);
    if (!input) throw IoError("cannot read trace file '" + file.string() + "'");
    std::ostringstream text;
    text << input.rdbuf();
    if (!input) throw IoError("reading trace file '" + file.string() + "' failed");
    read_deepseek_csv(text.str(), file.string(), trace.group_names.size(), skip_bad_rows, trace, expected);
    trace.group_names.push_back(file.filename().string());
  }
  return trace;
}

}  // namespace routelab
