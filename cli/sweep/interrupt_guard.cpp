#include "cli/sweep/interrupt_guard.hpp"

namespace routelab::cli {

namespace {

// Lock-free atomics are async-signal-safe; the handler only stores.
std::atomic<bool> g_requested{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

void on_signal(int number) {
  g_signal.store(number);
  g_requested.store(true);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_requested = false;
  g_signal = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the second signal takes the default action: terminate now
  sigaction(SIGINT, &action, &old_int_);
  sigaction(SIGTERM, &action, &old_term_);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

const std::atomic<bool>& InterruptGuard::requested() const { return g_requested; }
int InterruptGuard::signal_number() const { return g_signal.load(); }

}  // namespace routelab::cli
