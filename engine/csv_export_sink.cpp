#include "engine/csv_export_sink.hpp"

#include <cstdio>

namespace routelab {

CsvExportSink::CsvExportSink(const OutputFileName& windows_path, const OutputFileName& events_path,
                             std::string key_values)
    : key_values_(std::move(key_values)), windows_(windows_path), events_(events_path) {}

void CsvExportSink::on_window(const LoadWindow& window) {
  char utilization[32];
  auto& out = windows_.stream();
  for (std::size_t e = 0; e < window.arrivals.size(); ++e) {
    std::snprintf(utilization, sizeof utilization, "%.6f", window.utilization[e]);
    out << key_values_ << window.index << ',' << window.start << ',' << window.end << ',' << e << ','
        << window.arrivals[e] << ',' << window.accepted[e] << ',' << window.served[e] << ',' << window.drops[e]
        << ',' << window.peak_queue[e] << ',' << utilization << '\n';
  }
}

void CsvExportSink::on_event(const OverloadEvent& event) {
  events_.stream() << key_values_ << event.expert << ',' << event.start << ',' << event.end << ',' << event.peak
                   << ',' << to_string(event.cause) << '\n';
}

void CsvExportSink::commit() {
  windows_.commit();
  events_.commit();
}

}  // namespace routelab
