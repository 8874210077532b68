#include "scenarios/sweeps/sweep_scenario.hpp"

#include <toml++/toml.h>

#include "core/rng_streams.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/sweeps/sweep_file.hpp"
#include "scenarios/sweeps/toml_params.hpp"

namespace routelab::sweeps {

namespace {

bool names_or_contains(const std::string& field, const std::string& key) {
  return field == key || field.rfind(key + ".", 0) == 0 || key.rfind(field + ".", 0) == 0;
}

}  // namespace

struct SweepScenarioBuilder::Impl {
  toml::table context;
  std::string context_text;
  std::string source;
};

SweepScenarioBuilder::SweepScenarioBuilder(const SweepFile& sweep) : impl_(std::make_unique<Impl>()) {
  try {
    impl_->context = toml::parse(sweep.base_text, std::string_view(sweep.base_source));
  } catch (const toml::parse_error&) {
    parse_scenario(sweep.base_text, sweep.base_source);  // rethrows the loader's positioned error
    throw;
  }
  for (const auto& fixed : sweep.fixed) set_dotted(impl_->context, fixed.key, fixed.value);
  if (sweep.seed_overridden) set_dotted(impl_->context, "seed", make_integer(static_cast<std::int64_t>(sweep.seed)));
  impl_->context_text = to_toml_text(impl_->context);
  impl_->source = sweep.base_source + " (with sweep values)";
}

SweepScenarioBuilder::~SweepScenarioBuilder() = default;

const std::string& SweepScenarioBuilder::context_document() const { return impl_->context_text; }

std::string SweepScenarioBuilder::document_for(const std::vector<Assignment>& point) const {
  if (point.empty()) return impl_->context_text;
  toml::table document = impl_->context;
  for (const auto& [key, value] : point) {
    try {
      set_dotted(document, key, value);
    } catch (const ConfigError& error) {
      throw SweepPointError(key, error_detail(error));
    }
  }
  return to_toml_text(document);
}

ScenarioSpec SweepScenarioBuilder::scenario_for(const std::vector<Assignment>& point) const {
  ScenarioSpec spec;
  try {
    spec = parse_scenario(document_for(point), impl_->source);
  } catch (const ScenarioError& error) {
    const std::string detail = scenario_error_detail(error);
    for (const auto& [key, value] : point)
      if (names_or_contains(error.field(), key))
        throw SweepPointError(key, "value " + value.canonical + " rejected: " +
                                       (error.field() == key ? "" : error.field() + ": ") + detail);
    throw SweepPointError(error.field(), point.empty() ? detail : detail + " (with " + canonical_assignments(point) + ")");
  }
  spec.simulation.master_seed = point_master_seed(spec.simulation.master_seed, canonical_assignments(point));
  return spec;
}

std::uint64_t point_master_seed(std::uint64_t scenario_seed, std::string_view point_canonical) {
  return derive_stream_seed(scenario_seed, 0, "sweep-point/" + std::string(point_canonical));
}

std::string scenario_error_detail(const ScenarioError& error) {
  // what() is "field: source:line:column: field: detail" (ConfigError puts the field first).
  const std::string located = error.source() + ":" + std::to_string(error.line()) + ":" +
                              std::to_string(error.column()) + ": " + error.field() + ": ";
  const std::string what = error.what();
  const std::size_t at = what.find(located);
  return at == std::string::npos ? what : what.substr(at + located.size());
}

}  // namespace routelab::sweeps
