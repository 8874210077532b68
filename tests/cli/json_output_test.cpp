// `--format json`: every documented field with its type, and whole-run determinism: the output
// minus its wall-clock fields is byte-identical across runs and across thread counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using testing::run_cli;
using testing::without_wall_clock;

// Short enough for the sanitizer pass; two replications so the runs really spread over threads.
constexpr const char* kShortCompare = "compare --tokens 20000 --replications 2 --format json";

TEST(CliJson, EveryEntryHasTheDocumentedFields) {
  const auto result = run_cli(kShortCompare);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_TRUE(json.contains("routers"));
  const auto registry = builtin_router_registry();
  const auto names = routers_to_compare(load_builtin_scenario(kDefaultScenario), registry);
  ASSERT_EQ(json["routers"].size(), 2 * names.size());  // every router it compares, two replications each
  for (const auto& entry : json["routers"]) {
    EXPECT_TRUE(entry["router"].is_string());
    EXPECT_TRUE(entry["fingerprint"].is_string());
    EXPECT_EQ(entry["fingerprint"].get<std::string>().size(), 16u);
    for (const char* integer : {"tokens", "assignments", "latency_p50", "latency_p99", "overload_events"})
      EXPECT_TRUE(entry[integer].is_number_integer()) << integer << " in " << entry["router"];
    for (const char* number : {"load_max_over_mean", "window_max_over_mean_p99", "cv", "drop_rate", "fill_ratio",
                               "events_per_second"})
      EXPECT_TRUE(entry[number].is_number()) << number << " in " << entry["router"];
    EXPECT_EQ(entry["tokens"], 20000);
    EXPECT_GE(entry["drop_rate"].get<double>(), 0.0);
    EXPECT_LE(entry["drop_rate"].get<double>(), 1.0);
    EXPECT_LE(entry["fill_ratio"].get<double>(), 1.0);
    EXPECT_GE(entry["load_max_over_mean"].get<double>(), 1.0);
    EXPECT_LE(entry["latency_p50"].get<std::int64_t>(), entry["latency_p99"].get<std::int64_t>());
    EXPECT_GT(entry["events_per_second"].get<double>(), 0.0);
  }
}

TEST(CliJson, RunPrintsOneEntryForTheChosenRouter) {
  const auto result = run_cli("run --router hash --tokens 5000 --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["routers"].size(), 1u);
  EXPECT_EQ(json["routers"][0]["router"], "hash");
  EXPECT_EQ(json["routers"][0]["tokens"], 5000);
}

TEST(CliDeterminism, SameInputsGiveByteIdenticalJsonAcrossRunsAndThreadCounts) {
  const auto first = run_cli(kShortCompare, "OMP_NUM_THREADS=2");
  const auto second = run_cli(kShortCompare, "OMP_NUM_THREADS=2");
  const auto single = run_cli(kShortCompare, "OMP_NUM_THREADS=1");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  ASSERT_EQ(single.exit_code, 0) << single.err;
  const std::string reference = without_wall_clock(first.out);
  EXPECT_GT(reference.size(), 1000u);
  EXPECT_EQ(reference, without_wall_clock(second.out));
  EXPECT_EQ(reference, without_wall_clock(single.out));
  // The filter removes exactly the two wall-clock fields of each of the entries, nothing else.
  const auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
  const auto entries = nlohmann::json::parse(first.out)["routers"].size();
  EXPECT_EQ(lines(first.out) - lines(reference), static_cast<std::ptrdiff_t>(2 * entries));
}

TEST(CliDeterminism, SeedChangesTheTrajectory) {
  const auto a = run_cli("run --router uniform --tokens 5000 --format json --seed 1");
  const auto b = run_cli("run --router uniform --tokens 5000 --format json --seed 2");
  ASSERT_EQ(a.exit_code, 0);
  ASSERT_EQ(b.exit_code, 0);
  EXPECT_NE(nlohmann::json::parse(a.out)["routers"][0]["fingerprint"],
            nlohmann::json::parse(b.out)["routers"][0]["fingerprint"]);
}

}  // namespace
}  // namespace routelab
