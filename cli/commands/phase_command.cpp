// `routelab phase`: routes one phase operator (spec §1-§2) and prints its statistics; with
// --samples the Monte-Carlo column statistics over that many seeds; optional CSV and PBM dumps.
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "cli/commands/commands.hpp"
#include "cli/phase/phase_budget.hpp"
#include "cli/phase/phase_inputs.hpp"
#include "cli/phase/phase_outputs.hpp"
#include "core/errors.hpp"
#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_statistics.hpp"
#include "routers/phase/phase_theory.hpp"

namespace routelab::cli {

namespace {

struct PhaseCommandOptions {
  std::int64_t rows = 0;
  std::int64_t cols = 0;  // 0: same as rows (the square operator)
  std::int64_t k = 0;
  std::uint64_t seed = 0;
  std::string degrees;
  std::int64_t samples = 0;
  std::string format = "table";
  std::string kernel = "auto";
  bool row_permutations = false;
  std::string dump_routes;
  std::string pbm;
  bool ignore_budget = false;
};

int run_phase(const PhaseCommandOptions& o) {
  const std::int64_t cols = o.cols > 0 ? o.cols : o.rows;
  if (!o.pbm.empty()) check_pbm_size(o.rows, cols);  // before any work
  const PhaseSizes sizes{o.rows, cols, o.k, o.samples};
  if (!o.ignore_budget) check_phase_memory(sizes);  // before the degree vectors are allocated
  const std::string spec =
      o.degrees.empty() ? "uniform:1.." + std::to_string(std::min({o.k, o.rows, cols})) : o.degrees;
  const PhaseDegrees degrees = make_phase_degrees(spec, o.rows, cols, o.seed);
  if (!o.ignore_budget) check_phase_work(sizes, degrees.s);  // `full` degrees cost rows x cols
  phase::PhaseOptions options;
  options.k = o.k;
  options.seed = o.seed;
  options.kernel = phase::parse_phase_kernel(o.kernel, "--kernel");
  options.row_permutations = o.row_permutations;
  const phase::PhaseResult result = phase::route_degrees(degrees.s, degrees.t, options);

  PhaseReport report;
  report.degrees_spec = spec;
  report.seed = o.seed;
  report.stats = result.stats;
  report.expected_fill_ratio = phase::expected_routes(degrees.s, degrees.t, o.k) / (static_cast<double>(o.rows) * static_cast<double>(o.k));
  if (o.samples > 0) report.monte_carlo = phase::monte_carlo_column_statistics(degrees.s, degrees.t, o.k, o.samples, o.seed);

  if (!o.dump_routes.empty()) write_routes_csv(o.dump_routes, result.routes, o.rows, o.k);
  if (!o.pbm.empty()) write_phase_pbm(o.pbm, degrees, o.seed, o.row_permutations, result.routes, o.k);
  if (o.format == "json") {
    fmt::print("{}\n", phase_report_json(report).dump(2));
  } else {
    fmt::print("{}", phase_report_table(report));
  }
  return 0;
}

// CLI11's PositiveNumber prints its range as a double; this says what is expected in words.
const CLI::Validator kAtLeastOne(
    [](std::string& value) {
      std::int64_t parsed = 0;
      if (!CLI::detail::lexical_cast(value, parsed) || parsed < 1) return std::string("expected an integer >= 1, got " + value);
      return std::string();
    },
    "INT>=1");

}  // namespace

CommandAction add_phase_command(CLI::App& app) {
  auto* command = app.add_subcommand("phase", "route one bit-packed phase operator and print its statistics");
  auto o = std::make_shared<PhaseCommandOptions>();
  command->add_option("--n", o->rows, "rows of S (tokens, B); the square operator has N x N")->required()->check(kAtLeastOne);
  command->add_option("--experts", o->cols, "columns (experts, E); default: N")->check(kAtLeastOne);
  command->add_option("--k", o->k, "fan-out bound: at most k routes per row")->required()->check(kAtLeastOne);
  command->add_option("--seed", o->seed, "seed of the permutations and the top-k choice (0 is a seed)")->required();
  command->add_option("--degrees", o->degrees, "full | uniform:LO..HI | pattern:NAME[:MAX[:PERIOD]] | file:PATH (JSON {\"s\": [...], \"t\": [...]}); default uniform:1..k");
  command->add_option("--samples", o->samples, "also print Monte-Carlo column statistics over this many seeds")->check(CLI::NonNegativeNumber);
  command->add_option("--format", o->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  command->add_option("--kernel", o->kernel, "auto | reference | arcs | bitpacked (all give the same routes)");
  command->add_flag("--row-permutations", o->row_permutations, "apply the optional row permutations (spec step 5)");
  command->add_option("--dump-routes", o->dump_routes, "write the route table (rows x k, -1 padded) as CSV");
  command->add_flag("--ignore-budget", o->ignore_budget,
                    "run even when the estimate of memory or work exceeds this machine's budget");
  command->add_option("--pbm", o->pbm, "write S', T'', O and the routes as PBM images into this directory (small N)");
  return [o] { return run_phase(*o); };
}

}  // namespace routelab::cli
