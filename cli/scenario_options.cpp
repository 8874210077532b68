#include "cli/scenario_options.hpp"

#include <charconv>

#include "scenarios/scenario_library.hpp"

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
                     "directory for per-window loads and overload events (CSV) and summary.json");
}

ScenarioSpec load_scenario_with_overrides(const ScenarioOptions& options) {
  ScenarioSpec spec = resolve_scenario(options.scenario);
  if (options.seed_option->count() > 0) spec.simulation.master_seed = options.seed;
  if (options.tokens_option->count() > 0) {
    spec.workload.total_tokens = options.tokens;
    spec.simulation.stop_tick = -1;
  }
  if (options.replications_option->count() > 0) spec.replications = options.replications;
  spec.validate();
  return spec;
}

}  // namespace routelab::cli
