#include "engine/chrome_trace_sink.hpp"

#include <cstdio>

namespace routelab {

namespace {

// JSON string escaping for the few strings written here (labels come from user files).
std::string json_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace

ChromeTraceSink::ChromeTraceSink(const std::filesystem::path& path, const std::string& label) : file_(path) {
  file_.stream() << "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n";
  begin_event();
  file_.stream() << "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":" << kProcessId
                 << ",\"args\":{\"name\":" << json_quoted("routelab " + label) << "}}";
}

void ChromeTraceSink::begin_event() {
  if (!first_event_) file_.stream() << ",\n";
  first_event_ = false;
}

void ChromeTraceSink::on_window(const LoadWindow& window) {
  // One counter event per expert and window: the track steps to the window's arrivals at its start.
  for (std::size_t e = 0; e < window.arrivals.size(); ++e) {
    begin_event();
    file_.stream() << "{\"name\":\"expert " << e << "\",\"ph\":\"C\",\"ts\":" << window.start
                   << ",\"pid\":" << kProcessId << ",\"args\":{\"arrivals\":" << window.arrivals[e] << "}}";
  }
}

void ChromeTraceSink::on_event(const OverloadEvent& event) {
  begin_event();
  file_.stream() << "{\"name\":\"overload expert " << event.expert << "\",\"ph\":\"i\",\"s\":\"p\",\"ts\":"
                 << event.start << ",\"pid\":" << kProcessId << ",\"tid\":" << kProcessId
                 << ",\"args\":{\"expert\":" << event.expert << ",\"end_tick\":" << event.end
                 << ",\"peak\":" << event.peak << ",\"cause\":\"" << to_string(event.cause) << "\"}}";
}

void ChromeTraceSink::commit() {
  file_.stream() << "\n]}\n";
  file_.commit();
}

}  // namespace routelab
