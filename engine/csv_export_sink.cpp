#include "engine/csv_export_sink.hpp"

#include <cstdio>
#include <system_error>

#include "core/errors.hpp"
#include "engine/write_failure.hpp"

namespace routelab {

namespace {
std::filesystem::path temporary(const std::filesystem::path& path) {
  return std::filesystem::path(path.string() + ".partial");
}

void open_or_throw(std::ofstream& stream, const std::filesystem::path& path) {
  stream.open(path, std::ios::out | std::ios::trunc);
  if (!stream) throw IoError("cannot write '" + path.string() + "'");
}
}  // namespace

CsvExportSink::CsvExportSink(const std::filesystem::path& directory, const std::string& prefix)
    : windows_path_(directory / (prefix + "windows.csv")), events_path_(directory / (prefix + "overload_events.csv")) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw IoError("cannot create directory '" + directory.string() + "': " + ec.message());
  open_or_throw(windows_, temporary(windows_path_));
  open_or_throw(events_, temporary(events_path_));
  windows_ << kWindowsHeader << '\n';
  events_ << kEventsHeader << '\n';
}

CsvExportSink::~CsvExportSink() {
  if (committed_) return;
  windows_.close();
  events_.close();
  std::error_code ec;
  std::filesystem::remove(temporary(windows_path_), ec);
  std::filesystem::remove(temporary(events_path_), ec);
}

void CsvExportSink::on_window(const LoadWindow& window) {
  char utilization[32];
  for (std::size_t e = 0; e < window.arrivals.size(); ++e) {
    std::snprintf(utilization, sizeof utilization, "%.6f", window.utilization[e]);
    windows_ << window.index << ',' << window.start << ',' << window.end << ',' << e << ',' << window.arrivals[e]
             << ',' << window.drops[e] << ',' << window.peak_queue[e] << ',' << utilization << '\n';
  }
}

void CsvExportSink::on_event(const OverloadEvent& event) {
  events_ << event.expert << ',' << event.start << ',' << event.end << ',' << event.peak << ','
          << to_string(event.cause) << '\n';
}

void CsvExportSink::commit() {
  windows_.close();
  events_.close();
  if (!windows_) throw IoError(describe_write_failure(temporary(windows_path_), windows_path_));
  if (!events_) throw IoError(describe_write_failure(temporary(events_path_), events_path_));
  std::error_code ec;
  std::filesystem::rename(temporary(windows_path_), windows_path_, ec);
  if (!ec) std::filesystem::rename(temporary(events_path_), events_path_, ec);
  if (ec) throw IoError("cannot move results into '" + windows_path_.parent_path().string() + "': " + ec.message());
  committed_ = true;
}

}  // namespace routelab
