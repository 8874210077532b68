// learned_seed training: it lowers its objective, and a fixed seed gives the same model.
#include "routers/learned_seed/learned_seed_training.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "tests/support/semantic_world.hpp"

namespace routelab {
namespace {

using testing::SemanticWorld;

std::vector<std::int64_t> capacities(const SemanticWorld& world, int k, double capacity_factor) {
  const auto t = static_cast<std::int64_t>(std::ceil(capacity_factor * world.batch_size * k / world.experts));
  return std::vector<std::int64_t>(static_cast<std::size_t>(world.experts), t);
}

TEST(LearnedSeedTraining, LowersTheObjective) {
  const SemanticWorld world;
  const TrainingSet set = world.training_set(8192, 1);
  SeedTrainingOptions options;
  options.epochs = 4;
  const TrainedModel trained = train_learned_seed(set, capacities(world, 1, 1.25), options);
  const auto document = nlohmann::json::parse(trained.json);
  const double initial = document["training"]["initial_loss"].get<double>();
  std::printf("learned_seed objective: initial %.4f, epochs", initial);
  for (double loss : trained.epoch_loss) std::printf(" %.4f", loss);
  std::printf("\n");
  ASSERT_EQ(trained.epoch_loss.size(), 4U);
  EXPECT_LT(trained.epoch_loss.front(), initial);
  EXPECT_LT(trained.epoch_loss.back(), trained.epoch_loss.front());
  const double kept = document["training"]["kept_loss"].get<double>();
  EXPECT_EQ(kept, *std::min_element(trained.epoch_loss.begin(), trained.epoch_loss.end()));
}

TEST(LearnedSeedTraining, TheOffsetStepAloneLowersTheObjective) {
  // A learning rate of 1e-12 freezes the projection: whatever the objective gains comes from
  // moving the seeds' offsets.
  const SemanticWorld world;
  SeedTrainingOptions options;
  options.epochs = 2;
  options.learning_rate = 1e-12;
  const TrainedModel trained = train_learned_seed(world.training_set(4096, 1), capacities(world, 1, 1.25), options);
  const double initial = nlohmann::json::parse(trained.json)["training"]["initial_loss"].get<double>();
  EXPECT_LT(trained.epoch_loss.front(), initial - 0.05);
  EXPECT_LE(trained.epoch_loss.back(), trained.epoch_loss.front());
}

TEST(LearnedSeedTraining, IsDeterministicForAFixedSeed) {
  const SemanticWorld world;
  const TrainingSet set = world.training_set(2048, 2);
  SeedTrainingOptions options;
  options.epochs = 2;
  const auto t = capacities(world, 2, 1.25);
  EXPECT_EQ(train_learned_seed(set, t, options).json, train_learned_seed(set, t, options).json);
  TrainingSet reseeded = set;
  reseeded.seed += 1;
  EXPECT_NE(train_learned_seed(reseeded, t, options).json, train_learned_seed(set, t, options).json);
}

}  // namespace
}  // namespace routelab
