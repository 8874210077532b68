#pragma once
// The per-batch capacity rule: expert e may take ceil(factor x B k / E x speed_e / mean speed)
// assignments of a batch of B tokens. The engine applies it with the scenario's capacity factor;
// routers that need an expert's fair share without one (the phase router's capacity arcs) apply
// it with factor 1, so both agree to the last bit.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace routelab {

double mean_expert_speed(std::span<const double> expert_speed);  // 1 when no speeds are given

// Before any clamping; `speed` is the expert's speed (1 when no speeds are given).
double speed_weighted_capacity(std::size_t batch_size, int k, int experts, double factor, double speed,
                               double mean_speed);

// Every expert's capacity for a batch of `batch_size` tokens (`expert_speed` empty: all speed 1);
// factor <= 0 means no per-batch capacity (INT32_MAX each).
void batch_capacity_of_experts(std::size_t batch_size, int k, int experts, double factor,
                               std::span<const double> expert_speed, std::vector<std::int32_t>& capacity);

}  // namespace routelab
