#include "scenarios/traces/jsonl_trace_reader.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/rng_streams.hpp"
#include "engine/tick_limits.hpp"
#include "scenarios/traces/trace_error.hpp"

namespace routelab {

namespace {

constexpr std::int64_t kMaxLayer = 1 << 12;
constexpr std::int64_t kMaxExpertId = 1 << 21;  // the engine packs expert ids into 22 bits
// Expert choices per row. The layer table is padded to the widest row, so one hostile row of 10^6
// ids would cost 10^6 slots for every token; real routers choose a handful (DeepSeek: 6).
constexpr std::size_t kMaxExpertsPerRow = 256;

struct Row {
  std::uint64_t tick = 0;
  std::uint64_t key = 0;
  std::size_t layer = 0;  // 0-based
  std::vector<ExpertId> experts;
};

// An empty string when `line` is a valid row (then `row` holds it), else why not.
std::string parse_row(const std::string& line, Row& row) {
  nlohmann::json object;
  std::string last_key;  // the parser names no key when a number overflows a double (1e400)
  const auto track = [&last_key](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && parsed.is_string()) last_key = parsed.get<std::string>();
    return true;
  };
  try {
    object = nlohmann::json::parse(line, track);
  } catch (const nlohmann::json::parse_error& error) {
    return std::string("not valid JSON (") + error.what() + ")";
  } catch (const nlohmann::json::out_of_range& error) {
    return "\"" + last_key + "\": a number beyond the range of a double (" + error.what() + ")";
  }
  if (!object.is_object()) return "expected a JSON object per line";
  const auto tick = object.find("tick");
  if (tick == object.end() || !tick->is_number_integer() || tick->get<std::int64_t>() < 0 ||
      tick->get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxTick))
    return "expected \"tick\": an integer 0.." + std::to_string(kMaxTick) + " (2^53)";
  row.tick = tick->get<std::uint64_t>();
  const auto key = object.find("key");
  if (key != object.end() && key->is_string()) {
    row.key = hash_string(key->get<std::string>());
  } else if (key != object.end() && key->is_number_unsigned()) {
    row.key = key->get<std::uint64_t>();
  } else {
    return "expected \"key\": a string (token text) or an integer >= 0";
  }
  row.layer = 0;
  if (const auto layer = object.find("layer"); layer != object.end()) {
    if (!layer->is_number_integer() || layer->get<std::int64_t>() < 1 || layer->get<std::int64_t>() > kMaxLayer)
      return "expected \"layer\": an integer 1.." + std::to_string(kMaxLayer);
    row.layer = layer->get<std::size_t>() - 1;
  }
  row.experts.clear();
  if (const auto experts = object.find("experts"); experts != object.end()) {
    if (!experts->is_array()) return "expected \"experts\": an array of expert ids";
    if (experts->size() > kMaxExpertsPerRow)
      return "expected \"experts\": at most " + std::to_string(kMaxExpertsPerRow) + " expert ids, got " +
             std::to_string(experts->size());
    for (const auto& expert : *experts) {
      if (!expert.is_number_integer() || expert.get<std::int64_t>() < 0 || expert.get<std::int64_t>() > kMaxExpertId)
        return "expected \"experts\": expert ids 0.." + std::to_string(kMaxExpertId);
      row.experts.push_back(expert.get<ExpertId>());
    }
  }
  return "";
}

}  // namespace

RoutingTrace read_jsonl_trace(std::istream& input, const std::string& name, bool skip_bad_rows,
                              const TraceExpectations& expected) {
  RoutingTrace trace;
  trace.source = name;
  trace.groups_are_ticks = true;
  // Experts per token vary between rows until the end; collect them, then pad to the widest.
  std::vector<std::vector<std::vector<ExpertId>>> experts_per_layer;
  std::string line;
  Row row;
  int widest_line = 0;  // the first row with the most experts, named when even it is short of k
  for (int number = 1; std::getline(input, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string why = parse_row(line, row);
    if (why.empty() && row.layer < trace.layers.size() && !trace.layers[row.layer].groups.empty() &&
        row.tick < trace.layers[row.layer].groups.back())
      why = "tick " + std::to_string(row.tick) + " goes back in time (the row before has " +
            std::to_string(trace.layers[row.layer].groups.back()) + ")";
    if (why.empty()) why = expert_ids_misfit(row.experts, expected);
    if (!why.empty()) {
      if (!skip_bad_rows) throw TraceError(name, number, why);
      if (trace.rows_skipped++ == 0) trace.first_skipped = name + ":" + std::to_string(number) + ": " + why;
      continue;
    }
    if (row.layer >= trace.layers.size()) {
      trace.layers.resize(row.layer + 1);
      experts_per_layer.resize(row.layer + 1);
    }
    trace.layers[row.layer].keys.push_back(row.key);
    trace.layers[row.layer].groups.push_back(row.tick);
    experts_per_layer[row.layer].push_back(row.experts);
    if (static_cast<int>(row.experts.size()) > trace.recorded_k) {
      trace.recorded_k = static_cast<int>(row.experts.size());
      widest_line = number;
    }
    if (!row.experts.empty())
      trace.max_expert = std::max(trace.max_expert, *std::max_element(row.experts.begin(), row.experts.end()));
    ++trace.rows;
  }
  if (input.bad()) throw IoError("reading trace file '" + name + "' failed");
  // Rows may record fewer experts than others (padded below), but a recording whose widest row
  // is short of routing.k cannot fill any token's k choices: the trace as a whole does not fit.
  if (trace.recorded_k > 0 && trace.recorded_k < expected.k)
    throw TraceError(name, widest_line,
                     "the widest row records " + std::to_string(trace.recorded_k) +
                         " experts, fewer than the scenario's routing.k = " + std::to_string(expected.k));
  const auto k = static_cast<std::size_t>(trace.recorded_k);
  for (std::size_t layer = 0; layer < trace.layers.size(); ++layer) {
    auto& flat = trace.layers[layer].experts;
    flat.assign(trace.layers[layer].size() * k, kNoExpert);
    for (std::size_t i = 0; i < experts_per_layer[layer].size(); ++i)
      std::copy(experts_per_layer[layer][i].begin(), experts_per_layer[layer][i].end(), flat.begin() + i * k);
  }
  return trace;
}

RoutingTrace read_jsonl_trace(const std::filesystem::path& path, bool skip_bad_rows,
                              const TraceExpectations& expected) {
  std::ifstream input(path, std::ios::binary);
  if (!input) throw IoError("cannot read trace file '" + path.string() + "'");
  return read_jsonl_trace(input, path.string(), skip_bad_rows, expected);
}

}  // namespace routelab
