// Scenario overrides (--set, Python's overrides=): written at their dotted keys and read by the
// ordinary loader, so they are checked like the file itself; no overrides is the plain loader.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/scenario_overrides.hpp"

namespace routelab {
namespace {

TEST(ScenarioOverrides, CommandLineValuesAreTomlOrElseStrings) {
  EXPECT_EQ(parse_override_argument("routing.k=4").value, "4");
  EXPECT_EQ(parse_override_argument("routing.capacity_factor=1.5").value, "1.5");
  EXPECT_EQ(parse_override_argument("tokens.keys=uniform").value, "\"uniform\"");
  EXPECT_EQ(parse_override_argument("tokens.keys='zipf'").value, "'zipf'");
  EXPECT_EQ(parse_override_argument("a.b=[1, 2]").value, "[1, 2]");
  EXPECT_EQ(parse_override_argument("name=a=b").value, "\"a=b\"");
  EXPECT_EQ(parse_override_argument("routing.k=4").key, "routing.k");
  EXPECT_THROW(parse_override_argument("routing.k"), ConfigError);
  EXPECT_THROW(parse_override_argument("=4"), ConfigError);
}

TEST(ScenarioOverrides, SeedsBeyondTomlIntegersHaveNoOverride) {
  EXPECT_EQ(seed_override(9)->value, "9");
  EXPECT_EQ(seed_override(9223372036854775807ULL)->value, "9223372036854775807");
  EXPECT_FALSE(seed_override(9223372036854775808ULL).has_value());
  EXPECT_EQ(resolve_scenario("zipf-hot", {*seed_override(9223372036854775807ULL)}).simulation.master_seed,
            9223372036854775807ULL);
}

TEST(ScenarioOverrides, NoOverridesIsThePlainLoader) {
  for (const auto& name : builtin_scenario_names()) {
    const ScenarioSpec plain = resolve_scenario(name);
    const ScenarioSpec same = resolve_scenario(name, {});
    EXPECT_EQ(same.source, plain.source) << name;
    EXPECT_EQ(same.simulation.k, plain.simulation.k) << name;
    EXPECT_EQ(same.simulation.master_seed, plain.simulation.master_seed) << name;
    // The resolved text reads back as the same scenario.
    const ScenarioSpec reread = parse_scenario(resolved_scenario_toml(name, {}), plain.source);
    EXPECT_EQ(reread.simulation.num_experts, plain.simulation.num_experts) << name;
    EXPECT_EQ(reread.simulation.capacity_factor, plain.simulation.capacity_factor) << name;
    EXPECT_EQ(reread.workload.total_tokens, plain.workload.total_tokens) << name;
    EXPECT_EQ(reread.workload.zipf_s, plain.workload.zipf_s) << name;
    EXPECT_EQ(reread.routers.size(), plain.routers.size()) << name;
  }
}

TEST(ScenarioOverrides, ValuesLandAtTheirKeysAndTheSourceStays) {
  const std::vector<ScenarioOverride> overrides{{"routing.k", "4"}, {"length.tokens", "5000"}, {"tokens.keys", "\"uniform\""},
                                                {"seed", "99"}};
  const ScenarioSpec spec = resolve_scenario("default", overrides);
  EXPECT_EQ(spec.simulation.k, 4);
  EXPECT_EQ(spec.workload.total_tokens, 5000);
  EXPECT_EQ(spec.workload.keys, KeyDistribution::uniform);
  EXPECT_EQ(spec.simulation.master_seed, 99u);
  EXPECT_EQ(spec.source, "builtin:default");
  const std::string text = resolved_scenario_toml("default", overrides);
  EXPECT_NE(text.find("k = 4"), std::string::npos) << text;
  EXPECT_EQ(parse_scenario(text, "resolved").simulation.k, 4);
}

TEST(ScenarioOverrides, TheLoaderChecksOverridesLikeTheFile) {
  try {
    resolve_scenario("default", {{"routing.kk", "4"}});
    FAIL() << "a misspelt key was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.field(), "routing.kk");
    EXPECT_NE(std::string(error.what()).find("did you mean 'k'"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("routing.kk = 4"), std::string::npos) << error.what();
  }
  EXPECT_THROW(resolve_scenario("default", {{"routing.k", "0"}}), ConfigError);
  EXPECT_THROW(resolve_scenario("default", {{"routing.k.x", "1"}}), ConfigError);  // k is no table
  EXPECT_THROW(resolve_scenario("default", {{"routing.k", "4 4"}}), ConfigError);  // not a TOML value
  EXPECT_THROW(resolve_scenario("no-such-scenario", {{"routing.k", "4"}}), UnknownNameError);
  EXPECT_THROW(resolve_scenario("missing.toml", {{"routing.k", "4"}}), IoError);
}

TEST(ScenarioOverrides, FilesKeepTheirPath) {
  const auto path = std::filesystem::temp_directory_path() / "routelab_overrides_test.toml";
  {
    std::ofstream file(path);
    file << "name = \"mine\"\n[experts]\ncount = 8\n[routing]\nk = 2\n";
  }
  const ScenarioSpec spec = resolve_scenario(path.string(), {{"experts.count", "16"}});
  EXPECT_EQ(spec.simulation.num_experts, 16);
  EXPECT_EQ(spec.source, path.string());
  EXPECT_EQ(spec.name, "mine");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace routelab
