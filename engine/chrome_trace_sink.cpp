#include "engine/chrome_trace_sink.hpp"

#include <algorithm>
#include <cstdio>

namespace routelab {

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

ChromeTraceSink::ChromeTraceSink(const OutputFileName& path, int process_id, const std::string& label)
    : file_(path), process_id_(process_id) {
  begin_event();
  file_.stream() << "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":" << process_id_
                 << ",\"tid\":0,\"args\":{\"name\":" << json_quoted(label) << "}}";
  begin_event();
  file_.stream() << "{\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":" << process_id_
                 << ",\"tid\":0,\"args\":{\"sort_index\":" << process_id_ << "}}";
  write_thread_name(kBatchThread, "batches");
}

void ChromeTraceSink::begin_event() {
  if (!first_event_) file_.stream() << ",\n";
  first_event_ = false;
}

void ChromeTraceSink::write_thread_name(int thread, const std::string& name) {
  begin_event();
  file_.stream() << "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":" << process_id_ << ",\"tid\":" << thread
                 << ",\"args\":{\"name\":" << json_quoted(name) << "}}";
}

void ChromeTraceSink::on_window(const LoadWindow& window) {
  // The tracks step to the window's values at its start.
  auto& out = file_.stream();
  for (std::size_t e = 0; e < window.arrivals.size(); ++e) {
    begin_event();
    out << "{\"name\":\"expert " << e << "\",\"ph\":\"C\",\"ts\":" << window.start << ",\"pid\":" << process_id_
        << ",\"tid\":0,\"args\":{\"arrivals\":" << window.arrivals[e] << ",\"queue_peak\":" << window.peak_queue[e]
        << "}}";
  }
  begin_event();
  out << "{\"name\":\"run\",\"ph\":\"C\",\"ts\":" << window.start << ",\"pid\":" << process_id_
      << ",\"tid\":0,\"args\":{\"dropped\":" << window.figures.drops << "}}";
  last_window_end_ = std::max(last_window_end_, window.end);
}

void ChromeTraceSink::on_event(const OverloadEvent& event) {
  const auto expert = static_cast<std::size_t>(event.expert);
  if (expert >= expert_thread_named_.size()) expert_thread_named_.resize(expert + 1, false);
  const int thread = kFirstOverloadThread + event.expert;
  if (!expert_thread_named_[expert]) {
    write_thread_name(thread, "expert " + std::to_string(event.expert) + " overloads");
    expert_thread_named_[expert] = true;
  }
  begin_event();
  file_.stream() << "{\"name\":\"overload\",\"cat\":\"overload\",\"ph\":\"X\",\"ts\":" << event.start
                 << ",\"dur\":" << std::max<Tick>(event.end - event.start, 0) << ",\"pid\":" << process_id_
                 << ",\"tid\":" << thread << ",\"args\":{\"expert\":" << event.expert << ",\"peak\":" << event.peak
                 << ",\"cause\":\"" << to_string(event.cause) << "\"}}";
}

void ChromeTraceSink::on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) {
  (void)k;
  if (pending_) write_batch(*pending_, batch.tick);
  const auto accepted = std::count_if(placed.begin(), placed.end(), [](ExpertId e) { return e >= 0; });
  pending_ = PendingBatch{batch.tick, batch.index, static_cast<std::int64_t>(batch.tokens.size()), accepted};
}

void ChromeTraceSink::write_batch(const PendingBatch& batch, Tick end) {
  begin_event();
  file_.stream() << "{\"name\":\"batch " << batch.index << "\",\"cat\":\"batch\",\"ph\":\"X\",\"ts\":" << batch.tick
                 << ",\"dur\":" << std::max<Tick>(end - batch.tick, 0) << ",\"pid\":" << process_id_
                 << ",\"tid\":" << kBatchThread << ",\"args\":{\"tokens\":" << batch.tokens
                 << ",\"accepted_assignments\":" << batch.placed << "}}";
}

void ChromeTraceSink::commit() {
  if (pending_) write_batch(*pending_, std::max(last_window_end_, pending_->tick));
  pending_.reset();
  if (!first_event_) file_.stream() << "\n";
  file_.commit();
}

}  // namespace routelab
