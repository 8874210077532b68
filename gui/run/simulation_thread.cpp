#include "gui/run/simulation_thread.hpp"

#include <algorithm>
#include <exception>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace {
// Simulation threads run at a lower CPU priority than the UI thread (nice +5 gives the UI thread
// about three times their weight when they compete for a core), so repainting keeps its pace
// while runs use every spare cycle. Lowering one's own priority needs no privilege.
constexpr int kSimulationNiceIncrement = 5;

void lower_this_thread_priority() {
#ifdef __linux__
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  const int current = getpriority(PRIO_PROCESS, tid);
  (void)setpriority(PRIO_PROCESS, tid, current + kSimulationNiceIncrement);  // best effort
#endif
}
}  // namespace

namespace routelab::gui {

SimulationThread::SimulationThread(RunSequence& runs, const RingMetricsSink& sink, QObject* parent)
    : QThread(parent), runs_(runs), sink_(sink) {}

SimulationThread::~SimulationThread() {
  stop();
  wait();
}

void SimulationThread::set_mode(RunMode mode) {
  {
    std::lock_guard lock(mutex_);
    mode_ = mode;
    steps_requested_ = 0;
    next_batch_due_ = Clock::now();
  }
  wake_.notify_all();
  emit mode_changed();
}

void SimulationThread::step_once() { step_more(1); }

void SimulationThread::step_more(std::int64_t batches) {
  {
    std::lock_guard lock(mutex_);
    mode_ = RunMode::paused;
    steps_requested_ += std::max<std::int64_t>(batches, 0);
  }
  wake_.notify_all();
  emit mode_changed();
}

bool SimulationThread::idle() const {
  std::lock_guard lock(mutex_);
  return mode_ == RunMode::paused && steps_requested_ == 0 && !in_batch_;
}

void SimulationThread::set_batches_per_second(double rate) {
  {
    std::lock_guard lock(mutex_);
    batches_per_second_ = rate;
    next_batch_due_ = Clock::now();
  }
  wake_.notify_all();
}

void SimulationThread::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
}

RunMode SimulationThread::mode() const {
  std::lock_guard lock(mutex_);
  return mode_;
}

void SimulationThread::run() {
  lower_this_thread_priority();
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (mode_ == RunMode::paused && steps_requested_ == 0) {
      wake_.wait(lock);
      continue;
    }
    const bool single_step = mode_ == RunMode::paused;
    const bool paced = !single_step && mode_ != RunMode::fast && batches_per_second_ > 0;
    if (paced) {
      // Waiting for the wall clock (the speed limit), interruptible by any command.
      if (Clock::now() < next_batch_due_) {
        wake_.wait_until(lock, next_batch_due_);
        continue;
      }
      const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / batches_per_second_));
      next_batch_due_ = std::max(next_batch_due_ + period, Clock::now() - 4 * period);
    }
    if (single_step) --steps_requested_;
    const RunMode mode = mode_;
    in_batch_ = true;
    lock.unlock();

    const std::int64_t events_before = sink_.events_seen();
    bool more = false;
    QString error;
    try {
      more = runs_.step_batch();
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
    batches_.store(runs_.batches(), std::memory_order_release);

    lock.lock();
    in_batch_ = false;
    if (!error.isEmpty()) {
      finished_.store(true, std::memory_order_release);
      lock.unlock();
      emit failed(error);
      return;
    }
    if (!more) {
      finished_.store(true, std::memory_order_release);
      lock.unlock();
      emit finished_run();
      return;
    }
    if (mode == RunMode::until_overload && mode_ == RunMode::until_overload && sink_.events_seen() > events_before) {
      mode_ = RunMode::paused;
      lock.unlock();
      emit paused_at_overload();
      emit mode_changed();
      lock.lock();
    }
  }
}

}  // namespace routelab::gui
