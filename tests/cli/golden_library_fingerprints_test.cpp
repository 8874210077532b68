// Golden trajectory fingerprints of every library scenario, for every router (replication and
// trace layer) that `routelab compare` runs on it at the scenario's full length. The default
// scenario's golden file pins the router set; this one pins the engine on every kind of workload
// (adversaries, trace layers, heterogeneous experts, stop ticks, learned routers), so a refactor
// of the engine that changes any event order fails here first. Regenerate as
// tests/golden/README.md says; one file per scenario, so the suites can run in parallel.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "scenarios/scenario_library.hpp"
#include "tests/cli/cli_runner.hpp"
#include "tests/support/scenario_test_name.hpp"

namespace routelab {
namespace {

std::string golden_file(const std::string& scenario) {
  return ROUTELAB_SOURCE_DIR "/tests/golden/library/" + scenario + ".json";
}

bool updating_golden() {
  const char* flag = std::getenv("ROUTELAB_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

// "router/replication/layer" -> fingerprint.
std::map<std::string, std::string> fingerprints(const nlohmann::json& report) {
  std::map<std::string, std::string> out;
  for (const auto& entry : report["routers"]) {
    const std::string key = entry["router"].get<std::string>() + "/" + std::to_string(entry["replication"].get<int>()) +
                            "/" + std::to_string(entry.value("layer", 0));
    out[key] = entry["fingerprint"].get<std::string>();
  }
  return out;
}

class GoldenLibraryFingerprints : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenLibraryFingerprints, MatchForEveryRouterItCompares) {
  const std::string scenario = GetParam();
  const auto result = testing::run_cli("compare --scenario " + scenario + " --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  const auto actual = fingerprints(report);
  ASSERT_FALSE(actual.empty());

  if (updating_golden()) {
    nlohmann::ordered_json golden;
    golden["scenario"] = scenario;
    golden["seed"] = report["seed"];
    golden["fingerprints"] = actual;
    std::ofstream(golden_file(scenario)) << golden.dump(2) << '\n';
    GTEST_SKIP() << "rewrote " << golden_file(scenario) << "; review `git diff tests/golden` before committing";
  }

  std::ifstream file(golden_file(scenario));
  ASSERT_TRUE(file) << "missing " << golden_file(scenario) << " (see tests/golden/README.md)";
  const auto golden = nlohmann::json::parse(file);
  EXPECT_EQ(golden["seed"], report["seed"]);
  const auto expected = golden["fingerprints"].get<std::map<std::string, std::string>>();
  for (const auto& [key, fingerprint] : expected) {
    ASSERT_TRUE(actual.count(key)) << key << " missing from `routelab compare --scenario " << scenario << "`";
    EXPECT_EQ(actual.at(key), fingerprint)
        << scenario << ": the trajectory changed for " << key
        << "; if intended, regenerate as tests/golden/README.md says and explain why in the commit";
  }
  EXPECT_EQ(expected.size(), actual.size()) << scenario << ": the set of runs compare makes changed";
}

INSTANTIATE_TEST_SUITE_P(Library, GoldenLibraryFingerprints, ::testing::ValuesIn(builtin_scenario_names()),
                         testing::scenario_test_name);

}  // namespace
}  // namespace routelab
