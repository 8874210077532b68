#pragma once
// Progress of `routelab sweep run` on stderr: a live bar redrawn in place on a terminal
// (done/total, runs/s, ETA, failures), plain periodic lines otherwise (logs, Slurm output files).
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace routelab::cli {

class SweepProgress {
 public:
  // `total` counts every selected run, `skipped` those already in the database.
  SweepProgress(std::FILE* out, bool live, std::size_t total, std::size_t skipped);

  // Called by the writer after each committed run, and periodically while waiting.
  void update(std::size_t ok, std::size_t failed);
  void finish(std::size_t ok, std::size_t failed);  // last redraw, then a newline on a terminal

  static std::string format_duration(double seconds);  // "42s", "3m07s", "2h05m"

 private:
  std::string status_text(std::size_t ok, std::size_t failed) const;
  void draw(std::size_t ok, std::size_t failed);

  std::FILE* out_;
  bool live_;
  std::size_t total_;
  std::size_t skipped_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace routelab::cli
