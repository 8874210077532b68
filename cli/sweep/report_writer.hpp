#pragma once
// Formats report statistics: a Markdown document (ranking table per point, then every metric as
// mean ± 95% CI per router) and CSV files for plotting tools.
#include <string>

#include "results/report_statistics.hpp"
#include "results/results_store.hpp"

namespace routelab::cli {

struct RankingChoice {
  std::size_t metric = 0;  // index into ReportData::metric_names
  bool higher_is_better = false;
};

// "--rank-by NAME" or "NAME:desc" / "NAME:asc"; throws ConfigError("--rank-by") listing the metrics.
RankingChoice parse_ranking(const results::ReportData& data, const std::string& text);

std::string report_markdown(const results::ReportData& data, const results::StoreIdentity& identity,
                            const std::string& database, RankingChoice ranking);
// One row per (point, router): the parameters, run counts, then mean, ci95 and stddev of each metric.
std::string summary_csv(const results::ReportData& data);
// One row per (point, rank): the router and its mean and ci95 of the ranking metric.
std::string ranking_csv(const results::ReportData& data, RankingChoice ranking);

}  // namespace routelab::cli
