#pragma once
// The best quality a batch allows at a load bound: the smallest total expert loss over the plans
// that give every token k distinct experts with no expert above `bound` assignments. Experts of
// one specialty cost a token the same (scenarios/quality/quality_model.hpp), so the plan is a
// transportation problem from tokens to specialties (routers/common/min_cost_transport.hpp, a
// Boost.Graph min-cost flow): a token may send min(k, experts of the specialty) units to one, a
// specialty takes at most bound x its experts, and any such flow deals out to distinct experts
// under the bound (round-robin within the specialty).
#include <cstdint>
#include <span>

namespace routelab {

// `loss` is tokens x specialties; `specialty_of` maps each expert to its specialty (< specialties).
// bound >= ceil(tokens k / experts), so a plan exists. Returns the minimal sum of losses.
double min_total_loss(std::span<const double> loss, std::size_t tokens, std::span<const int> specialty_of,
                      int specialties, int k, std::int64_t bound);

}  // namespace routelab
