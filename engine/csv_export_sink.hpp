#pragma once
// Writes one run's per-window per-expert loads and its overload events as CSV rows (no header),
// each row led by the caller's run-key values ("hash,0,0,42,"), so that the rows of every run of a
// comparison concatenate into one tidy table (cli/comparison_exports.hpp writes the header and
// joins them). Through AtomicOutputFile: a run that fails before commit() leaves no file.
#include <filesystem>
#include <string>

#include "engine/atomic_output_file.hpp"
#include "engine/metrics_sink.hpp"

namespace routelab {

class CsvExportSink : public MetricsSink {
 public:
  // `key_values`: the leading columns of every row, comma-terminated ("" for none).
  CsvExportSink(const OutputFileName& windows_path, const OutputFileName& events_path, std::string key_values);

  void on_window(const LoadWindow& window) override;
  void on_event(const OverloadEvent& event) override;
  void commit();  // closes and renames both files into place; throws IoError on failure

  // The columns this sink writes after the key values (LoadWindow says what each counts):
  // `arrivals` and `dropped` at the expert the router picked, `accepted` (queued or started at
  // once) at the expert that took the assignment, `served` the completions there.
  static constexpr const char* kWindowColumns =
      "window,start_tick,end_tick,expert,arrivals,accepted,served,dropped,queue_peak,utilization";
  static constexpr const char* kEventColumns = "expert,start_tick,end_tick,peak,cause";

 private:
  std::string key_values_;
  AtomicOutputFile windows_;
  AtomicOutputFile events_;
};

}  // namespace routelab
