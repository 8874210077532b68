// The quality observer scores where assignments landed: an oracle router matches every token, a
// router that always misses matches none, and drops are charged to the router that caused them.
#include "scenarios/quality/quality_observer.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "engine/simulation.hpp"
#include "tests/support/semantic_world.hpp"

namespace routelab {
namespace {

// Sends each token to the (shift)-th expert after its best one, cycling within the best group.
class ScriptedRouter : public Router {
 public:
  ScriptedRouter(const QualityModel& model, int shift, bool pile_on_zero = false)
      : model_(model), shift_(shift), pile_on_zero_(pile_on_zero) {}
  void route(const RoutingRequest& request, std::span<ExpertId> out) override {
    const auto dim = static_cast<std::size_t>(request.batch.embedding_dim);
    std::vector<double> losses(static_cast<std::size_t>(model_.specialties()));
    for (std::size_t i = 0; i < request.batch.tokens.size(); ++i) {
      if (pile_on_zero_) {
        out[i * request.depth] = 0;
        continue;
      }
      model_.specialty_losses(request.batch.embeddings.subspan(i * dim, dim), losses);
      const int best = argmin(losses);
      const int specialty = (best + shift_) % model_.specialties();
      out[i * request.depth] = static_cast<ExpertId>(specialty + model_.specialties() * (i % 2));
    }
  }

 private:
  const QualityModel& model_;
  int shift_;
  bool pile_on_zero_;
};

struct Outcome {
  Summary summary;
  QualitySummary quality;
  double reference_loss_mean = 0;  // recomputed independently from the placements
};

class PlacementRecorder : public MetricsSink {
 public:
  explicit PlacementRecorder(const QualityModel& model) : model_(model) {}
  void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) override {
    const auto dim = static_cast<std::size_t>(batch.embedding_dim);
    for (std::size_t i = 0; i < batch.tokens.size(); ++i)
      for (int c = 0; c < k; ++c)
        if (const ExpertId e = placed[i * k + c]; e != kNoExpert) {
          sum += model_.expert_loss(batch.embeddings.subspan(i * dim, dim), e);
          ++count;
        }
  }
  const QualityModel& model_;
  double sum = 0;
  std::int64_t count = 0;
};

constexpr std::int64_t kTokens = 4096;

Outcome run(int shift, bool pile_on_zero, OverflowPolicy overflow, double capacity_factor) {
  const testing::SemanticWorld world;
  auto source = world.stream(0, kTokens);
  ScriptedRouter router(world.model, shift, pile_on_zero);
  SimulationConfig config;
  config.num_experts = world.experts;
  config.k = 1;
  config.capacity_factor = capacity_factor;
  config.overflow = overflow;
  Simulation simulation(config, *source, router);
  QualityObserver observer(world.model);
  PlacementRecorder recorder(world.model);
  simulation.add_sink(observer);
  simulation.add_sink(recorder);
  Outcome outcome;
  outcome.summary = simulation.run();
  outcome.quality = observer.summary();
  outcome.reference_loss_mean = recorder.sum / static_cast<double>(recorder.count);
  return outcome;
}

TEST(QualityObserver, OracleMatchesEveryTokenAtTheLossFloor) {
  const Outcome o = run(0, false, OverflowPolicy::queue, 0.0);
  EXPECT_EQ(o.quality.tokens, kTokens);
  EXPECT_EQ(o.quality.assignments_scored, kTokens);
  EXPECT_DOUBLE_EQ(o.quality.match_share, 1.0);
  EXPECT_NEAR(o.quality.expert_loss_mean, o.quality.expert_loss_best, 1e-12);
  EXPECT_NEAR(o.quality.expert_loss_mean, o.reference_loss_mean, 1e-12);
  EXPECT_GT(o.quality.expert_loss_best, 0.0);  // tokens are noisy: the floor is above 0
}

TEST(QualityObserver, ShiftedRouterMatchesNoTokenAndCostsMore) {
  const Outcome oracle = run(0, false, OverflowPolicy::queue, 0.0);
  const Outcome shifted = run(1, false, OverflowPolicy::queue, 0.0);
  EXPECT_DOUBLE_EQ(shifted.quality.match_share, 0.0);
  EXPECT_NEAR(shifted.quality.expert_loss_mean, shifted.reference_loss_mean, 1e-12);
  EXPECT_GT(shifted.quality.expert_loss_mean, oracle.quality.expert_loss_mean + 0.5);
  EXPECT_DOUBLE_EQ(shifted.quality.expert_loss_best, oracle.quality.expert_loss_best);  // same stream
}

TEST(QualityObserver, DroppedAssignmentsAreNotScoredAndDoNotMatch) {
  const Outcome o = run(0, true, OverflowPolicy::drop, 1.0);
  EXPECT_GT(o.summary.assignments_dropped, 0);
  EXPECT_EQ(o.quality.assignments_scored, o.summary.assignments - o.summary.assignments_dropped);
  EXPECT_NEAR(o.quality.expert_loss_mean, o.reference_loss_mean, 1e-12);
  // Expert 0 takes 16 of each batch of 256 (capacity 1.0 x 256/16); only its own class can match.
  EXPECT_LE(o.quality.match_share, 16.0 / 256.0 + 1e-12);
}

}  // namespace
}  // namespace routelab
