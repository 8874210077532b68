#include "cli/scenario_options.hpp"

#include <charconv>
#include <filesystem>

#include "core/errors.hpp"
#include "scenarios/run_budget.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_overrides.hpp"
#include "scenarios/traces/trace_loader.hpp"
#include "scenarios/training/scenario_training.hpp"

namespace routelab::cli {

namespace {
// CLI11's own messages for bad numbers name no valid range ("Value abc not in range 0 to
// 1.79e308", or it wraps "-1" into a huge unsigned seed); this one says what is expected.
template <typename Integer>
CLI::Validator integer_at_least(Integer minimum, const std::string& expected) {
  return CLI::Validator(
      [minimum, expected](std::string& text) -> std::string {
        Integer value{};
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || stop != end || value < minimum) return "expected " + expected + ", got '" + text + "'";
        return {};
      },
      expected);
}
}  // namespace

void add_scenario_options(CLI::App& command, ScenarioOptions& options) {
  options.scenario = kDefaultScenario;
  command.add_option("--scenario", options.scenario, "scenario name from `routelab scenarios`, or a .toml file")
      ->capture_default_str();
  options.seed_option = command.add_option("--seed", options.seed, "master seed (overrides the scenario's)")
                            ->check(integer_at_least<std::uint64_t>(0, "an integer in 0..2^64-1"));
  options.tokens_option =
      command.add_option("--tokens", options.tokens, "stop after this many tokens (overrides the scenario's length)")
          ->check(integer_at_least<std::int64_t>(1, "a positive integer"));
  options.replications_option =
      command.add_option("--replications", options.replications, "independent replications per router")
          ->check(CLI::Range(1, 100000));
  command.add_option("--format", options.format, "output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command.add_option("--out", options.out_dir,
                     "directory for per-window loads, overload events and token-latency buckets (CSV, one "
                     "file each for all runs), a Perfetto trace (trace.json) and summary.json; written as a "
                     "whole (a new or empty directory)");
  command.add_flag("--tokens-csv", options.tokens_csv,
                   "with --out: also write DIR/tokens.csv, one row per token (its experts, drops, latency)");
  command.add_flag("--force", options.force,
                   "let --out replace the result of an earlier routelab run in that directory");
  command.add_option("--trace", options.trace_path, "replay this trace file or directory instead of the scenario's");
  command.add_option("--layer", options.layer, "trace layer to replay (1, 2, ...) or 'all' for a layered run");
  command.add_flag("--skip-bad-rows", options.skip_bad_rows,
                   "skip malformed trace rows (and report how many) instead of failing on the first");
  command.add_flag("--ignore-budget", options.ignore_budget,
                   "run even when the pre-run estimate of work or memory exceeds this machine's budget");
  command.add_flag("--progress", options.progress,
                   "print a progress line (tokens, tokens/s, ETA) to stderr even when it is not a terminal "
                   "(on a terminal it appears by itself once a run takes over two seconds)");
  command.add_option("--model", options.models,
                     "ROUTER=FILE: a trained model for a learned router (from `routelab train`; repeatable)");
  add_set_option(command, options.sets);
}

void add_set_option(CLI::App& command, std::vector<std::string>& sets) {
  command.add_option("--set", sets,
                     "key=value: override a scenario key (e.g. routing.k=4, workload.keys=zipf; repeatable), "
                     "as a sweep's [set] does");
}

ScenarioSpec load_scenario_with_overrides(const ScenarioOptions& options) {
  std::vector<ScenarioOverride> sets;
  for (const std::string& set : options.sets) sets.push_back(parse_override_argument(set));
  ScenarioSpec spec = resolve_scenario(options.scenario, sets);
  if (options.seed_option->count() > 0) spec.simulation.master_seed = options.seed;
  if (options.tokens_option->count() > 0) {
    spec.workload.total_tokens = options.tokens;
    spec.simulation.stop_tick = -1;
  }
  if (options.replications_option->count() > 0) spec.replications = options.replications;
  if (!options.trace_path.empty() || !options.layer.empty() || options.skip_bad_rows) {
    if (!spec.trace.enabled() && options.trace_path.empty())
      throw ConfigError("--layer/--skip-bad-rows", "scenario '" + spec.name + "' replays no trace");
    spec.workload.kind = TokenKind::trace;
    if (!options.trace_path.empty()) {
      spec.trace.path = options.trace_path;
      spec.trace.format = trace_format_for_path(options.trace_path);
      spec.trace.data.reset();
    }
    if (options.layer == "all") {
      spec.trace.layer = 0;
    } else if (!options.layer.empty()) {
      try {
        std::size_t used = 0;
        spec.trace.layer = std::stoi(options.layer, &used);
        if (used != options.layer.size() || spec.trace.layer < 1) throw std::invalid_argument("layer");
      } catch (const std::exception&) {
        throw ConfigError("--layer", "expected a layer number (1, 2, ...) or 'all', got '" + options.layer + "'");
      }
    }
    spec.trace.skip_bad_rows = spec.trace.skip_bad_rows || options.skip_bad_rows;
  }
  spec.validate();
  load_trace_data(spec);
  if (!options.ignore_budget) check_run_budget(spec);  // before any allocation the run would make
  return spec;
}

void prepare_routers(const ScenarioOptions& options, std::vector<RouterSpec>& routers) {
  check_distinct_routers(routers, "--routers");
  for (const std::string& model : options.models) {
    const auto equals = model.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == model.size())
      throw ConfigError("--model", "expected ROUTER=FILE, got '" + model + "'");
    const std::string name = model.substr(0, equals);
    bool found = false;
    for (RouterSpec& router : routers) {
      if (router.name != name) continue;
      router.params.set("model", std::filesystem::absolute(model.substr(equals + 1)).string());
      found = true;
    }
    if (!found) throw ConfigError("--model", "router '" + name + "' is not among the routers being run");
  }
}

}  // namespace routelab::cli
