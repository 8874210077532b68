#pragma once
// The worker thread of one router's runs: drives RunSequence::step_batch() under the run controls (run,
// pause, one batch, fast, until the next overload) and a speed limit. It talks to the UI only
// through the RingMetricsSink (data) and queued signals (state); it never waits for the UI.
#include <QThread>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "scenarios/run_builder/run_sequence.hpp"
#include "gui/data/ring_metrics_sink.hpp"

namespace routelab::gui {

enum class RunMode {
  paused,          // waits for a command (step_once runs exactly one batch)
  running,         // batches at the speed limit
  fast,            // batches as fast as possible (the UI skips repaints until the end)
  until_overload,  // like running, then pauses after the batch that reported an overload event
};

class SimulationThread : public QThread {
  Q_OBJECT

 public:
  // The first step builds the first run on this thread (a learned router may train first).
  SimulationThread(RunSequence& runs, const RingMetricsSink& sink, QObject* parent = nullptr);
  ~SimulationThread() override;  // stops and joins

  void set_mode(RunMode mode);
  void step_once();                          // pauses, then runs one batch
  void step_more(std::int64_t batches);      // pauses, then runs that many more batches
  void set_batches_per_second(double rate);  // <= 0: no limit
  void stop();

  RunMode mode() const;
  // Paused with no batch requested or in progress: batches() stays put until the next command.
  bool idle() const;
  bool run_finished() const { return finished_.load(std::memory_order_acquire); }
  std::int64_t batches() const { return batches_.load(std::memory_order_acquire); }

 signals:
  void paused_at_overload();
  void finished_run();
  void failed(const QString& message);
  void mode_changed();

 protected:
  void run() override;

 private:
  using Clock = std::chrono::steady_clock;

  RunSequence& runs_;
  const RingMetricsSink& sink_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  RunMode mode_ = RunMode::paused;
  std::int64_t steps_requested_ = 0;
  bool in_batch_ = false;
  double batches_per_second_ = 0;
  bool stop_ = false;
  Clock::time_point next_batch_due_{};
  std::atomic<bool> finished_{false};
  std::atomic<std::int64_t> batches_{0};
};

}  // namespace routelab::gui
