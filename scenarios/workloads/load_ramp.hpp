#pragma once
// A load ramp: the arrival rate is `from` x nominal at the start of the run and moves linearly to
// `to` x nominal at its end (progress in [0, 1] of the run's length in tokens, or in ticks).
// Gaps between batches are divided by the current multiplier, so a ramp from 0.5 to 1.5 crosses
// the nominal load half way.
namespace routelab {

class LoadRamp {
 public:
  LoadRamp(double from, double to) : from_(from), to_(to) {}
  double multiplier(double progress) const;  // progress clamped to [0, 1]

 private:
  double from_;
  double to_;
};

}  // namespace routelab
