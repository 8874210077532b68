#include "gui/data/cluster_history.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace routelab::gui {

namespace {
constexpr auto index_of(ClusterScalar scalar) { return static_cast<std::size_t>(scalar); }
}  // namespace

ClusterHistory::ClusterHistory(Tick window_ticks, std::int64_t span_windows, std::size_t detail_budget_bytes)
    : window_ticks_(window_ticks > 0 ? window_ticks : 1),
      span_windows_(span_windows > 0 ? span_windows : 1),
      detail_budget_bytes_(detail_budget_bytes) {}

void ClusterHistory::set_layout(const ClusterLayout& layout) {
  if (layout_) {
    if (!(*layout_ == layout)) throw std::logic_error("ClusterHistory::set_layout: a later run has another topology");
    return;
  }
  layout_ = layout;
  gpus_.emplace(gpus(), detail_budget_bytes_ / 2);
  links_.emplace(links(), detail_budget_bytes_ / 2);
  open_gpus_.assign(static_cast<std::size_t>(gpus()), 0.0);
  open_links_.assign(static_cast<std::size_t>(links()), 0.0);
  total_gpus_ = open_gpus_;
  total_links_ = open_links_;
  ++version_;
}

void ClusterHistory::add_step(const ClusterStepRecord& step) {
  if (!layout_ || step.gpu_tokens.size() != open_gpus_.size() || step.link_busy_us.size() != open_links_.size())
    throw std::logic_error("ClusterHistory::add_step: a step that does not fit the layout");
  const std::int64_t window = step.arrival / (window_ticks_ * span_windows_);
  if (window < windows())
    throw std::logic_error("ClusterHistory::add_step: a step at tick " + std::to_string(step.arrival) +
                           " into closed window " + std::to_string(window));
  while (windows() < window) close_window();
  for (std::size_t g = 0; g < open_gpus_.size(); ++g) open_gpus_[g] += static_cast<double>(step.gpu_tokens[g]);
  for (std::size_t l = 0; l < open_links_.size(); ++l) open_links_[l] += step.link_busy_us[l];
  open_scalars_[index_of(ClusterScalar::steps)] += 1;
  open_scalars_[index_of(ClusterScalar::step_sum_us)] += step.step_us;
  auto& slowest = open_scalars_[index_of(ClusterScalar::step_max_us)];
  slowest = std::max(slowest, step.step_us);
  open_scalars_[index_of(ClusterScalar::alltoall_sum_us)] += step.alltoall_us;
  open_scalars_[index_of(ClusterScalar::straggler_sum)] += step.straggler;
  ++version_;
}

void ClusterHistory::close_through(std::int64_t run_windows, bool run_finished) {
  if (!layout_) return;
  const std::int64_t closed = run_finished ? (run_windows + span_windows_ - 1) / span_windows_ : run_windows / span_windows_;
  while (windows() < closed) close_window();
}

void ClusterHistory::close_window() {
  auto append = [this](std::vector<double>& open, std::vector<double>& total, LodMatrix& matrix) {
    column_.assign(open.begin(), open.end());
    matrix.append(column_);
    for (std::size_t r = 0; r < open.size(); ++r) total[r] += open[r];
    std::fill(open.begin(), open.end(), 0.0);
  };
  append(open_gpus_, total_gpus_, *gpus_);
  append(open_links_, total_links_, *links_);
  for (std::size_t s = 0; s < scalars_.size(); ++s) {
    scalars_[s].push_back(open_scalars_[s]);
    total_scalars_[s] = s == index_of(ClusterScalar::step_max_us) ? std::max(total_scalars_[s], open_scalars_[s])
                                                                   : total_scalars_[s] + open_scalars_[s];
  }
  open_scalars_.fill(0);
  ++version_;
}

ClusterTotals ClusterHistory::totals() const {
  ClusterTotals totals;
  totals.gpu_tokens = total_gpus_;
  totals.link_busy_us = total_links_;
  const double steps = total_scalars_[index_of(ClusterScalar::steps)];
  const double step_sum = total_scalars_[index_of(ClusterScalar::step_sum_us)];
  totals.steps = static_cast<std::int64_t>(steps);
  if (steps == 0) return totals;
  totals.step_time_mean = step_sum / steps;
  totals.straggler_ratio = total_scalars_[index_of(ClusterScalar::straggler_sum)] / steps;
  totals.alltoall_time_mean = total_scalars_[index_of(ClusterScalar::alltoall_sum_us)] / steps;
  if (!totals.link_busy_us.empty() && step_sum > 0) {
    const auto busiest = std::max_element(totals.link_busy_us.begin(), totals.link_busy_us.end());
    totals.busiest_link = static_cast<int>(busiest - totals.link_busy_us.begin());
    totals.link_utilization_max = *busiest / step_sum;
  }
  return totals;
}

}  // namespace routelab::gui
