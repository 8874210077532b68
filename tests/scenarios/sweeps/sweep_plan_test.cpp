// Plan expansion: golden run lists, order independence, constraints against a brute-force oracle,
// shards, and seeds that depend only on what a run is.
#include "scenarios/sweeps/sweep_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "sweep_test_support.hpp"

namespace routelab::sweeps {
namespace {

using testing::load_with_plan;
using testing::registry;

// Run ids and point ids depend only on the sweep's parameters, routers and replications; the
// fingerprints also hash the base scenario's text, so they stay out of the golden files (an edit
// to a library scenario must not look like a change of the sweep plan).
std::string plan_listing(const SweepFile& sweep, const SweepPlan& plan) {
  std::ostringstream out;
  out << "combinations " << plan.combinations << ", dropped " << plan.dropped_runs << ", runs " << plan.runs.size()
      << "\n";
  for (const auto& run : plan.runs) {
    const SweepPoint& point = plan.points[run.point];
    out << run.index << " " << run.run_id << " " << point.point_id << " " << sweep.routers[run.router].label << " "
        << run.replication << " | " << point.canonical << "\n";
  }
  return out.str();
}

// Compares with tests/scenarios/sweeps/golden/NAME.txt; ROUTELAB_UPDATE_GOLDEN=1 rewrites it
// (a changed golden file is a reviewed, intended change: it changes every stored run id).
void expect_golden(const std::string& name, const std::string& actual) {
  const auto path = std::filesystem::path(ROUTELAB_SOURCE_DIR) / "tests/scenarios/sweeps/golden" / (name + ".txt");
  if (const char* update = std::getenv("ROUTELAB_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream file(path, std::ios::binary);
  ASSERT_TRUE(file) << "missing golden file " << path << " (run with ROUTELAB_UPDATE_GOLDEN=1 once)";
  std::ostringstream expected;
  expected << file.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "plan of " << name << " changed";
}

TEST(SweepPlan, GridGolden) {
  const auto [sweep, plan] = load_with_plan("grid_only.toml");
  EXPECT_EQ(plan.runs.size(), 16u);
  EXPECT_EQ(plan.points.size(), 4u);
  expect_golden("grid_only", plan_listing(sweep, plan));
}

TEST(SweepPlan, ZipGolden) {
  const auto [sweep, plan] = load_with_plan("zip_and_grid.toml");
  EXPECT_EQ(plan.combinations, 6u);
  EXPECT_EQ(plan.runs.size(), 12u);
  // Zipped values advance together: only the listed pairs occur.
  for (const auto& point : plan.points) {
    std::string pair;
    for (const auto& [key, value] : point.parameters)
      if (key == "experts.count" || key == "batches.size") pair += value.canonical + "/";
    EXPECT_TRUE(pair == "64/8/" || pair == "128/16/" || pair == "512/64/") << pair;
  }
  expect_golden("zip_and_grid", plan_listing(sweep, plan));
}

TEST(SweepPlan, ConstraintsGolden) {
  const auto [sweep, plan] = load_with_plan("constrained.toml");
  expect_golden("constrained", plan_listing(sweep, plan));
}

TEST(SweepPlan, ConstraintsMatchABruteForceOracle) {
  const auto [sweep, plan] = load_with_plan("constrained.toml");
  std::set<std::string> expected;
  std::size_t dropped = 0;
  for (const int k : {1, 2, 4})
    for (const double cf : {1.0, 1.25, 2.0})
      for (const double s : {0.8, 1.2})
        for (const std::string router : {"hash", "greedy", "round_robin"}) {
          const bool keep = (router != "hash" || k == 1) && !(s >= 1.2 && cf < 1.25);
          if (!keep) {
            ++dropped;
            continue;
          }
          expected.insert(std::to_string(k) + " " + canonical_float(cf) + " " + canonical_float(s) + " " + router);
        }
  std::set<std::string> actual;
  for (const auto& run : plan.runs) {
    const auto& p = plan.points[run.point].parameters;  // sorted: capacity_factor, k, zipf_s
    actual.insert(p[1].second.canonical + " " + p[0].second.canonical + " " + p[2].second.canonical + " " +
                  sweep.routers[run.router].label);
  }
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(plan.dropped_runs, dropped);
  EXPECT_EQ(plan.combinations, 18u);
}

TEST(SweepPlan, RunIdsDoNotDependOnHowTheFileIsWritten) {
  const auto a = load_with_plan("grid_only.toml");
  const auto b = load_with_plan("grid_only_permuted.toml");
  EXPECT_EQ(a.plan.plan_fingerprint, b.plan.plan_fingerprint);
  std::map<std::string, std::string> by_id_a;
  std::map<std::string, std::string> by_id_b;
  for (const auto& run : a.plan.runs) by_id_a[run.run_id] = run.params_fingerprint;
  for (const auto& run : b.plan.runs) by_id_b[run.run_id] = run.params_fingerprint;
  EXPECT_EQ(by_id_a, by_id_b);
  // Axis order is canonical (sorted keys), so even the plan order only follows the value order.
  EXPECT_EQ(a.plan.parameter_keys, b.plan.parameter_keys);
}

TEST(SweepPlan, IdsAreUniqueAndFingerprintsFollowTheBase) {
  const auto [sweep, plan] = load_with_plan("zip_and_grid.toml");
  std::set<std::string> ids;
  for (const auto& run : plan.runs) EXPECT_TRUE(ids.insert(run.run_id).second);
  // Same parameters on another base: same run ids, other fingerprints, other plan.
  SweepFile other = sweep;
  other.fixed.front().value = make_integer(8192);
  SweepScenarioBuilder builder(other);
  const SweepPlan changed = expand_plan(other, builder.context_document());
  ASSERT_EQ(changed.runs.size(), plan.runs.size());
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    EXPECT_EQ(changed.runs[i].run_id, plan.runs[i].run_id);
    EXPECT_NE(changed.runs[i].params_fingerprint, plan.runs[i].params_fingerprint);
  }
  EXPECT_NE(changed.plan_fingerprint, plan.plan_fingerprint);
}

TEST(SweepPlan, ShardsAreDisjointAndCoverTheSelection) {
  const auto [sweep, plan] = load_with_plan("grid_only.toml");
  for (const std::size_t n : {1u, 2u, 3u, 5u, 16u, 40u}) {
    std::vector<std::size_t> all;
    for (std::size_t i = 0; i < n; ++i) {
      const auto part = select_runs(sweep, plan, nullptr, Shard{i, n});
      EXPECT_LE(part.size(), (plan.runs.size() + n - 1) / n);
      all.insert(all.end(), part.begin(), part.end());
    }
    std::sort(all.begin(), all.end());
    ASSERT_EQ(all.size(), plan.runs.size()) << n;
    for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i);
  }
}

TEST(SweepPlan, FilterThenShard) {
  const auto [sweep, plan] = load_with_plan("grid_only.toml");
  const Expression filter = parse_filter(sweep, "router == 'greedy' and replication == 1");
  const auto kept = select_runs(sweep, plan, &filter, Shard{});
  ASSERT_EQ(kept.size(), 4u);
  for (const auto index : kept) {
    EXPECT_EQ(sweep.routers[plan.runs[index].router].label, "greedy");
    EXPECT_EQ(plan.runs[index].replication, 1u);
  }
  EXPECT_EQ(select_runs(sweep, plan, &filter, Shard{1, 2}).size(), 2u);
  EXPECT_THROW(parse_filter(sweep, "rooter == 'x'"), ConfigError);
  const Expression bad = parse_filter(sweep, "router > 1");
  EXPECT_THROW(select_runs(sweep, plan, &bad, Shard{}), ConfigError);
}

TEST(SweepPlan, ShardArguments) {
  EXPECT_EQ(parse_shard("2/5").index, 2u);
  EXPECT_EQ(parse_shard("2/5").count, 5u);
  for (const char* bad : {"5/5", "1", "a/2", "1/0", "-1/3", "1/2/3", ""}) EXPECT_THROW(parse_shard(bad), ConfigError) << bad;
  EXPECT_FALSE(shard_from_slurm("", "4", "", ""));
  const auto plain = shard_from_slurm("3", "4", "0", "1");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->index, 3u);
  EXPECT_EQ(plain->count, 4u);
  const auto offset = shard_from_slurm("7", "4", "1", "2");  // --array=1-7:2 -> tasks 1,3,5,7
  ASSERT_TRUE(offset);
  EXPECT_EQ(offset->index, 3u);
  EXPECT_THROW(shard_from_slurm("4", "4", "0", "1"), ConfigError);
  EXPECT_THROW(shard_from_slurm("2", "4", "1", "2"), ConfigError);
  EXPECT_THROW(shard_from_slurm("x", "4", "", ""), ConfigError);
}

TEST(SweepPlan, PointScenariosCarryTheValuesAndTheirOwnSeeds) {
  const auto [sweep, plan] = load_with_plan("zip_and_grid.toml");
  SweepScenarioBuilder builder(sweep);
  std::set<std::uint64_t> seeds;
  for (const auto& point : plan.points) {
    const ScenarioSpec spec = builder.scenario_for(point.parameters);
    EXPECT_EQ(spec.workload.total_tokens, 4096);  // from [set]
    for (const auto& [key, value] : point.parameters) {
      if (key == "experts.count") {
        EXPECT_EQ(spec.simulation.num_experts, value.integer);
      } else if (key == "batches.size") {
        EXPECT_EQ(spec.workload.batch_size, value.integer);
      } else if (key == "routing.k") {
        EXPECT_EQ(spec.simulation.k, value.integer);
      }
    }
    EXPECT_EQ(spec.simulation.master_seed, point_master_seed(7, point.canonical));  // uniform-keys has seed 7
    seeds.insert(spec.simulation.master_seed);
  }
  EXPECT_EQ(seeds.size(), plan.points.size());
}

TEST(SweepPlan, BaseScenarioFromAFileWithItsRoutersAndReplications) {
  const auto [sweep, plan] = load_with_plan("file_base.toml");
  EXPECT_EQ(sweep.replications, 3);
  ASSERT_EQ(sweep.routers.size(), 2u);
  EXPECT_EQ(sweep.routers[0].label, "greedy");
  EXPECT_EQ(plan.runs.size(), 2u * 2u * 3u);
  SweepScenarioBuilder builder(sweep);
  EXPECT_DOUBLE_EQ(builder.scenario_for(plan.points[1].parameters).simulation.service.mean_ticks, 2.5);
}

TEST(SweepPlan, InvalidPointsFailWithTheParameterNamed) {
  SweepFile sweep = parse_sweep_file("scenario = 'default'\nrouters = ['greedy']\n[grid]\nexperts.count = [0, 8]\n",
                                     "points.toml", ".", registry());
  SweepScenarioBuilder builder(sweep);
  const SweepPlan plan = expand_plan(sweep, builder.context_document());
  ASSERT_EQ(plan.points.size(), 2u);
  try {
    builder.scenario_for(plan.points[0].parameters);
    FAIL() << "experts.count = 0 was accepted";
  } catch (const SweepPointError& error) {
    EXPECT_EQ(error.field(), "experts.count");
    EXPECT_NE(std::string(error.what()).find("value 0 rejected"), std::string::npos) << error.what();
  }
  EXPECT_NO_THROW(builder.scenario_for(plan.points[1].parameters));
}

}  // namespace
}  // namespace routelab::sweeps

namespace routelab::sweeps {
namespace {

// The sweep files shipped with the project stay valid and keep their documented sizes.
TEST(SweepPlan, ShippedSweepFilesLoad) {
  const std::filesystem::path root(ROUTELAB_SOURCE_DIR);
  const struct {
    const char* path;
    std::size_t runs;
  } shipped[] = {{"examples/sweeps/capacity-vs-skew.toml", 132}, {"bench/sweeps/default-200.toml", 200}};
  for (const auto& file : shipped) {
    const SweepFile sweep = load_sweep_file(root / file.path, testing::registry());
    SweepScenarioBuilder builder(sweep);
    EXPECT_EQ(expand_plan(sweep, builder.context_document()).runs.size(), file.runs) << file.path;
  }
}

}  // namespace
}  // namespace routelab::sweeps
