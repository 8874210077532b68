#include "cluster/step_model.hpp"

#include <algorithm>
#include <bit>

namespace routelab::cluster {

StepModel::StepModel(const ClusterSpec& spec, int num_experts)
    : spec_(spec), num_experts_(num_experts), topology_(spec.topology_graph()) {
  spec_.validate(num_experts);
  // EPLB's first plan sees no traffic yet: equal loads.
  const std::vector<float> equal(num_experts, 1.0F);
  placement_ = make_placement(spec_, num_experts, equal);
  index_placement();
  token_bytes_ = static_cast<double>(spec.hidden_size) * spec.bytes_per_element;
  load_average_.assign(num_experts, 0.0F);
  batch_load_.assign(num_experts, 0);
  next_replica_.assign(num_experts, 0);
  const int gpus = spec_.gpus();
  gpu_tokens_.assign(gpus, 0);
  dispatch_bytes_.assign(static_cast<std::size_t>(gpus) * gpus, 0.0);
  combine_bytes_.assign(dispatch_bytes_.size(), 0.0);
}

void StepModel::index_placement() {
  const int gpus = spec_.gpus();
  nearest_slot_.assign(static_cast<std::size_t>(num_experts_) * gpus, -1);
  for (int e = 0; e < num_experts_; ++e) {
    const std::vector<int>& slots = placement_.replicas[e];
    for (int g = 0; g < gpus; ++g) {
      int chosen = slots.front();  // the replica on GPU g, else one on g's node, else the first
      for (auto it = slots.rbegin(); it != slots.rend(); ++it)
        if (topology_.node_of(placement_.slot_gpu[*it]) == topology_.node_of(g)) chosen = *it;
      for (auto it = slots.rbegin(); it != slots.rend(); ++it)
        if (placement_.slot_gpu[*it] == g) chosen = *it;
      nearest_slot_[static_cast<std::size_t>(e) * gpus + g] = chosen;
    }
  }
}

double StepModel::weight_move_us(const ExpertPlacement& before) const {
  const int gpus = spec_.gpus();
  std::vector<double> bytes(static_cast<std::size_t>(gpus) * gpus, 0.0);
  for (std::size_t s = 0; s < placement_.slot_expert.size(); ++s) {
    const int expert = placement_.slot_expert[s];
    const int gpu = placement_.slot_gpu[s];
    const std::vector<int>& old = before.replicas[expert];
    int source = before.slot_gpu[old.front()];
    bool here = false;
    for (auto it = old.rbegin(); it != old.rend(); ++it) {
      const int g = before.slot_gpu[*it];
      here = here || g == gpu;
      if (topology_.node_of(g) == topology_.node_of(gpu)) source = g;
    }
    if (!here) bytes[static_cast<std::size_t>(source) * gpus + gpu] += spec_.expert_bytes;
  }
  return all_to_all(topology_, bytes).time_us;
}

int StepModel::choose_slot(int expert, int source_gpu) {
  const std::vector<int>& slots = placement_.replicas[expert];
  if (slots.size() == 1) return slots.front();
  switch (spec_.replica_choice) {
    case ReplicaChoice::nearest: return nearest_slot_[static_cast<std::size_t>(expert) * spec_.gpus() + source_gpu];
    case ReplicaChoice::least_loaded: {
      int best = slots.front();
      for (const int s : slots)
        if (gpu_tokens_[placement_.slot_gpu[s]] < gpu_tokens_[placement_.slot_gpu[best]]) best = s;
      return best;
    }
    case ReplicaChoice::round_robin: return slots[next_replica_[expert]++ % slots.size()];
  }
  return slots.front();
}

StepFigures StepModel::step(std::size_t tokens, std::span<const ExpertId> placed, int k) {
  const int gpus = spec_.gpus();
  std::fill(gpu_tokens_.begin(), gpu_tokens_.end(), 0);
  std::fill(batch_load_.begin(), batch_load_.end(), 0);
  std::fill(dispatch_bytes_.begin(), dispatch_bytes_.end(), 0.0);
  // Only the step timeline needs each assignment's GPU: watching runs skip the per-copy write.
  const bool record_gpus = spec_.drives_timeline();
  if (record_gpus) assignment_gpu_.assign(tokens * static_cast<std::size_t>(k), -1);
  // The hot loop (one pass over tokens x k): the nearest replica comes from a table built at
  // plan time, and a token's nodes are a bit mask (a vector beyond 64 nodes).
  const bool table = spec_.replica_choice == ReplicaChoice::nearest;
  const bool masks = topology_.nodes() <= 64;
  int max_nodes = 0;
  std::vector<int> token_nodes;
  for (std::size_t i = 0; i < tokens; ++i) {
    const int source = static_cast<int>(i * static_cast<std::size_t>(gpus) / tokens);
    const int* nearest = nearest_slot_.data() + source;
    double* row = dispatch_bytes_.data() + static_cast<std::size_t>(source) * gpus;
    std::uint64_t node_mask = 0;
    token_nodes.clear();
    for (int j = 0; j < k; ++j) {
      const ExpertId expert = placed[i * k + j];
      if (expert < 0) continue;
      const int slot = table ? nearest[static_cast<std::size_t>(expert) * gpus] : choose_slot(expert, source);
      const int gpu = placement_.slot_gpu[slot];
      const int node = topology_.node_of(gpu);
      if (masks) {
        node_mask |= std::uint64_t{1} << node;
      } else if (std::find(token_nodes.begin(), token_nodes.end(), node) == token_nodes.end()) {
        token_nodes.push_back(node);
      }
      if (record_gpus) assignment_gpu_[i * k + j] = gpu;
      ++gpu_tokens_[gpu];
      ++batch_load_[expert];
      row[gpu] += token_bytes_;
    }
    max_nodes = std::max(max_nodes, masks ? std::popcount(node_mask) : static_cast<int>(token_nodes.size()));
  }
  for (int a = 0; a < gpus; ++a)
    for (int b = 0; b < gpus; ++b) combine_bytes_[static_cast<std::size_t>(b) * gpus + a] = dispatch_bytes_[static_cast<std::size_t>(a) * gpus + b];

  StepFigures figures;
  figures.max_nodes_per_token = max_nodes;
  const AllToAllResult dispatch = all_to_all(topology_, dispatch_bytes_);
  const AllToAllResult combine = all_to_all(topology_, combine_bytes_);
  figures.dispatch_us = dispatch.time_us;
  figures.combine_us = combine.time_us;
  double compute_sum = 0;
  for (int g = 0; g < gpus; ++g) {
    const double compute =
        gpu_tokens_[g] > 0 ? (spec_.compute_fixed_us + spec_.compute_us_per_token * static_cast<double>(gpu_tokens_[g])) / spec_.speed(g) : 0;
    figures.compute_us = std::max(figures.compute_us, compute);
    compute_sum += compute;
  }
  figures.mean_compute_us = compute_sum / gpus;
  const double communication = figures.dispatch_us + figures.combine_us;
  figures.step_us = spec_.overlap ? std::max(communication, figures.compute_us) : communication + figures.compute_us;
  figures.bytes = dispatch.bytes + combine.bytes;
  figures.cross_node_bytes = dispatch.cross_node_bytes + combine.cross_node_bytes;
  figures.gpu_tokens = gpu_tokens_;
  figures.link_busy_us.resize(topology_.links().size());
  for (std::size_t l = 0; l < figures.link_busy_us.size(); ++l)
    figures.link_busy_us[l] = (dispatch.link_bytes[l] + combine.link_bytes[l]) /
                              (topology_.links()[l].bandwidth_gbps * kBytesPerMicrosecondPerGBps);

  // EPLB: the moving average of loads, and a new plan every rebalance_interval batches.
  ++batches_;
  const auto decay = static_cast<float>(spec_.load_decay);
  for (int e = 0; e < num_experts_; ++e)
    load_average_[e] = decay * load_average_[e] + (1.0F - decay) * static_cast<float>(batch_load_[e]);
  if (spec_.placement == PlacementPolicy::eplb && spec_.rebalance_interval > 0 && batches_ % spec_.rebalance_interval == 0) {
    ExpertPlacement before = std::move(placement_);
    placement_ = make_placement(spec_, num_experts_, load_average_);
    if (spec_.expert_bytes > 0) {
      figures.rebalance_us = weight_move_us(before);
      figures.step_us += figures.rebalance_us;
    }
    index_placement();
    ++rebalances_;
  }
  return figures;
}

}  // namespace routelab::cluster
