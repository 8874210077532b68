// routelab_phase: the bit-packed phase router and its statistics toolkit on numpy arrays.
//
//   route(S, T, k, seed=0)            S (B x E) and T (E x B) 0/1 matrices (uint8 or bool) ->
//                                     (B, k) int32 routes padded with -1
//   route_degrees(s, t, k, seed=0, token_positions=None)   the row degrees directly (any integer
//                                     dtype, either byte order), optionally with pi_T supplied
//   pack_and_route(S, T, k, routes, seed=0) -> stats dict   (the published shape: writes `routes`)
//   degrees(S, T) -> (s, t)
//   monte_carlo_stats, estimate_capacity, suggest_k, analyze_distribution, expected_routes
//
// Bad types are TypeError, bad shapes and values ValueError; nothing is converted silently and no
// output is left half written. The GIL is released while routing.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "python/numpy_arguments.hpp"
#include "routers/phase/phase_errors.hpp"
#include "routers/phase/phase_parameter_search.hpp"
#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_statistics.hpp"
#include "routers/phase/phase_theory.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace routelab::python {
namespace {

// The keyword options every routing entry takes, as given.
struct RouteKeywords {
  std::string kernel = "auto";
  bool row_permutations = false;
  std::string expert_order = "given";
  std::string capacity_arcs = "end_to_end";
};

bool parse_choice(const std::string& value, const char* argument, const char* yes, const char* no) {
  if (value == yes) return true;
  if (value == no) return false;
  throw phase::PhaseArgumentError(argument, std::string("expected '") + yes + "' or '" + no + "', got '" + value + "'");
}

phase::PhaseOptions make_options(std::int64_t k, std::uint64_t seed, const RouteKeywords& keywords) {
  phase::PhaseOptions options;
  options.k = k;
  options.seed = seed;
  options.kernel = phase::parse_phase_kernel(keywords.kernel, "kernel");
  options.row_permutations = keywords.row_permutations;
  options.layout.permuted_order = parse_choice(keywords.expert_order, "expert_order", "permuted", "given");
  options.layout.spread = parse_choice(keywords.capacity_arcs, "capacity_arcs", "spread", "end_to_end");
  return options;
}

py::dict stats_dict(const phase::PhaseStats& s, const std::vector<std::int64_t>& column_load) {
  py::dict d;
  d["N"] = s.rows;  // the published key
  d["rows"] = s.rows;
  d["cols"] = s.cols;
  d["k"] = s.k;
  d["active_routes"] = s.active_routes;
  d["fill_ratio"] = s.fill_ratio;
  d["routes_per_row"] = s.routes_per_row;
  d["candidates"] = s.candidates;
  d["max_row_candidates"] = s.max_row_candidates;
  d["column_max_load"] = s.column_max_load;
  d["column_mean_load"] = s.column_mean_load;
  d["column_max_over_mean"] = s.column_max_over_mean;
  d["column_load"] = to_numpy(column_load);
  d["kernel"] = std::string(phase::to_string(s.kernel));
  d["packing_time_ms"] = s.validate_ms;
  d["setup_time_ms"] = s.setup_ms;
  d["routing_time_ms"] = s.route_ms;
  d["total_time_ms"] = s.total_ms;
  return d;
}

py::array_t<std::int32_t> new_table(std::int64_t rows, std::int64_t k) {
  phase::check_fan_out(k, rows);
  return py::array_t<std::int32_t>({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(k)});
}

// Allocates the (rows, k) table, runs `route(table, column_load)` without the GIL, and returns the
// table, or (table, stats) when asked.
template <typename Route>
py::object route_into_new_table(std::int64_t rows, std::int64_t k, bool return_stats, Route route) {
  auto routes = new_table(rows, k);
  std::span<std::int32_t> table(routes.mutable_data(), static_cast<std::size_t>(rows * k));
  std::vector<std::int64_t> column_load;
  phase::PhaseStats stats;
  {
    py::gil_scoped_release release;
    stats = route(table, column_load);
  }
  if (!return_stats) return routes;
  return py::make_tuple(routes, stats_dict(stats, column_load));
}

py::object route_matrices(const py::handle& s_object, const py::handle& t_object, std::int64_t k, std::uint64_t seed,
                          const std::string& kernel, bool row_permutations, const std::string& expert_order,
                          const std::string& capacity_arcs, bool return_stats) {
  const phase::BinaryMatrixView s = binary_matrix(s_object, "S");
  const phase::BinaryMatrixView t = binary_matrix(t_object, "T");
  const phase::PhaseOptions options = make_options(k, seed, {kernel, row_permutations, expert_order, capacity_arcs});
  phase::check_phase_shapes(s, t);
  return route_into_new_table(s.rows, k, return_stats, [&](std::span<std::int32_t> table, std::vector<std::int64_t>& load) {
    return phase::route_dense_into(s, t, options, table, &load);
  });
}

py::object route_degree_vectors(const py::handle& s_object, const py::handle& t_object, std::int64_t k, std::uint64_t seed,
                                const std::string& kernel, bool row_permutations, const py::handle& positions_object,
                                const std::string& expert_order, const std::string& capacity_arcs, bool return_stats) {
  const std::vector<std::int64_t> s = integer_vector(s_object, "s");
  const std::vector<std::int64_t> t = integer_vector(t_object, "t");
  const phase::PhaseOptions options = make_options(k, seed, {kernel, row_permutations, expert_order, capacity_arcs});
  // pi_T from the caller (validated by the operator: B positions, a permutation of 0..B-1).
  const std::vector<std::int32_t> positions =
      positions_object.is_none() ? std::vector<std::int32_t>{} : int32_vector(positions_object, "token_positions");
  if (!positions_object.is_none() && positions.empty())
    throw py::value_error("token_positions: expected " + std::to_string(s.size()) +
                          " ring positions (one per row of S), got an empty array");
  return route_into_new_table(static_cast<std::int64_t>(s.size()), k, return_stats,
                              [&](std::span<std::int32_t> table, std::vector<std::int64_t>& load) {
                                return phase::route_degrees_into(s, t, positions, options, table, &load);
                              });
}

py::dict pack_and_route(const py::handle& s_object, const py::handle& t_object, std::int64_t k, const py::handle& routes_object,
                        std::uint64_t seed, const std::string& kernel, bool row_permutations,
                        const std::string& expert_order, const std::string& capacity_arcs) {
  const phase::BinaryMatrixView s = binary_matrix(s_object, "S");
  const phase::BinaryMatrixView t = binary_matrix(t_object, "T");
  const phase::PhaseOptions options = make_options(k, seed, {kernel, row_permutations, expert_order, capacity_arcs});
  phase::check_phase_shapes(s, t);
  phase::check_fan_out(k, s.rows);
  const std::span<std::int32_t> table = route_table(routes_object, s.rows, k, "routes");
  std::vector<std::int64_t> column_load;
  phase::PhaseStats stats;
  {
    py::gil_scoped_release release;
    stats = phase::route_dense_into(s, t, options, table, &column_load);
  }
  return stats_dict(stats, column_load);
}

py::tuple degrees(const py::handle& s_object, const py::handle& t_object) {
  const phase::BinaryMatrixView s = binary_matrix(s_object, "S");
  const phase::BinaryMatrixView t = binary_matrix(t_object, "T");
  phase::check_phase_shapes(s, t);
  return py::make_tuple(to_numpy(phase::binary_row_degrees(s, "S")), to_numpy(phase::binary_row_degrees(t, "T")));
}

py::dict monte_carlo_stats(const py::handle& s_object, const py::handle& t_object, std::int64_t k, std::int64_t samples,
                           std::uint64_t seed, bool keep_samples) {
  const std::vector<std::int64_t> s = integer_vector(s_object, "s");
  const std::vector<std::int64_t> t = integer_vector(t_object, "t");
  phase::ColumnStatistics c;
  {
    py::gil_scoped_release release;
    c = phase::monte_carlo_column_statistics(s, t, k, samples, seed, keep_samples);
  }
  py::dict d("mean_load"_a = to_numpy(c.mean), "std_load"_a = to_numpy(c.std), "p95_load"_a = to_numpy(c.p95),
             "max_load"_a = to_numpy(c.max), "temporal_skew"_a = to_numpy(c.temporal_skew),
             "global_skew"_a = c.global_skew, "ideal_mean"_a = to_numpy(c.expected), "bias"_a = to_numpy(c.bias),
             "relative_error"_a = to_numpy(c.relative_error), "mean_routes"_a = c.mean_routes,
             "fill_ratio"_a = c.fill_ratio, "max_row_candidates"_a = c.max_row_candidates,
             "num_samples"_a = c.samples, "k"_a = c.k, "rows"_a = c.rows, "cols"_a = c.cols);
  if (keep_samples) {
    auto raw = to_numpy(c.loads);
    d["raw_samples"] = raw.reshape({static_cast<py::ssize_t>(c.samples), static_cast<py::ssize_t>(c.cols)});
  }
  return d;
}

py::dict estimate_capacity(const py::handle& s_object, const py::handle& t_object, std::int64_t k, double confidence,
                           std::int64_t samples, std::uint64_t seed) {
  const std::vector<std::int64_t> s = integer_vector(s_object, "s");
  const std::vector<std::int64_t> t = integer_vector(t_object, "t");
  phase::CapacityEstimate e;
  {
    py::gil_scoped_release release;
    e = phase::estimate_capacity(s, t, k, confidence, samples, seed);
  }
  return py::dict("mean_capacity"_a = to_numpy(e.mean), "required_capacity"_a = to_numpy(e.required),
                  "headroom"_a = to_numpy(e.headroom), "utilization"_a = to_numpy(e.utilization),
                  "confidence_level"_a = e.confidence, "max_required"_a = e.max_required,
                  "total_required"_a = e.total_required, "mean_utilization"_a = e.mean_utilization,
                  "num_samples"_a = e.samples, "k"_a = k);
}

py::dict suggest_k(const py::handle& s_object, const py::handle& t_object, double target_skew, std::int64_t k_min,
                   std::int64_t k_max, std::int64_t samples, std::uint64_t seed) {
  const std::vector<std::int64_t> s = integer_vector(s_object, "s");
  const std::vector<std::int64_t> t = integer_vector(t_object, "t");
  phase::KSearchResult r;
  {
    py::gil_scoped_release release;
    r = phase::smallest_k_for_skew(s, t, target_skew, k_min, k_max, samples, seed);
  }
  py::list steps;
  for (const auto& step : r.evaluations)
    steps.append(py::dict("k"_a = step.k, "global_skew"_a = step.global_skew, "fill_ratio"_a = step.fill_ratio));
  return py::dict("success"_a = r.found, "recommended_k"_a = r.k, "achieved_skew"_a = r.achieved_skew,
                  "target_skew"_a = r.target_skew, "k_binds"_a = r.k_binds, "max_row_candidates"_a = r.max_row_candidates,
                  "searched_up_to"_a = r.searched_up_to, "search_results"_a = steps,
                  "num_evaluations"_a = r.evaluations.size());
}

py::list analyze_distribution(const py::handle& s_object, const py::handle& t_object, const std::vector<std::int64_t>& ks,
                              std::int64_t samples, std::uint64_t seed) {
  const std::vector<std::int64_t> s = integer_vector(s_object, "s");
  const std::vector<std::int64_t> t = integer_vector(t_object, "t");
  std::vector<phase::DistributionPoint> points;
  {
    py::gil_scoped_release release;
    points = phase::analyze_distribution(s, t, ks, samples, seed);
  }
  py::list out;
  for (const auto& p : points)
    out.append(py::dict("k"_a = p.k, "global_skew"_a = p.global_skew, "mean_load"_a = p.mean_load,
                        "max_load"_a = p.max_mean_load, "std_load"_a = p.mean_std, "p95_load"_a = p.max_p95,
                        "total_routes"_a = p.mean_routes, "fill_ratio"_a = p.fill_ratio, "edge_density"_a = p.edge_density,
                        "theoretical_density"_a = p.theoretical_edge_density,
                        "candidate_density"_a = p.candidate_density, "k_binds"_a = p.k_binds));
  return out;
}

double expected_routes(const py::handle& s_object, const py::handle& t_object, std::int64_t k) {
  const std::vector<std::int64_t> s = integer_vector(s_object, "s");
  const std::vector<std::int64_t> t = integer_vector(t_object, "t");
  phase::check_fan_out(k, static_cast<std::int64_t>(s.size()));
  (void)phase::PhaseOperator(s, t, 0, false);  // the same degree checks as routing
  return phase::expected_routes(s, t, k);
}

}  // namespace
}  // namespace routelab::python

