// Little's law from the JSON alone, as a user would check it: `routelab compare --format json` on
// the shipped M/M/1 and M/M/c scenarios (examples/queueing/) publishes, per run, the time-average
// number in system L (`mean_in_system`), the arrival rate lambda (`arrival_rate`, tokens per tick)
// and the mean time in system W (`mean_sojourn`). With k = 1 and nothing dropped, L = lambda W
// holds exactly per run; and over the replications L and W match the closed forms.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.hpp"

namespace routelab::testing {
namespace {

nlohmann::json compare_json(const std::string& example) {
  const CliResult result =
      run_cli("compare --scenario '" ROUTELAB_SOURCE_DIR "/examples/queueing/" + example + "' --format json");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

struct Interval {
  double mean = 0;
  double half_width = 0;  // two 95% half-widths: several checks are made on the same runs
};

Interval over_runs(const nlohmann::json& runs, const char* field) {
  std::vector<double> values;
  for (const auto& run : runs) values.push_back(run.at(field).get<double>());
  double mean = 0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
  constexpr double kStudentT975For9 = 2.262;  // 10 replications
  return {mean, 2 * kStudentT975For9 * sd / std::sqrt(static_cast<double>(values.size()))};
}

void expect_littles_law(const nlohmann::json& report, double lambda, double expected_sojourn) {
  const auto& runs = report.at("routers");
  ASSERT_EQ(runs.size(), 10u);
  for (const auto& run : runs) {
    const double in_system = run.at("mean_in_system").get<double>();
    const double arrival_rate = run.at("arrival_rate").get<double>();
    const double sojourn = run.at("mean_sojourn").get<double>();
    EXPECT_EQ(run.at("assignments_dropped").get<long long>(), 0);
    EXPECT_NEAR(in_system, arrival_rate * sojourn, 1e-8 * in_system) << "replication " << run.at("replication");
    // The measured arrival rate is the offered one, within sampling error (1% at 1e5 arrivals).
    EXPECT_NEAR(arrival_rate, lambda, 0.02 * lambda);
  }
  const Interval sojourn = over_runs(runs, "mean_sojourn");
  EXPECT_NEAR(sojourn.mean, expected_sojourn, sojourn.half_width) << "W";
  const Interval in_system = over_runs(runs, "mean_in_system");
  EXPECT_NEAR(in_system.mean, lambda * expected_sojourn, in_system.half_width) << "L";
  EXPECT_LT(in_system.half_width, 0.05 * lambda * expected_sojourn) << "the interval is too wide to mean anything";
}

TEST(LittlesLawFromJson, MM1) {
  // lambda = 1/1000, mu = 1/500: W = 1 / (mu - lambda) = 1000 ticks, L = 1.
  expect_littles_law(compare_json("mm1.toml"), 1.0 / 1000, 1000.0);
}

TEST(LittlesLawFromJson, MMc) {
  // c = 3, lambda = 1/1000, mu = 1/2400: Erlang C P(wait) = 0.647191, Wq = P / (c mu - lambda).
  const double lambda = 1.0 / 1000, mu = 1.0 / 2400, c = 3, a = lambda / mu, rho = a / c;
  const double below = 1 + a + a * a / 2;
  const double tail = a * a * a / 6 / (1 - rho);
  const double wait = tail / (below + tail) / (c * mu - lambda);
  expect_littles_law(compare_json("mmc.toml"), lambda, wait + 2400);
}

}  // namespace
}  // namespace routelab::testing
