#pragma once
// Runs the selected runs of a plan on N threads and writes each result to the store as it
// arrives. Workers only compute; the calling thread is the only writer and commits every run in
// its own transaction, so the database content does not depend on N or on the finishing order.
#include <atomic>
#include <cstddef>
#include <vector>

#include "cli/sweep/run_records.hpp"
#include "cli/sweep/sweep_progress.hpp"
#include "results/results_store.hpp"

namespace routelab::cli {

struct ExecutionOutcome {
  std::size_t ok = 0;
  std::size_t failed = 0;
  std::size_t not_started = 0;  // left over after --stop-on-error
  bool stopped = false;       // by --stop-on-error
  bool interrupted = false;   // by `interrupt` (a signal)
};

// When `interrupt` becomes true, no new run starts; runs in flight are finished and stored.
ExecutionOutcome execute_runs(const RunContext& context, const std::vector<std::size_t>& runs, int jobs,
                              bool stop_on_error, results::ResultsStore& store, SweepProgress& progress,
                              const std::atomic<bool>* interrupt = nullptr);

}  // namespace routelab::cli
