#include "cli/run_progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace routelab::cli {

namespace {
// A run this short finishes before a line would help; on a terminal nothing is printed before it.
constexpr auto kQuietSpan = std::chrono::seconds(2);
constexpr auto kInterval = std::chrono::milliseconds(500);

std::string human(double value) {
  char text[32];
  if (value >= 1e9) {
    std::snprintf(text, sizeof text, "%.2fG", value / 1e9);
  } else if (value >= 1e6) {
    std::snprintf(text, sizeof text, "%.2fM", value / 1e6);
  } else if (value >= 1e3) {
    std::snprintf(text, sizeof text, "%.1fk", value / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.0f", value);
  }
  return text;
}
}  // namespace

RunProgress::RunProgress(double total_tokens, bool forced)
    : total_(total_tokens), forced_(forced), terminal_(::isatty(STDERR_FILENO) == 1),
      begin_(std::chrono::steady_clock::now()) {
  if (forced_ || terminal_) reporter_ = std::thread([this] { report_loop(); });
}

RunProgress::~RunProgress() { finish(); }

void RunProgress::on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) {
  (void)placed, (void)k;
  tokens_.fetch_add(static_cast<std::int64_t>(batch.tokens.size()), std::memory_order_relaxed);
}

void RunProgress::report_loop() {
  std::unique_lock lock(mutex_);
  if (!forced_ && wake_.wait_for(lock, kQuietSpan, [this] { return stopping_; })) return;
  while (!stopping_) {
    print(false);
    wake_.wait_for(lock, kInterval, [this] { return stopping_; });
  }
}

void RunProgress::print(bool last) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin_).count();
  const auto done = static_cast<double>(tokens_.load(std::memory_order_relaxed));
  const double rate = seconds > 0 ? done / seconds : 0;
  std::string line = "progress: " + human(done) + " tokens";
  if (total_ > 0 && !last) line += " of ~" + human(total_);
  line += ", " + human(rate) + " tokens/s";
  if (last) {
    char text[32];
    std::snprintf(text, sizeof text, ", %.1f s", seconds);
    line += text;
  } else if (total_ > done && rate > 0) {
    char text[32];
    std::snprintf(text, sizeof text, ", ETA %.0f s", (total_ - done) / rate);
    line += text;
  }
  // On a terminal the line is redrawn in place; elsewhere each one is a line of its own.
  if (terminal_) {
    std::fprintf(stderr, "\r%-72s%s", line.c_str(), last ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
  shown_ = true;
}

void RunProgress::finish() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (reporter_.joinable()) reporter_.join();
  std::lock_guard lock(mutex_);
  if (shown_) print(true);
}

}  // namespace routelab::cli
