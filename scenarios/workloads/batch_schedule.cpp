#include "scenarios/workloads/batch_schedule.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <cmath>

namespace routelab {

BatchSchedule::BatchSchedule(const WorkloadSpec& spec, std::int64_t token_limit, Tick horizon_ticks)
    : arrival_(spec.arrival),
      interval_ticks_(spec.interval_ticks),
      nominal_size_(spec.batch_size),
      token_limit_(token_limit),
      horizon_ticks_(horizon_ticks) {
  if (spec.arrival == ArrivalProcess::gamma) gamma_gaps_.emplace(spec.interval_ticks, spec.arrival_cv);
  if (spec.ramp.enabled) ramp_.emplace(spec.ramp.from, spec.ramp.to);
  if (spec.mix.enabled) mix_.emplace(spec.mix.decode_size, spec.mix.prefill_size, spec.mix.prefill_share);
}

double BatchSchedule::progress() const {
  if (token_limit_ > 0) return static_cast<double>(tokens_scheduled_) / static_cast<double>(token_limit_);
  if (horizon_ticks_ > 0) return clock_ / static_cast<double>(horizon_ticks_);
  return 0.0;
}

double BatchSchedule::draw_gap(RngEngine& rng) {
  double gap = interval_ticks_;
  if (arrival_ == ArrivalProcess::poisson) {
    gap = boost::random::exponential_distribution<double>(1.0 / interval_ticks_)(rng);
  } else if (gamma_gaps_) {
    gap = gamma_gaps_->draw(rng);
  }
  // A mix keeps the token rate at size / interval: a prefill batch is followed by a longer gap.
  if (mix_) gap *= static_cast<double>(previous_size_) / static_cast<double>(nominal_size_);
  if (ramp_) gap /= ramp_->multiplier(progress());
  return gap;
}

std::optional<ScheduledBatch> BatchSchedule::next(RngEngine& rng) {
  if (token_limit_ > 0 && tokens_scheduled_ >= token_limit_) return std::nullopt;
  if (batches_ > 0) clock_ += draw_gap(rng);
  std::int64_t size = mix_ ? mix_->draw(rng) : nominal_size_;
  if (token_limit_ > 0) size = std::min(size, token_limit_ - tokens_scheduled_);
  previous_size_ = size;
  tokens_scheduled_ += size;
  ++batches_;
  return ScheduledBatch{static_cast<Tick>(std::llround(clock_)), size};
}

}  // namespace routelab
