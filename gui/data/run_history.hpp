#pragma once
// Everything the UI knows about one run, owned by the UI thread: the per-window scalars (full
// resolution, 40 bytes a window), the per-expert channels (level-of-detail pyramids under a byte
// budget), the overload events and the final summary. Fed only by draining a MetricsRing.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/metrics.hpp"
#include "gui/data/channels.hpp"
#include "gui/data/cluster_history.hpp"
#include "gui/data/lod_matrix.hpp"
#include "gui/data/window_coverage.hpp"
#include "gui/data/window_record.hpp"

namespace routelab::gui {

class RunHistory {
 public:
  // 256 MiB per run keeps every window of 256 experts x ~30,000 windows at full detail for all four
  // channels; longer runs keep the recent windows exact and the older ones at 4- or 16-window
  // detail. Two runs side by side then stay well under 1 GB on a 16 GB desktop.
  static constexpr std::size_t kDefaultDetailBudgetBytes = std::size_t{256} << 20;

  // Events kept per run (40 bytes each, plus a table row); a run with more (the default scenario
  // under a one-choice router makes ~7 per batch) counts the rest in events_not_kept().
  static constexpr std::size_t kMaxEventsKept = 1000000;

  RunHistory(std::string label, int experts, Tick window_ticks,
             std::size_t detail_budget_bytes = kDefaultDetailBudgetBytes);

  void append(const WindowRecord& record);  // record.index must be windows()
  void add_event(const OverloadEvent& event);
  void set_summary(const Summary& summary) { summary_ = summary; ++version_; }
  // A run with a [cluster] also keeps its expert-parallel steps, per `span_windows` of its windows
  // (cluster_window_span: at least a batch interval).
  void enable_cluster(std::int64_t span_windows = 1);
  ClusterHistory* cluster() { return cluster_.get(); }
  const ClusterHistory* cluster() const { return cluster_.get(); }

  const std::string& label() const { return label_; }
  int experts() const { return experts_; }
  Tick window_ticks() const { return window_ticks_; }
  std::int64_t windows() const { return static_cast<std::int64_t>(scalars_[0].size()); }
  std::span<const double> scalar(WindowScalar which) const { return scalars_[static_cast<std::size_t>(index_of(which))]; }
  const LodMatrix& channel(ExpertChannel which) const { return channels_[static_cast<std::size_t>(index_of(which))]; }
  const std::vector<OverloadEvent>& events() const { return events_; }
  std::int64_t events_not_kept() const { return events_not_kept_; }
  const std::optional<Summary>& summary() const { return summary_; }
  bool finished() const { return summary_.has_value(); }
  std::size_t bytes_held() const;

  // Changes whenever anything is added: lets views skip re-rendering an unchanged run.
  std::uint64_t version() const { return version_; }

  // How much of each window the run covered: the engine ends the app's last window (and each
  // layer's) just after the last activity, and its utilization is over that shorter length.
  const WindowCoverage& coverage() const { return coverage_; }
  // Where the run's data ends, in windows: windows(), less the part of the last window after the
  // run's last activity when that window is partial.
  double end_window() const { return coverage_.end_window(windows()); }

  double window_of_tick(Tick tick) const { return static_cast<double>(tick) / static_cast<double>(window_ticks_); }
  Tick window_start_tick(std::int64_t window) const { return window * window_ticks_; }

 private:
  std::string label_;
  int experts_ = 0;
  Tick window_ticks_ = 1;
  WindowCoverage coverage_;
  std::array<std::vector<double>, kScalarCount> scalars_;
  std::vector<LodMatrix> channels_;
  std::vector<OverloadEvent> events_;
  std::int64_t events_not_kept_ = 0;
  std::optional<Summary> summary_;
  std::unique_ptr<ClusterHistory> cluster_;  // null without a [cluster]
  std::size_t detail_budget_bytes_ = 0;
  std::uint64_t version_ = 0;
};

}  // namespace routelab::gui
