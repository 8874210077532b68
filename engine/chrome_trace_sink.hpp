#pragma once
// Writes one run's part of a Chrome trace-event document (the JSON format that
// https://ui.perfetto.dev and chrome://tracing open): the events of one process, comma-separated,
// without the enclosing array, so the parts of every run of a comparison join into one trace.json
// (cli/comparison_exports.hpp adds the document around them and the provenance). The process holds:
//   - counter tracks per expert, "expert N": its arrivals and queue_peak per metric window;
//   - a counter track "run": dropped assignments per window;
//   - thread "batches": one complete event ("X") per batch, from its tick to the next batch's;
//   - thread "expert N overloads": one complete event per overload event, start to end.
// Ticks are written as microseconds (the shipped scenarios read 1 tick as 1 us).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/atomic_output_file.hpp"
#include "engine/metrics_sink.hpp"

namespace routelab {

class ChromeTraceSink : public MetricsSink {
 public:
  // `process_id` (> 0) keeps runs apart in one document; `label` names the process track.
  ChromeTraceSink(const OutputFileName& path, int process_id, const std::string& label);

  void on_window(const LoadWindow& window) override;
  void on_event(const OverloadEvent& event) override;
  void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) override;
  void commit();  // writes the last batch, closes and renames the file into place; throws IoError

  static constexpr int kBatchThread = 0;
  static constexpr int kFirstOverloadThread = 1;  // expert e's overloads: thread kFirstOverloadThread + e

 private:
  struct PendingBatch {
    Tick tick = 0;
    std::uint64_t index = 0;
    std::int64_t tokens = 0;
    std::int64_t placed = 0;  // assignments accepted by an expert
  };

  void begin_event();
  void write_thread_name(int thread, const std::string& name);
  void write_batch(const PendingBatch& batch, Tick end);

  AtomicOutputFile file_;
  int process_id_;
  bool first_event_ = true;
  std::optional<PendingBatch> pending_;  // a batch's slice ends where the next batch starts
  Tick last_window_end_ = 0;
  std::vector<bool> expert_thread_named_;
};

// `text` as a JSON string literal, quotes included (labels come from user files).
std::string json_quoted(const std::string& text);

}  // namespace routelab
