#include "scenarios/optimum/batch_optimum.hpp"

#include <algorithm>

#include "routers/common/flow_network.hpp"

namespace routelab {

namespace {

std::int64_t class_slots(const EligibilityClass& c, int k) {
  return c.tokens * std::min<std::int64_t>(k, static_cast<std::int64_t>(c.experts.size()));
}

std::int64_t total_demand(std::span<const OptimumBatch> batches, int k) {
  std::int64_t total = 0;
  for (const auto& batch : batches) total += demanded_slots(batch, k);
  return total;
}

// Can every batch get all its slots with no expert above `bound` over the run?
bool load_bound_feasible(std::span<const OptimumBatch> batches, int experts, int k, std::int64_t bound,
                         std::int64_t demand) {
  std::size_t class_nodes = 0;
  for (const auto& batch : batches) class_nodes += batch.classes.size();
  const std::size_t source = 0, sink = 1, first_expert = 2, first_class = 2 + static_cast<std::size_t>(experts);
  FlowNetwork network(first_class + class_nodes);
  std::size_t node = first_class;
  for (const auto& batch : batches)
    for (const auto& c : batch.classes) {
      network.add_arc(source, node, class_slots(c, k));
      for (const ExpertId e : c.experts) network.add_arc(node, first_expert + static_cast<std::size_t>(e), c.tokens);
      ++node;
    }
  for (int e = 0; e < experts; ++e) network.add_arc(first_expert + static_cast<std::size_t>(e), sink, bound);
  return network.max_flow(source, sink) == demand;
}

}  // namespace

std::int64_t demanded_slots(const OptimumBatch& batch, int k) {
  std::int64_t slots = 0;
  for (const auto& c : batch.classes) slots += class_slots(c, k);
  return slots;
}

std::int64_t max_served(const OptimumBatch& batch, int experts, int k) {
  if (batch.capacity.empty()) return demanded_slots(batch, k);
  const std::size_t source = 0, sink = 1, first_expert = 2, first_class = 2 + static_cast<std::size_t>(experts);
  FlowNetwork network(first_class + batch.classes.size());
  for (std::size_t c = 0; c < batch.classes.size(); ++c) {
    network.add_arc(source, first_class + c, class_slots(batch.classes[c], k));
    for (const ExpertId e : batch.classes[c].experts)
      network.add_arc(first_class + c, first_expert + static_cast<std::size_t>(e), batch.classes[c].tokens);
  }
  for (int e = 0; e < experts; ++e)
    network.add_arc(first_expert + static_cast<std::size_t>(e), sink, batch.capacity[static_cast<std::size_t>(e)]);
  return network.max_flow(source, sink);
}

std::int64_t min_max_load(std::span<const OptimumBatch> batches, int experts, int k) {
  const std::int64_t demand = total_demand(batches, k);
  if (demand == 0) return 0;
  // The mean rounded up is a lower bound and usually the answer (one max-flow); otherwise gallop
  // up to a feasible bound, then bisect. `demand` itself is always feasible (slots are distinct).
  std::int64_t lo = (demand + experts - 1) / experts;  // lo - 1 is infeasible
  if (load_bound_feasible(batches, experts, k, lo, demand)) return lo;
  std::int64_t step = 1;
  std::int64_t hi = lo + step;
  while (hi < demand && !load_bound_feasible(batches, experts, k, hi, demand)) {
    lo = hi;
    step *= 2;
    hi = std::min(demand, lo + step);
  }
  while (hi - lo > 1) {  // invariant: lo infeasible, hi feasible
    const std::int64_t mid = lo + (hi - lo) / 2;
    (load_bound_feasible(batches, experts, k, mid, demand) ? hi : lo) = mid;
  }
  return hi;
}

std::int64_t max_served_any_expert(std::int64_t tokens, std::span<const std::int32_t> capacity, int experts, int k) {
  const std::int64_t slots = tokens * std::min(k, experts);
  if (capacity.empty()) return slots;
  std::int64_t accepted = 0;
  for (const std::int32_t c : capacity) accepted += std::min<std::int64_t>(tokens, std::max<std::int32_t>(c, 0));
  return std::min(slots, accepted);
}

std::int64_t min_max_load_any_expert(std::int64_t slots, int experts) {
  return experts <= 0 || slots <= 0 ? 0 : (slots + experts - 1) / experts;
}

}  // namespace routelab
