// Outputs that say what made them: the JSON document and summary.json carry the version, the
// command line, the seed and the resolved scenario; --out also gets scenario.toml and
// provenance.json; the resolved scenario, run again, gives the same trajectories. --set and
// `scenarios show` apply overrides as the loader reads them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using testing::read_text;
using testing::run_cli;
using testing::ScratchDir;

TEST(CliProvenance, OutputsNameVersionCommandSeedAndScenario) {
  ScratchDir dir;
  const auto out = dir / "results";
  const auto result = run_cli("compare --routers hash,greedy --tokens 6000 --seed 9 --set routing.k=3 --format json --out '" +
                              out.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto printed = nlohmann::json::parse(result.out);
  const auto& provenance = printed["provenance"];
  EXPECT_NE(provenance["routelab_version"].get<std::string>().find("0."), std::string::npos);
  EXPECT_NE(provenance["command_line"].get<std::string>().find("--set routing.k=3"), std::string::npos);
  EXPECT_EQ(provenance["seed"], 9);
  const std::string toml = provenance["scenario_toml"];
  EXPECT_NE(toml.find("k = 3"), std::string::npos) << toml;
  EXPECT_NE(toml.find("seed = 9"), std::string::npos) << toml;
  EXPECT_NE(toml.find("tokens = 6000"), std::string::npos) << toml;
  EXPECT_EQ(nlohmann::json::parse(read_text(out / "summary.json"))["provenance"], provenance);
  EXPECT_EQ(nlohmann::json::parse(read_text(out / "provenance.json")), provenance);
  EXPECT_EQ(read_text(out / "scenario.toml"), toml);

  // The resolved scenario alone reproduces every run.
  const auto again = run_cli("compare --routers hash,greedy --format json --scenario '" + (out / "scenario.toml").string() + "'");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto replayed = nlohmann::json::parse(again.out);
  ASSERT_EQ(replayed["routers"].size(), printed["routers"].size());
  for (std::size_t i = 0; i < printed["routers"].size(); ++i)
    EXPECT_EQ(replayed["routers"][i]["fingerprint"], printed["routers"][i]["fingerprint"]);
}

// Sweeps derive 64-bit master seeds; one above INT64_MAX (no TOML integer holds it) still runs,
// is reported exactly, and gives a run different from the scenario's own seed.
TEST(CliProvenance, SeedAboveInt64MaxRunsAndIsReported) {
  const auto big = run_cli("compare --routers hash --tokens 3000 --seed 17598972231307299714 --format json");
  ASSERT_EQ(big.exit_code, 0) << big.err;
  const auto printed = nlohmann::json::parse(big.out);
  EXPECT_EQ(printed["provenance"]["seed"].get<std::uint64_t>(), 17598972231307299714ULL);
  const auto plain = run_cli("compare --routers hash --tokens 3000 --format json");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(nlohmann::json::parse(plain.out)["routers"][0]["fingerprint"], printed["routers"][0]["fingerprint"]);
}

TEST(CliProvenance, SetOverridesAndScenariosShow) {
  const auto plain = run_cli("run --router hash --tokens 4000 --format json");
  const auto set = run_cli("run --router hash --tokens 4000 --set routing.k=4 --format json");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(nlohmann::json::parse(set.out)["k"], 4);
  EXPECT_NE(nlohmann::json::parse(set.out)["routers"][0]["fingerprint"],
            nlohmann::json::parse(plain.out)["routers"][0]["fingerprint"]);

  const auto bad = run_cli("compare --set routing.kk=4");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("did you mean 'k'"), std::string::npos) << bad.err;
  EXPECT_EQ(run_cli("run --set routing.k").exit_code, 2);

  const auto show = run_cli("scenarios show zipf-hot --set routing.capacity_factor=2.0 --set tokens.keys=uniform");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("capacity_factor = 2.0"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("keys = 'uniform'"), std::string::npos) << show.out;
  EXPECT_EQ(run_cli("scenarios show zipf-hott").exit_code, 2);
  EXPECT_EQ(run_cli("scenarios show default --set routing.k=0").exit_code, 2);
}

}  // namespace
}  // namespace routelab
