#pragma once
// Scores a run's routing by outcome: a MetricsSink that reads, for every batch, where each token's
// assignments landed (after drops and next_choice fallbacks) and prices them with the quality
// model. An observer rather than a router decorator, so that a router which chooses well but
// overloads its favourite experts is charged for the drops its choices cause.
#include <cstdint>
#include <vector>

#include "engine/metrics_sink.hpp"
#include "scenarios/quality/quality_model.hpp"

namespace routelab {

struct QualitySummary {
  std::int64_t tokens = 0;
  std::int64_t assignments_scored = 0;  // accepted assignments (dropped ones are not served)
  double expert_loss_mean = 0;   // mean expert loss of the accepted assignments
  double expert_loss_best = 0;   // mean over tokens of the lowest loss any expert offers (load ignored)
  double match_share = 0;        // tokens with an accepted assignment at a matching expert / tokens
};

class QualityObserver : public MetricsSink {
 public:
  explicit QualityObserver(const QualityModel& model);  // the model must outlive the observer

  void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) override;
  QualitySummary summary() const;

 private:
  const QualityModel& model_;
  std::vector<double> losses_;  // per specialty, scratch
  std::int64_t tokens_ = 0;
  std::int64_t scored_ = 0;
  std::int64_t matched_ = 0;
  double loss_sum_ = 0;
  double best_sum_ = 0;
};

}  // namespace routelab
