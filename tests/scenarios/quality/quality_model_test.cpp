// The quality model: specialties, the loss normalization, and what "matching" means.
#include "scenarios/quality/quality_model.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/errors.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/training/semantic_source.hpp"
#include "scenarios/workloads/semantic_clusters.hpp"
#include "tests/support/semantic_world.hpp"

namespace routelab {
namespace {

SemanticSpace three_points() {
  // Centres (0,0), (3,0), (0,4): pairwise squared distances 9, 16, 25 -> mean 50/3.
  return SemanticSpace{2, 3, {0, 0, 3, 0, 0, 4}};
}

TEST(QualityModel, ExpertsAtLeastClassesShareSpecialtiesRoundRobin) {
  const QualityModel model(three_points(), 7);
  EXPECT_EQ(model.specialties(), 3);
  const std::vector<int> expected{0, 1, 2, 0, 1, 2, 0};
  for (ExpertId e = 0; e < 7; ++e) EXPECT_EQ(model.specialty(e), expected[e]) << e;
}

TEST(QualityModel, FewerExpertsThanClassesLeaveClassesWithoutSpecialist) {
  const QualityModel model(three_points(), 2);
  EXPECT_EQ(model.specialties(), 2);
  EXPECT_EQ(model.specialty(0), 0);
  EXPECT_EQ(model.specialty(1), 1);
  EXPECT_DOUBLE_EQ(model.normalizer(), 9.0);  // only centres 0 and 1 are held
}

TEST(QualityModel, LossIsSquaredDistanceOverMeanCentreDistance) {
  const QualityModel model(three_points(), 3);
  EXPECT_DOUBLE_EQ(model.normalizer(), 50.0 / 3.0);
  const std::vector<float> at_origin{0, 0};
  EXPECT_DOUBLE_EQ(model.expert_loss(at_origin, 0), 0.0);
  EXPECT_DOUBLE_EQ(model.expert_loss(at_origin, 1), 9.0 / (50.0 / 3.0));
  EXPECT_DOUBLE_EQ(model.expert_loss(at_origin, 2), 16.0 / (50.0 / 3.0));
  // A token on one centre sent to another specialist costs 1 on average over the pairs.
  double sum = 0;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b)
      if (a != b) sum += model.expert_loss(model.space().centre(a), b);
  EXPECT_NEAR(sum / 6.0, 1.0, 1e-12);
}

TEST(QualityModel, ExpertLossesFillsEveryExpert) {
  const QualityModel model(three_points(), 5);
  const std::vector<float> x{1, 1};
  std::vector<float> all(5);
  model.expert_losses(x, all);
  for (ExpertId e = 0; e < 5; ++e) EXPECT_FLOAT_EQ(all[e], static_cast<float>(model.expert_loss(x, e)));
}

TEST(QualityModel, SingleSpecialtyNormalizesByDimension) {
  const QualityModel model(SemanticSpace{4, 1, {1, 1, 1, 1}}, 3);
  EXPECT_DOUBLE_EQ(model.normalizer(), 4.0);
  const std::vector<float> x{1, 1, 1, 3};
  EXPECT_DOUBLE_EQ(model.expert_loss(x, 2), 1.0);
}

TEST(QualityModel, RejectsInconsistentSpaces) {
  EXPECT_THROW(QualityModel(SemanticSpace{2, 3, {0, 0, 1}}, 4), ConfigError);
  EXPECT_THROW(QualityModel(SemanticSpace{0, 0, {}}, 4), ConfigError);
  EXPECT_THROW(QualityModel(three_points(), 0), ConfigError);
}

TEST(SemanticSource, CentresComeFromTheWorkloadAndTheMasterSeedOnly) {
  ScenarioSpec scenario = testing::small_semantic_scenario();
  const auto space = semantic_space(scenario);
  ASSERT_TRUE(space.has_value());
  EXPECT_EQ(space->dim, 16);
  EXPECT_EQ(space->classes, 4);
  EXPECT_EQ(space->centres, class_centres(scenario.workload.semantic, scenario.simulation.master_seed));
  scenario.simulation.master_seed += 1;
  EXPECT_NE(semantic_space(scenario)->centres, space->centres);
  EXPECT_FALSE(semantic_space(load_builtin_scenario("default")).has_value());
}

}  // namespace
}  // namespace routelab
