#include "cluster/step_model.hpp"

#include <algorithm>

namespace routelab::cluster {

StepModel::StepModel(const ClusterSpec& spec, int num_experts)
    : spec_(spec), num_experts_(num_experts), topology_(two_level_topology(spec.topology)) {
  spec_.validate(num_experts);
  // EPLB's first plan sees no traffic yet: equal loads.
  const std::vector<float> equal(num_experts, 1.0F);
  placement_ = make_placement(spec_, num_experts, equal);
  token_bytes_ = static_cast<double>(spec.hidden_size) * spec.bytes_per_element;
  load_average_.assign(num_experts, 0.0F);
  batch_load_.assign(num_experts, 0);
  next_replica_.assign(num_experts, 0);
  const int gpus = spec_.gpus();
  gpu_tokens_.assign(gpus, 0);
  dispatch_bytes_.assign(static_cast<std::size_t>(gpus) * gpus, 0.0);
  combine_bytes_.assign(dispatch_bytes_.size(), 0.0);
}

int StepModel::choose_slot(int expert, int source_gpu) {
  const std::vector<int>& slots = placement_.replicas[expert];
  if (slots.size() == 1) return slots.front();
  switch (spec_.replica_choice) {
    case ReplicaChoice::nearest: {
      for (const int s : slots)
        if (placement_.slot_gpu[s] == source_gpu) return s;
      for (const int s : slots)
        if (topology_.node_of(placement_.slot_gpu[s]) == topology_.node_of(source_gpu)) return s;
      return slots.front();
    }
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
  int max_nodes = 0;
  std::vector<int> token_nodes;
  for (std::size_t i = 0; i < tokens; ++i) {
    const int source = static_cast<int>(i * static_cast<std::size_t>(gpus) / tokens);
    token_nodes.clear();
    for (int j = 0; j < k; ++j) {
      const ExpertId expert = placed[i * k + j];
      if (expert < 0) continue;
      const int gpu = placement_.slot_gpu[choose_slot(expert, source)];
      if (std::find(token_nodes.begin(), token_nodes.end(), topology_.node_of(gpu)) == token_nodes.end())
        token_nodes.push_back(topology_.node_of(gpu));
      ++gpu_tokens_[gpu];
      ++batch_load_[expert];
      dispatch_bytes_[static_cast<std::size_t>(source) * gpus + gpu] += token_bytes_;
    }
    max_nodes = std::max(max_nodes, static_cast<int>(token_nodes.size()));
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
    placement_ = make_placement(spec_, num_experts_, load_average_);
    ++rebalances_;
  }
  return figures;
}

}  // namespace routelab::cluster
