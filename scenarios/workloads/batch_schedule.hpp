#pragma once
// When batches arrive and how many tokens each holds: the part of a workload shared by synthetic
// streams and trace replay. Sizes are fixed or a decode/prefill mix; gaps are fixed, Poisson or
// Gamma (bursty), divided by a load ramp's multiplier. Draws from the generator it is handed, in
// a fixed order per batch (gap, then size), so adding a token source never shifts the schedule.
#include <cstdint>
#include <optional>

#include "core/rng_streams.hpp"
#include "core/types.hpp"
#include "scenarios/scenario_spec.hpp"
#include "scenarios/workloads/batch_size_mix.hpp"
#include "scenarios/workloads/bursty_arrivals.hpp"
#include "scenarios/workloads/load_ramp.hpp"

namespace routelab {

struct ScheduledBatch {
  Tick tick = 0;
  std::int64_t size = 0;
};

class BatchSchedule {
 public:
  // `token_limit` <= 0: no limit; `horizon_ticks` (or -1) measures the ramp's progress when there
  // is no token limit.
  BatchSchedule(const WorkloadSpec& spec, std::int64_t token_limit, Tick horizon_ticks);

  // The next batch, or nothing once `token_limit` tokens have been scheduled.
  std::optional<ScheduledBatch> next(RngEngine& rng);
  std::int64_t tokens_scheduled() const { return tokens_scheduled_; }

 private:
  double draw_gap(RngEngine& rng);
  double progress() const;

  ArrivalProcess arrival_;
  double interval_ticks_;
  int nominal_size_;
  std::int64_t token_limit_;
  Tick horizon_ticks_;
  std::optional<GammaGaps> gamma_gaps_;
  std::optional<LoadRamp> ramp_;
  std::optional<BatchSizeMix> mix_;
  double clock_ = 0;  // exact arrival time; batches land on its rounding
  std::int64_t previous_size_ = 0;
  std::int64_t batches_ = 0;
  std::int64_t tokens_scheduled_ = 0;
};

}  // namespace routelab
