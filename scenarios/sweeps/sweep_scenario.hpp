#pragma once
// Turns one point of a sweep into a scenario: the base scenario's TOML document, then the sweep's
// [set] values and seed, then the point's parameter values, each written at its dotted key; the
// result is parsed by the ordinary scenario loader, so every key the loader understands (now or
// later) can be swept and every check the loader makes still applies.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/scenario_spec.hpp"
#include "scenarios/sweeps/sweep_values.hpp"

namespace routelab::sweeps {

struct SweepFile;

// A point whose scenario the loader rejects; the message names the parameters involved.
class SweepPointError : public ConfigError {
 public:
  using ConfigError::ConfigError;
};

class SweepScenarioBuilder {
 public:
  // Parses the base document once; throws the loader's error when the base itself is invalid.
  explicit SweepScenarioBuilder(const SweepFile& sweep);
  ~SweepScenarioBuilder();
  SweepScenarioBuilder(const SweepScenarioBuilder&) = delete;
  SweepScenarioBuilder& operator=(const SweepScenarioBuilder&) = delete;

  // The effective scenario TOML of a point (keys sorted, so equal inputs give equal text).
  std::string document_for(const std::vector<Assignment>& point) const;

  // The scenario of a point, with the master seed of its runs already derived (see
  // point_master_seed). Throws SweepPointError. Safe to call from several threads at once.
  ScenarioSpec scenario_for(const std::vector<Assignment>& point) const;

  // The base document after [set] and seed, as text: everything a run depends on besides its
  // point, router and replication (part of each run's parameter fingerprint).
  const std::string& context_document() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The master seed of every run of a point: derived from the scenario's seed and the point's
// canonical parameters, never from the order runs are scheduled in. Routers and replications of
// one point share it, so routers at a point see the same token streams (paired comparisons), and
// each replication draws its own streams from (this seed, replication, stream name).
std::uint64_t point_master_seed(std::uint64_t scenario_seed, std::string_view point_canonical);

// The detail of a loader error without its "source:line:column: key: " prefix.
std::string scenario_error_detail(const ScenarioError& error);

}  // namespace routelab::sweeps
