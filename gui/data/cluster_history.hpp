#pragma once
// What the UI knows about one run's expert-parallel steps, per window of the run's history: the
// copies each GPU computed and each directed link's busy time (level-of-detail pyramids, rows =
// GPUs or links), and per window the steps, their summed and slowest step time, all-to-all time
// and straggler ratio. Fed by the step model's own steps (ClusterStepRing), so its totals are the
// run's cluster figures (`routelab compare`'s step_time_mean, straggler_ratio, ...), not a second
// model's. A step belongs to the window its batch arrived in; windows close when the run's
// history has closed them.
//
// Its windows are whole multiples of the run's (span_windows() of them), never shorter than the
// scenario's batch interval (cluster_window_span): a step is one batch, so a window shorter than
// the interval between batches would hold a step or none, and the GPU and link heatmaps would
// alternate between a full column and an empty one (stripes) instead of showing the load.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/types.hpp"
#include "gui/data/cluster_step_ring.hpp"
#include "gui/data/lod_matrix.hpp"

namespace routelab::gui {

enum class ClusterMatrix { gpu_tokens, link_busy_us };
enum class ClusterScalar { steps, step_sum_us, step_max_us, alltoall_sum_us, straggler_sum };
inline constexpr int kClusterScalarCount = 5;

// The run's cluster figures, recomputed from the windows the view holds (summary_metrics.cpp's
// definitions: means over steps, the busiest link's share of the total step time).
struct ClusterTotals {
  std::int64_t steps = 0;
  double step_time_mean = 0;
  double straggler_ratio = 0;
  double alltoall_time_mean = 0;
  double link_utilization_max = 0;
  int busiest_link = -1;
  std::vector<double> gpu_tokens;    // per GPU, over the run
  std::vector<double> link_busy_us;  // per link, over the run
};

class ClusterHistory {
 public:
  // `span_windows` of the run's windows (of `window_ticks` each) make one of this history's windows.
  ClusterHistory(Tick window_ticks, std::int64_t span_windows, std::size_t detail_budget_bytes);

  // The first layout sets the rows; a later run of the same session (a trace layer) has the same.
  void set_layout(const ClusterLayout& layout);
  // Steps in arrival order; a step into a window already closed is a logic error.
  void add_step(const ClusterStepRecord& step);
  // The run's windows [0, run_windows) are complete (its history holds them): no step arrives there
  // any more, so every window of this history inside them closes. `run_finished`: the run's last
  // window is too, so the window holding it closes though its span reaches past the run.
  void close_through(std::int64_t run_windows, bool run_finished = false);

  bool has_layout() const { return layout_.has_value(); }
  const ClusterLayout& layout() const { return *layout_; }
  int gpus() const { return layout_ ? static_cast<int>(layout_->node_of_gpu.size()) : 0; }
  int links() const { return layout_ ? static_cast<int>(layout_->link_names.size()) : 0; }
  std::int64_t windows() const { return static_cast<std::int64_t>(scalars_[0].size()); }  // closed ones
  std::int64_t span_windows() const { return span_windows_; }
  // The run's windows that this history's closed windows span, and the window holding run window `w`.
  std::int64_t run_windows() const { return windows() * span_windows_; }
  std::int64_t window_of_run_window(std::int64_t w) const { return w / span_windows_; }
  // Only once the layout is known (has_layout()): a pyramid needs its row count.
  const LodMatrix& matrix(ClusterMatrix which) const { return which == ClusterMatrix::gpu_tokens ? *gpus_ : *links_; }
  std::span<const double> scalar(ClusterScalar which) const { return scalars_[static_cast<std::size_t>(which)]; }
  std::uint64_t version() const { return version_; }

  // Over the closed windows: sums of what they hold, kept as each window closes (O(rows) to read).
  ClusterTotals totals() const;

 private:
  void close_window();

  Tick window_ticks_ = 1;  // the run's window; this history's are span_windows_ times as long
  std::int64_t span_windows_ = 1;
  std::size_t detail_budget_bytes_ = 0;
  std::optional<ClusterLayout> layout_;
  std::optional<LodMatrix> gpus_;  // set with the layout: a pyramid needs at least one row
  std::optional<LodMatrix> links_;
  std::array<std::vector<double>, kClusterScalarCount> scalars_;
  // The open window (index windows()): its sums so far.
  std::vector<double> open_gpus_;
  std::vector<double> open_links_;
  std::array<double, kClusterScalarCount> open_scalars_{};
  std::vector<float> column_;  // the closing window's column, as the pyramid stores it
  // Sums over the closed windows.
  std::vector<double> total_gpus_;
  std::vector<double> total_links_;
  std::array<double, kClusterScalarCount> total_scalars_{};
  std::uint64_t version_ = 0;
};

}  // namespace routelab::gui
