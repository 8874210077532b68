#pragma once
// Writes a run as a Chrome-trace JSON file (the "JSON Array/Object" trace-event format that
// chrome://tracing and https://ui.perfetto.dev open): one counter track per expert holding its
// assignments per metric window, and one instant event per overload. Ticks are written as
// microseconds (the shipped scenarios read 1 tick as 1 us). The file appears only complete.
#include <filesystem>
#include <string>

#include "engine/atomic_output_file.hpp"
#include "engine/metrics_sink.hpp"

namespace routelab {

class ChromeTraceSink : public MetricsSink {
 public:
  // `label` names the process track (e.g. the router); the file is created at `path`.
  ChromeTraceSink(const std::filesystem::path& path, const std::string& label);

  void on_window(const LoadWindow& window) override;
  void on_event(const OverloadEvent& event) override;
  void commit();  // closes the JSON document and renames the file into place; throws IoError

  static constexpr int kProcessId = 1;

 private:
  void begin_event();

  AtomicOutputFile file_;
  bool first_event_ = true;
};

}  // namespace routelab
