#pragma once
// Single-station queues driven through the whole engine: one expert, k = 1, batches of one token
// arriving as a Poisson process, c servers, the scenario's service model. Used by the closed-form
// oracles (M/M/1, M/D/1, M/M/c) and Little's law.
#include <cmath>
#include <cstdint>
#include <iterator>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "engine/metrics.hpp"
#include "engine/service_model.hpp"
#include "engine/simulation.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/workloads/synthetic_workload.hpp"

namespace routelab::testing {

// Mean gap between arrivals, in ticks. Large, so that rounding arrival and service times to
// whole ticks moves the figures by far less than the confidence intervals (about 1e-4 relative).
inline constexpr double kMeanInterarrivalTicks = 1000.0;

struct StationSpec {
  int servers = 1;
  ServiceDistribution service = ServiceDistribution::exponential;
  double mean_service_ticks = 500.0;
  std::int64_t customers = 100000;  // per replication
  int replications = 10;
  std::uint64_t seed = 1;
};

// Mean over replications and the half-width of its 95% confidence interval (Student t).
struct Estimate {
  double mean = 0;
  double half_width = 0;
  bool covers(double value) const { return std::abs(value - mean) <= half_width; }
  // A wider interval, `widen` half-widths, for secondary checks made on the same runs.
  bool covers_within(double value, double widen) const { return std::abs(value - mean) <= widen * half_width; }
};

// Two-sided 95% Student t quantiles t(0.975, df) for df = 1..30 (more replications than 31 are
// refused rather than approximated).
inline constexpr double kStudentT975[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                   2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                   2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

// One summary per replication (replication r draws from streams (seed, r, name)).
inline std::vector<Summary> run_station(const StationSpec& spec) {
  WorkloadSpec workload_spec;
  workload_spec.batch_size = 1;
  workload_spec.arrival = ArrivalProcess::poisson;
  workload_spec.interval_ticks = kMeanInterarrivalTicks;
  workload_spec.keys = KeyDistribution::uniform;
  workload_spec.vocabulary = 1000;
  workload_spec.total_tokens = spec.customers;

  SimulationConfig config;
  config.percentiles = PercentileMode::exact;  // the oracles compare against exact nearest ranks
  config.num_experts = 1;
  config.servers_per_expert = spec.servers;
  config.service.distribution = spec.service;
  config.service.mean_ticks = spec.mean_service_ticks;
  config.k = 1;
  config.overflow = OverflowPolicy::queue;
  config.window_ticks = std::int64_t{1} << 50;  // no window events: they would only cost time
  config.master_seed = spec.seed;

  const RouterRegistry registry = builtin_router_registry();
  std::vector<Summary> runs;
  for (int r = 0; r < spec.replications; ++r) {
    config.replication = static_cast<std::uint64_t>(r);
    SyntheticWorkload workload(workload_spec, spec.seed, config.replication);
    RouterConfig router_config;
    router_config.name = "round_robin";  // one expert: every router sends everything to it
    auto router = registry.create(router_config);
    Simulation simulation(config, workload, *router);
    runs.push_back(simulation.run());
  }
  return runs;
}

inline Estimate estimate_of(const std::vector<double>& values) {
  const std::size_t n = values.size();
  if (n < 2 || n > std::size(kStudentT975) + 1) throw std::invalid_argument("need 2..31 replications");
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(n);
  double sum_sq = 0;
  for (double v : values) sum_sq += (v - mean) * (v - mean);
  const double standard_error = std::sqrt(sum_sq / static_cast<double>(n - 1) / static_cast<double>(n));
  return Estimate{mean, kStudentT975[n - 2] * standard_error};
}

// Erlang C: the probability that an arrival waits in M/M/c with offered load a = lambda / mu < c.
inline double erlang_c(int servers, double offered_load) {
  // sum_{j < c} a^j / j!, and the c-th term scaled by c / (c - a).
  double term = 1.0;
  double below = 0.0;
  for (int j = 0; j < servers; ++j) {
    below += term;
    term *= offered_load / (j + 1);
  }
  const double waiting = term * servers / (servers - offered_load);
  return waiting / (below + waiting);
}

template <typename Field>
Estimate estimate(const std::vector<Summary>& runs, Field field) {
  std::vector<double> values;
  for (const Summary& s : runs) values.push_back(field(s));
  return estimate_of(values);
}

}  // namespace routelab::testing
