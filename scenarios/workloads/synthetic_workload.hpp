#pragma once
// Synthetic token streams composed from the pieces in this folder: a batch schedule (sizes and
// gaps, see batch_schedule.hpp) and a token source (uniform or Zipf keys, temporal locality,
// semantic clusters). Everything is drawn from the named stream "workload", so every router of a
// comparison sees the same tokens.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/rng_streams.hpp"
#include "engine/workload.hpp"
#include "scenarios/scenario_spec.hpp"
#include "scenarios/workloads/batch_schedule.hpp"
#include "scenarios/workloads/key_sampler.hpp"
#include "scenarios/workloads/semantic_clusters.hpp"

namespace routelab {

// The key source of an independent or locality workload (not semantic, not trace).
std::unique_ptr<KeySampler> make_key_sampler(const WorkloadSpec& spec);

class SyntheticWorkload : public Workload {
 public:
  // `horizon_ticks` (the scenario's stop tick, or -1) measures a load ramp's progress when the
  // run has no token limit.
  SyntheticWorkload(const WorkloadSpec& spec, std::uint64_t master_seed, std::uint64_t replication,
                    Tick horizon_ticks = -1);
  bool next_batch(TokenBatch& out) override;

 private:
  RngEngine rng_;
  BatchSchedule schedule_;
  std::unique_ptr<KeySampler> keys_;            // independent and locality workloads
  std::unique_ptr<SemanticClusters> semantic_;  // semantic workloads
  std::vector<Token> tokens_;
  std::vector<float> embeddings_;
  std::vector<std::uint64_t> keys_buffer_;  // one batch of keys, drawn together
  std::uint64_t batch_index_ = 0;
  std::uint64_t next_token_id_ = 0;
};

}  // namespace routelab
