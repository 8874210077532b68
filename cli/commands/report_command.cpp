// `routelab report results.sqlite [--out DIR]`: mean ± 95% CI of every metric per (scenario point,
// router), a ranking per point, as Markdown (stdout or DIR/report.md) and CSV (DIR/*.csv).
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "cli/atomic_file.hpp"
#include "cli/commands/commands.hpp"
#include "cli/figures.hpp"
#include "cli/sweep/report_writer.hpp"
#include "core/errors.hpp"
#include "results/report_statistics.hpp"
#include "results/results_store.hpp"

namespace routelab::cli {

namespace {

// The default ranking metric: the load balance figure every router is judged by first.
constexpr const char* kDefaultRanking = "load_max_over_mean";

struct ReportOptions {
  std::string database;
  std::string out_dir;
  std::string rank_by = kDefaultRanking;
  bool figures = false;  // --figures: also DIR/figures/ (routelab plot)
};

int report(const ReportOptions& options) {
  const auto store = results::ResultsStore::open(options.database, false);
  const results::ReportData data = results::summarize_results(store);
  if (data.metric_names.empty()) throw IoError("'" + options.database + "' has no numeric metric columns");
  const RankingChoice ranking = parse_ranking(data, options.rank_by);
  const std::string markdown = report_markdown(data, store.identity(), options.database, ranking);
  if (options.out_dir.empty()) {
    fmt::print("{}", markdown);
    return 0;
  }
  std::filesystem::create_directories(options.out_dir);
  const std::filesystem::path dir(options.out_dir);
  write_file_atomically(dir / "summary.csv", summary_csv(data));
  write_file_atomically(dir / "ranking.csv", ranking_csv(data, ranking));
  write_file_atomically(dir / "report.md", markdown);
  fmt::print("wrote {}, {} and {} ({} points, {} runs)\n", (dir / "report.md").string(), (dir / "summary.csv").string(),
             (dir / "ranking.csv").string(), data.points.size(), data.stored_runs);
  std::fflush(stdout);
  if (options.figures) return draw_figures(options.database, (dir / "figures").string(), "png");
  return 0;
}

}  // namespace

CommandAction add_report_command(CLI::App& app) {
  auto options = std::make_shared<ReportOptions>();
  auto* command = app.add_subcommand("report", "summarize a sweep's results database: mean ± 95% CI, rankings");
  command->add_option("database", options->database, "results database from `routelab sweep run`")->required();
  command->add_option("--out", options->out_dir, "write report.md, summary.csv and ranking.csv into this directory");
  command->add_option("--rank-by", options->rank_by, "metric to rank routers by; append :desc when higher is better")
      ->capture_default_str();
  command->add_flag("--figures", options->figures, "also draw each metric against each swept parameter into "
                    "DIR/figures/ (as `routelab plot`; needs --out)");
  return [options] {
    if (options->figures && options->out_dir.empty()) throw ConfigError("--figures", "needs --out DIR");
    return report(*options);
  };
}

}  // namespace routelab::cli
