#include "cli/sweep/sweep_executor.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "cli/sweep/run_schedule.hpp"

namespace routelab::cli {

namespace {

// How often the writer wakes without a new result, to keep the progress display moving.
constexpr auto kWriterTick = std::chrono::milliseconds(200);

struct Mailbox {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<results::RunRecord> records;
  std::size_t workers_done = 0;
};

}  // namespace

ExecutionOutcome execute_runs(const RunContext& context, const std::vector<std::size_t>& planned_runs, int jobs,
                              bool stop_on_error, results::ResultsStore& store, SweepProgress& progress,
                              const std::atomic<bool>* interrupt) {
  ExecutionOutcome outcome;
  const std::vector<std::size_t> runs = longest_runs_first(context, planned_runs);
  const std::size_t workers = std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(std::max(jobs, 1)), runs.size()));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  Mailbox mailbox;
  auto work = [&] {
#ifdef _OPENMP
    omp_set_num_threads(1);  // a router's own OpenMP loops must not multiply the sweep's threads
#endif
    for (;;) {
      if (stop.load() || (interrupt && interrupt->load())) break;
      const std::size_t i = next.fetch_add(1);
      if (i >= runs.size()) break;
      results::RunRecord record = execute_run(context, context.plan.runs[runs[i]]);
      if (!record.ok && stop_on_error) stop = true;  // here, not in the writer: no new run may start after it
      std::lock_guard lock(mailbox.mutex);
      mailbox.records.push_back(std::move(record));
      mailbox.ready.notify_one();
    }
    std::lock_guard lock(mailbox.mutex);
    ++mailbox.workers_done;
    mailbox.ready.notify_one();
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers && !runs.empty(); ++w) threads.emplace_back(work);

  std::exception_ptr writer_error;
  for (;;) {
    if (interrupt && interrupt->load() && !outcome.interrupted) {
      outcome.interrupted = true;
      stop = true;
    }
    std::unique_lock lock(mailbox.mutex);
    mailbox.ready.wait_for(lock, kWriterTick,
                           [&] { return !mailbox.records.empty() || mailbox.workers_done == threads.size(); });
    if (mailbox.records.empty()) {
      if (mailbox.workers_done == threads.size()) break;
      lock.unlock();
      progress.update(outcome.ok, outcome.failed);
      continue;
    }
    results::RunRecord record = std::move(mailbox.records.front());
    mailbox.records.pop_front();
    lock.unlock();
    if (writer_error) continue;  // drain what the workers still deliver, write nothing more
    try {
      store.insert(record);
    } catch (...) {
      writer_error = std::current_exception();
      stop = true;
      continue;
    }
    ++(record.ok ? outcome.ok : outcome.failed);
    if (!record.ok && stop_on_error) {
      stop = true;
      outcome.stopped = true;
    }
    progress.update(outcome.ok, outcome.failed);
  }
  for (auto& thread : threads) thread.join();
  if (writer_error) std::rethrow_exception(writer_error);
  outcome.not_started = runs.size() - outcome.ok - outcome.failed;
  progress.finish(outcome.ok, outcome.failed);
  return outcome;
}

}  // namespace routelab::cli
