#include "cli/comparison_exports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <system_error>

#include "cli/run_output.hpp"
#include "core/errors.hpp"
#include "engine/atomic_output_file.hpp"

namespace routelab::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kPartsDirectory = ".parts";

struct TableFile {
  const char* name;
  const char* columns;  // after kRunKeyColumns
};

const TableFile kWindows{"windows.csv", CsvExportSink::kWindowColumns};
const TableFile kEvents{"overload_events.csv", CsvExportSink::kEventColumns};
const TableFile kLatencies{"latency_histogram.csv", LatencyHistogramExport::kColumns};
const TableFile kTokens{"tokens.csv", TokenCsvSink::kColumns};
constexpr const char* kTraceName = "trace.json";

// A part's name sorts in comparison order: "000012.windows.csv". Its errors name the file it is
// part of, DIR/windows.csv: .parts is this file's business, not the user's.
OutputFileName part_path(const fs::path& directory, std::size_t index, const char* name) {
  return {directory / kPartsDirectory / fmt::format("{:06}.{}", index, name), directory / name};
}

// Removes DIR/.parts when the join ends, whether it completed or threw.
class PartsCleanup {
 public:
  explicit PartsCleanup(fs::path parts) : parts_(std::move(parts)) {}
  ~PartsCleanup() {
    std::error_code ec;
    if (!done_) fs::remove_all(parts_, ec);
  }
  PartsCleanup(const PartsCleanup&) = delete;
  PartsCleanup& operator=(const PartsCleanup&) = delete;
  void remove_now(const fs::path& directory) {
    std::error_code ec;
    fs::remove_all(parts_, ec);
    done_ = true;
    if (ec)
      throw IoError("cannot finish the exports in '" + directory.string() + "': their temporary files cannot be removed (" +
                    ec.message() + ")");
  }

 private:
  fs::path parts_;
  bool done_ = false;
};

std::string key_values(const RunKey& key, const ScenarioSpec& scenario) {
  return fmt::format("{},{},{},{},", key.router.name, key.replication, key.layer, scenario.simulation.master_seed);
}

std::string process_label(const RunKey& key, const ScenarioSpec& scenario) {
  std::string label = key.router.name;
  if (key.layer > 0) label += fmt::format(" layer {}", key.layer);
  if (scenario.replications > 1) label += fmt::format(" replication {}", key.replication);
  return label;
}

// The parts named `name`, in comparison order.
std::vector<fs::path> parts_named(const fs::path& directory, const std::string& name) {
  std::vector<fs::path> parts;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory / kPartsDirectory, ec)) {
    const std::string file = entry.path().filename().string();
    if (file.size() > name.size() + 1 && file.compare(file.size() - name.size(), name.size(), name) == 0 &&
        file[file.size() - name.size() - 1] == '.' && file.find('.') == file.size() - name.size() - 1)
      parts.push_back(entry.path());
  }
  std::sort(parts.begin(), parts.end());
  return parts;
}

// Appends a run's part to `file`, the joined file that failures name.
void append_part(AtomicOutputFile& file, const fs::path& part) {
  std::ifstream in(part, std::ios::binary);
  if (!in) throw IoError("cannot write '" + file.path().string() + "': a run's rows for it cannot be read back");
  if (in.peek() != std::ifstream::traits_type::eof()) file.stream() << in.rdbuf();
}

void join_table(const fs::path& directory, const TableFile& table) {
  const auto parts = parts_named(directory, table.name);
  if (parts.empty()) return;  // tokens.csv without --tokens-csv
  AtomicOutputFile file(directory / table.name);
  file.stream() << kRunKeyColumns << ',' << table.columns << '\n';
  for (const auto& part : parts) append_part(file, part);
  file.commit();
}

bool is_empty_file(const fs::path& path) {
  std::error_code ec;
  return fs::file_size(path, ec) == 0 || ec;
}

void join_trace(const fs::path& directory, const nlohmann::ordered_json& provenance) {
  const auto parts = parts_named(directory, kTraceName);
  if (parts.empty()) return;
  AtomicOutputFile file(directory / kTraceName);
  auto& out = file.stream();
  // "otherData" is the trace-event format's free-form metadata (chrome://tracing shows it); the
  // metadata slice at ts 0 in process 0 shows the same in Perfetto's UI, which ignores otherData.
  nlohmann::ordered_json provenance_slice{{"name", "provenance"}, {"cat", "routelab"}, {"ph", "X"}, {"ts", 0},
                                          {"dur", 0}, {"pid", 0}, {"tid", 0}, {"args", provenance}};
  const nlohmann::ordered_json process_name{
      {"name", "process_name"}, {"ph", "M"}, {"pid", 0}, {"tid", 0}, {"args", {{"name", "routelab provenance"}}}};
  out << "{\"displayTimeUnit\":\"ms\",\"otherData\":" << dump_json(provenance) << ",\"traceEvents\":[\n"
      << process_name.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << ",\n"
      << provenance_slice.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  for (const auto& part : parts) {
    if (is_empty_file(part)) continue;
    out << ",\n";
    append_part(file, part);
  }
  out << "]}\n";
  file.commit();
}

}  // namespace

RunExports::RunExports(const fs::path& directory, std::size_t index, const RunKey& key, const ScenarioSpec& scenario,
                       const ExportOptions& options)
    : loads_(part_path(directory, index, kWindows.name), part_path(directory, index, kEvents.name),
             key_values(key, scenario)),
      trace_(part_path(directory, index, kTraceName), static_cast<int>(index) + 1, process_label(key, scenario)),
      latencies_(part_path(directory, index, kLatencies.name), key_values(key, scenario)) {
  if (options.token_rows)
    tokens_ = std::make_unique<TokenCsvSink>(part_path(directory, index, kTokens.name), key_values(key, scenario));
}

std::vector<MetricsSink*> RunExports::sinks() {
  std::vector<MetricsSink*> sinks{&loads_, &trace_};
  if (tokens_) sinks.push_back(tokens_.get());
  return sinks;
}

void RunExports::observe(Simulation& simulation) {
  simulation.add_token_observer(latencies_);
  if (tokens_) simulation.add_token_observer(*tokens_);
}

void RunExports::commit() {
  loads_.commit();
  trace_.commit();
  latencies_.commit();
  if (tokens_) tokens_->commit();
}

void join_run_exports(const fs::path& directory, const nlohmann::ordered_json& provenance) {
  if (!fs::is_directory(directory / kPartsDirectory)) return;
  PartsCleanup parts(directory / kPartsDirectory);
  for (const TableFile& table : {kWindows, kEvents, kLatencies, kTokens}) join_table(directory, table);
  join_trace(directory, provenance);
  parts.remove_now(directory);
}

}  // namespace routelab::cli
