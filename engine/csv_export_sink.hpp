#pragma once
// Writes per-window per-expert loads (long format) and overload events as CSV. Files are written
// under temporary names and renamed by commit(), so a failed run never leaves a partial file.
#include <filesystem>
#include <fstream>

#include "engine/metrics_sink.hpp"

namespace routelab {

class CsvExportSink : public MetricsSink {
 public:
  // Files: <prefix>windows.csv and <prefix>overload_events.csv in `directory` (created if missing).
  CsvExportSink(const std::filesystem::path& directory, const std::string& prefix);
  ~CsvExportSink() override;

  void on_window(const LoadWindow& window) override;
  void on_event(const OverloadEvent& event) override;
  void commit();  // closes and renames the files into place; throws IoError on failure

  static constexpr const char* kWindowsHeader = "window,start_tick,end_tick,expert,arrivals,drops,peak_queue,utilization";
  static constexpr const char* kEventsHeader = "expert,start_tick,end_tick,peak,cause";

 private:
  std::filesystem::path windows_path_;
  std::filesystem::path events_path_;
  std::ofstream windows_;
  std::ofstream events_;
  bool committed_ = false;
};

}  // namespace routelab
