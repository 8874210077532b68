#include "cli/sweep/sweep_progress.hpp"

#include <fmt/format.h>

namespace routelab::cli {

namespace {

// Redraw the live bar at most this often: smooth to the eye, negligible cost per run.
constexpr auto kLiveInterval = std::chrono::milliseconds(100);
// Plain lines this often: enough to follow a batch job's log without flooding it.
constexpr auto kPlainInterval = std::chrono::seconds(10);
constexpr int kBarWidth = 30;

}  // namespace

SweepProgress::SweepProgress(std::FILE* out, bool live, std::size_t total, std::size_t skipped)
    : out_(out),
      live_(live),
      total_(total),
      skipped_(skipped),
      started_(std::chrono::steady_clock::now()),
      last_draw_(started_) {}

std::string SweepProgress::format_duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e9) return "?";
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

std::string SweepProgress::status_text(std::size_t ok, std::size_t failed) const {
  const std::size_t executed = ok + failed;
  const std::size_t done = skipped_ + executed;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const double rate = elapsed > 0 ? static_cast<double>(executed) / elapsed : 0.0;
  const std::string eta = rate > 0 ? format_duration(static_cast<double>(total_ - done) / rate) : "?";
  return fmt::format("{}/{} runs, {:.1f} runs/s, ETA {}, {} failed", done, total_, rate, eta, failed);
}

void SweepProgress::draw(std::size_t ok, std::size_t failed) {
  const std::size_t done = skipped_ + ok + failed;
  if (live_) {
    const int filled = total_ ? static_cast<int>(kBarWidth * static_cast<double>(done) / static_cast<double>(total_)) : kBarWidth;
    fmt::print(out_, "\r\033[K[{}{}] {}", std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(kBarWidth - filled), '.'), status_text(ok, failed));
  } else {
    fmt::print(out_, "sweep: {}\n", status_text(ok, failed));
  }
  std::fflush(out_);
  drawn_ = true;
}

void SweepProgress::update(std::size_t ok, std::size_t failed) {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < (live_ ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(kLiveInterval)
                                : std::chrono::duration_cast<std::chrono::steady_clock::duration>(kPlainInterval)))
    return;
  last_draw_ = now;
  draw(ok, failed);
}

void SweepProgress::finish(std::size_t ok, std::size_t failed) {
  if (live_) {
    draw(ok, failed);
    fmt::print(out_, "\n");
  } else if (drawn_) {
    draw(ok, failed);
  }
  std::fflush(out_);
}

}  // namespace routelab::cli
