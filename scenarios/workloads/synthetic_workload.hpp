#pragma once
// Synthetic token streams: uniform or Zipf keys over a vocabulary, batches at fixed or Poisson
// intervals, drawn from the named stream "workload" (so every router sees the same tokens).
#include <cstdint>
#include <vector>

#include "engine/rng_streams.hpp"
#include "engine/workload.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab {

class SyntheticWorkload : public Workload {
 public:
  SyntheticWorkload(const WorkloadSpec& spec, std::uint64_t master_seed, std::uint64_t replication);
  bool next_batch(TokenBatch& out) override;

 private:
  std::uint64_t draw_key();

  WorkloadSpec spec_;
  RngEngine rng_;
  std::vector<double> zipf_cdf_;  // cumulative probabilities of ranks 1..V (Zipf only)
  std::vector<Token> tokens_;
  double clock_ = 0;              // exact arrival time; batches land on its rounding
  std::uint64_t batch_index_ = 0;
  std::uint64_t next_token_id_ = 0;
};

}  // namespace routelab
