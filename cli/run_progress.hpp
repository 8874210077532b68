#pragma once
// The progress line of `routelab run` and `compare`: tokens admitted so far over the estimate,
// tokens/s and the time left, on stderr. On a terminal it appears once the work has taken two
// seconds and is redrawn in place; `--progress` forces it anywhere (a line every half second,
// from the start). It counts tokens through a sink shared by every run of the comparison, so it
// never changes what the runs compute or print on stdout.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "engine/metrics_sink.hpp"

namespace routelab::cli {

class RunProgress : public MetricsSink {
 public:
  // `total_tokens`: the estimate over every run (0: unknown, no ETA). `forced`: --progress.
  RunProgress(double total_tokens, bool forced);
  ~RunProgress() override;
  RunProgress(const RunProgress&) = delete;
  RunProgress& operator=(const RunProgress&) = delete;

  // Called by each run's simulation thread; only an atomic add.
  void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) override;
  // Stops the reporter and, if a line was shown, prints the last one.
  void finish();

 private:
  void report_loop();
  void print(bool last);

  double total_;
  bool forced_;
  bool terminal_;
  std::atomic<std::int64_t> tokens_{0};
  std::chrono::steady_clock::time_point begin_;
  bool shown_ = false;
  bool stopping_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread reporter_;
};

}  // namespace routelab::cli
