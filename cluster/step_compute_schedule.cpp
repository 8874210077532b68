#include "cluster/step_compute_schedule.hpp"

#include <algorithm>

namespace routelab::cluster {

StepComputeSchedule::StepComputeSchedule(const ClusterSpec& spec, int num_experts)
    : spec_(spec), num_experts_(num_experts), position_(static_cast<std::size_t>(spec.gpus()) * num_experts, 0) {}

void StepComputeSchedule::schedule(const StepFigures& step, std::span<const ExpertId> placed,
                                   std::span<const int> assignment_gpu, std::vector<double>& done_us) {
  const auto experts = static_cast<std::size_t>(num_experts_);
  std::fill(position_.begin(), position_.end(), 0);
  for (std::size_t slot = 0; slot < placed.size(); ++slot)
    if (placed[slot] >= 0) ++position_[static_cast<std::size_t>(assignment_gpu[slot]) * experts + placed[slot]];
  // Counts to starting positions: on each GPU, expert e starts after every lower expert's tokens.
  for (int g = 0; g < spec_.gpus(); ++g) {
    std::int64_t before = 0;
    for (std::size_t e = 0; e < experts; ++e) {
      std::int64_t& cell = position_[static_cast<std::size_t>(g) * experts + e];
      const std::int64_t count = cell;
      cell = before;
      before += count;
    }
  }
  const double start = spec_.overlap ? 0.0 : step.dispatch_us;
  done_us.assign(placed.size(), 0.0);
  for (std::size_t slot = 0; slot < placed.size(); ++slot) {
    if (placed[slot] < 0) continue;
    const int gpu = assignment_gpu[slot];
    const std::int64_t computed = ++position_[static_cast<std::size_t>(gpu) * experts + placed[slot]];
    done_us[slot] = start + (spec_.compute_fixed_us + spec_.compute_us_per_token * static_cast<double>(computed)) / spec_.speed(gpu);
  }
}

}  // namespace routelab::cluster
