#pragma once
// The export files of a comparison under `--out DIR`, one of each for all its runs (every router,
// replication and layer), tidy: each row leads with the run-key columns (kRunKeyColumns), so one
// file is one table. While the runs go in parallel each run writes its own rows into
// DIR/.parts/ (RunExports); join_run_exports() then writes each file as the header followed by
// the runs' parts in comparison order and removes .parts, so the files are the same for any
// thread count and no run's rows are ever held in memory.
//   windows.csv            per-window per-expert loads (CsvExportSink::kWindowColumns)
//   overload_events.csv    overload events (CsvExportSink::kEventColumns)
//   latency_histogram.csv  token-latency buckets (LatencyHistogramExport::kColumns)
//   tokens.csv             one row per token (TokenCsvSink::kColumns), with --tokens-csv only
//   trace.json             a Chrome/Perfetto trace: one process per run (ChromeTraceSink), the
//                          provenance in "otherData" and in a "provenance" metadata slice.
#include <filesystem>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/chrome_trace_sink.hpp"
#include "engine/csv_export_sink.hpp"
#include "engine/latency_histogram_export.hpp"
#include "engine/simulation.hpp"
#include "engine/token_csv_sink.hpp"
#include "scenarios/run_builder/run_key.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::cli {

inline constexpr const char* kRunKeyColumns = "router,replication,layer,seed";

struct ExportOptions {
  bool token_rows = false;  // --tokens-csv: write tokens.csv
};

// The exports of run number `index` of a comparison (its position in comparison_runs()).
class RunExports {
 public:
  RunExports(const std::filesystem::path& directory, std::size_t index, const RunKey& key,
             const ScenarioSpec& scenario, const ExportOptions& options);

  std::vector<MetricsSink*> sinks();
  void observe(Simulation& simulation);  // adds the token observers (before the run starts)
  void commit();                         // moves this run's parts into place; throws IoError

 private:
  CsvExportSink loads_;
  ChromeTraceSink trace_;
  LatencyHistogramExport latencies_;
  std::unique_ptr<TokenCsvSink> tokens_;
};

// Joins the parts under `directory` into the files above and removes DIR/.parts. Throws IoError
// naming the joined file (DIR/windows.csv, never a part); DIR/.parts and the failed file's
// .partial are removed then too, files joined before it stay (under --out, DIR is the staging
// directory, which the caller's OutputTransaction discards). `provenance`: the report's
// provenance object, written into trace.json.
void join_run_exports(const std::filesystem::path& directory, const nlohmann::ordered_json& provenance);

}  // namespace routelab::cli
