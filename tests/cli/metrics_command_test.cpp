// One table of metrics: `routelab metrics` prints the metric table, docs/cli-json.md holds exactly
// its markdown form between the `metrics` markers, and every entry of `compare --format json` carries
// exactly the table's metrics (plus the run's key fields) -- so a metric added to the table reaches
// the JSON and the documentation, and one that is not in the table cannot appear in the JSON.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/summary_metrics.hpp"
#include "tests/cli/cli_runner.hpp"

namespace routelab::testing {
namespace {

std::string between_markers(const std::string& text) {
  const std::string begin = "<!-- metrics:begin";
  const std::string end = "<!-- metrics:end -->";
  const auto start = text.find(begin);
  const auto stop = text.find(end);
  if (start == std::string::npos || stop == std::string::npos) return "(markers missing)";
  const auto body = text.find('\n', start) + 1;
  return text.substr(body, stop - body);
}

TEST(MetricsCommand, DocsTableIsTheGeneratedOne) {
  const CliResult result = run_cli("metrics --format markdown");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::ifstream doc(ROUTELAB_SOURCE_DIR "/docs/cli-json.md");
  std::stringstream text;
  text << doc.rdbuf();
  EXPECT_EQ(between_markers(text.str()), result.out)
      << "docs/cli-json.md is out of date: replace its metrics section with `routelab metrics --format markdown`";
}

TEST(MetricsCommand, JsonListsEveryMetricOnce) {
  const CliResult result = run_cli("metrics --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  std::set<std::string> names;
  for (const auto& metric : json.at("metrics")) {
    EXPECT_TRUE(names.insert(metric.at("name").get<std::string>()).second) << metric.at("name");
    EXPECT_FALSE(metric.at("meaning").get<std::string>().empty()) << metric.at("name");
  }
  EXPECT_EQ(names.size(), summary_metrics().size());
  EXPECT_TRUE(names.count("mean_in_system") && names.count("arrival_rate") && names.count("mean_sojourn"));
}

// The metric fields of every entry of `compare --format json` on `scenario`.
std::vector<std::set<std::string>> entry_metric_fields(const std::string& scenario) {
  const CliResult result = run_cli("compare --scenario " + scenario + " --routers hash,greedy --tokens 4096 --format json");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  // The run's key and its per-run sections (documented by hand in docs/cli-json.md), not metrics.
  const std::set<std::string> key_fields = {"router",          "replication",
                                            "layer",           "adversary",
                                            "quality",         "training_seconds",
                                            "optimum_gap",     "optimum_load_max_over_mean",
                                            "optimum_fill_ratio"};
  std::vector<std::set<std::string>> entries;
  for (const auto& entry : report.at("routers")) {
    std::set<std::string> fields;
    for (const auto& [key, value] : entry.items())
      if (!key_fields.count(key)) fields.insert(key);
    entries.push_back(fields);
  }
  return entries;
}

TEST(MetricsCommand, CompareJsonCarriesExactlyTheTablesMetrics) {
  // Without a [cluster] every metric but the cluster's (those with a `present` rule) appears.
  std::set<std::string> always, all;
  for (const SummaryMetric& metric : summary_metrics()) {
    all.insert(std::string(metric.name));
    if (metric.present == nullptr) always.insert(std::string(metric.name));
  }
  EXPECT_LT(always.size(), all.size());
  for (const auto& fields : entry_metric_fields("default")) EXPECT_EQ(fields, always);
  for (const auto& fields : entry_metric_fields("ep-mixtral")) EXPECT_EQ(fields, all);
}

TEST(MetricsCommand, UnknownFormatIsBadInput) {
  const CliResult result = run_cli("metrics --format yaml");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, ::testing::HasSubstr("--format"));
}

}  // namespace
}  // namespace routelab::testing
