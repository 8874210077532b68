// Golden trajectory fingerprints of the default scenario, one per router it compares. A changed
// fingerprint means the event sequence changed: intended changes regenerate the file (see
// tests/golden/README.md) and the diff is reviewed like code.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"
#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

constexpr const char* kGoldenFile = ROUTELAB_SOURCE_DIR "/tests/golden/default_fingerprints.json";

bool updating_golden() {
  const char* flag = std::getenv("ROUTELAB_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

TEST(GoldenFingerprints, DefaultScenarioMatchesForEveryRouter) {
  const auto result = testing::run_cli("compare --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  std::map<std::string, std::string> actual;
  for (const auto& entry : report["routers"]) actual[entry["router"]] = entry["fingerprint"];

  if (updating_golden()) {
    nlohmann::ordered_json golden;
    golden["scenario"] = report["scenario"];
    golden["seed"] = report["seed"];
    golden["fingerprints"] = actual;
    std::ofstream(kGoldenFile) << golden.dump(2) << '\n';
    GTEST_SKIP() << "rewrote " << kGoldenFile << "; review `git diff tests/golden` before committing";
  }

  std::ifstream file(kGoldenFile);
  ASSERT_TRUE(file) << "missing " << kGoldenFile << " (see tests/golden/README.md)";
  const auto golden = nlohmann::json::parse(file);
  EXPECT_EQ(golden["scenario"], report["scenario"]);
  EXPECT_EQ(golden["seed"], report["seed"]);
  // Every router the default comparison runs (trace replay and learned routers need other inputs).
  const auto registry = builtin_router_registry();
  for (const auto& router : routers_to_compare(load_builtin_scenario(kDefaultScenario), registry)) {
    const std::string& name = router.name;
    ASSERT_TRUE(actual.count(name)) << name << " missing from `routelab compare`";
    ASSERT_TRUE(golden["fingerprints"].contains(name))
        << "no golden fingerprint for router '" << name << "': regenerate as tests/golden/README.md says";
    EXPECT_EQ(actual[name], golden["fingerprints"][name].get<std::string>())
        << "the default scenario's trajectory changed for '" << name
        << "'; if intended, regenerate as tests/golden/README.md says and explain why in the commit";
  }
  EXPECT_EQ(golden["fingerprints"].size(), actual.size()) << "golden file lists routers that are no longer registered";
}

}  // namespace
}  // namespace routelab
