#pragma once
// While a sweep runs, SIGINT and SIGTERM (Ctrl-C, Slurm's time limit, scancel) ask it to stop
// gracefully: no new run starts, runs in flight finish and are committed, the summary is printed.
// A second signal kills at once (the handlers reset themselves after the first).
#include <atomic>
#include <csignal>

namespace routelab::cli {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handlers
  ~InterruptGuard();  // restores the previous ones
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  const std::atomic<bool>& requested() const;
  int signal_number() const;  // the signal that asked, 0 if none

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace routelab::cli