PYBIND11_MODULE(routelab_phase, m) {
  using namespace routelab::python;
  m.doc() = "The bit-packed phase router (routelab) and its statistics toolkit on numpy arrays";
  py::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const routelab::ConfigError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });
  // Keyword options of every routing entry: kernel = auto|reference|arcs|bitpacked (identical
  // output), row_permutations (spec step 5), expert_order = given|permuted and capacity_arcs =
  // end_to_end|spread (how T's arcs lie on the ring: docs/phase-router.md; the simulator router
  // uses permuted + spread).
  m.def("route", &route_matrices, "S"_a, "T"_a, "k"_a, "seed"_a = 0, py::kw_only(), "kernel"_a = "auto",
        "row_permutations"_a = false, "expert_order"_a = "given", "capacity_arcs"_a = "end_to_end",
        "return_stats"_a = false,
        "Route dense 0/1 matrices S (B x E) and T (E x B); returns a (B, k) int32 array padded with -1 "
        "(and a stats dict when return_stats=True).");
  m.def("route_degrees", &route_degree_vectors, "s"_a, "t"_a, "k"_a, "seed"_a = 0, py::kw_only(), "kernel"_a = "auto",
        "row_permutations"_a = false, "token_positions"_a = py::none(), "expert_order"_a = "given",
        "capacity_arcs"_a = "end_to_end", "return_stats"_a = false,
        "Route from row degrees s (B entries, each 0..E) and t (E entries, each 0..B); returns a (B, k) int32 array. "
        "token_positions: pi_T supplied (B ring positions, a permutation of 0..B-1) instead of drawn from the seed.");
  m.def("pack_and_route", &pack_and_route, "S"_a, "T"_a, "k"_a, "routes"_a, "seed"_a = 0, py::kw_only(),
        "kernel"_a = "auto", "row_permutations"_a = false, "expert_order"_a = "given", "capacity_arcs"_a = "end_to_end",
        "The published shape: writes the (B, k) int32 array `routes` in place and returns the stats dict.");
  m.def("degrees", &degrees, "S"_a, "T"_a, "Row degrees (s, t) of validated 0/1 matrices, as int64 arrays.");
  m.def("monte_carlo_stats", &monte_carlo_stats, "s"_a, "t"_a, "k"_a, "num_samples"_a = 32, "seed"_a = 42,
        "keep_samples"_a = false, "Per-column load statistics over num_samples seeds.");
  m.def("estimate_capacity", &estimate_capacity, "s"_a, "t"_a, "k"_a, "confidence"_a = 0.95, "num_samples"_a = 50,
        "seed"_a = 42, "Per-column load percentile at a confidence level, headroom and utilization.");
  m.def("suggest_k", &suggest_k, "s"_a, "t"_a, "target_skew"_a = 1.5, "k_min"_a = 1, "k_max"_a = 256,
        "num_samples"_a = 10, "seed"_a = 42, "The smallest k whose global skew reaches target_skew.");
  m.def("analyze_distribution", &analyze_distribution, "s"_a, "t"_a, "k_values"_a, "num_samples"_a = 20, "seed"_a = 42,
        "Skew, load moments and edge density (measured and exact) for each k.");
  m.def("expected_routes", &expected_routes, "s"_a, "t"_a, "k"_a,
        "Exact expected number of routes over the random permutations (fill ratio = this / (B k)).");
  m.def("batch_seed", &routelab::phase::batch_seed, "seed"_a, "batch"_a, "The seed of batch `batch` under per-batch reseeding.");
}
