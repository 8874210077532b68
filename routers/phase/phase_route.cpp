#include "routers/phase/phase_route.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "routers/phase/phase_errors.hpp"
#include "routers/phase/phase_kernel_choice.hpp"

namespace routelab::phase {

namespace {

// 2^33 route slots (32 GiB of int32): far beyond any useful table, small enough to fail with a
// clear message instead of an allocation failure.
constexpr std::int64_t kMaxRouteSlots = std::int64_t{1} << 33;

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point begin) {
  return std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
}

void check_route_span(std::span<std::int32_t> routes, std::int64_t rows, std::int64_t k) {
  if (static_cast<std::int64_t>(routes.size()) != rows * k)
    throw PhaseArgumentError("routes", "expected " + std::to_string(rows) + " x " + std::to_string(k) + " = " +
                                           std::to_string(rows * k) + " slots, got " + std::to_string(routes.size()));
}

// Runs the resolved kernel; `dense` (may be null) gives the reference kernel its literal inputs.
PhaseStats run(const PhaseOperator& op, const PhaseOptions& options, RouteTable out,
               std::vector<std::int64_t>* column_load, const BinaryMatrixView* dense_s,
               const BinaryMatrixView* dense_t) {
  check_fan_out(options.k, op.rows());
  const auto begin = Clock::now();
  const PhaseKernel kernel = resolve_kernel(op, options.k, options.kernel);
  PhaseTally tally(op.cols());
  switch (kernel) {
    case PhaseKernel::automatic:
    case PhaseKernel::arcs:
      run_arc_kernel(op, options.k, out, tally);
      break;
    case PhaseKernel::bitpacked:
      run_bitpacked_kernel(op, options.k, out, tally);
      break;
    case PhaseKernel::reference: {
      if (dense_s != nullptr && dense_t != nullptr) {
        run_reference_kernel(*dense_s, *dense_t, op, options.k, out, tally);
      } else {
        const std::vector<std::int64_t> s(op.s_degrees().begin(), op.s_degrees().end());
        const std::vector<std::int64_t> t(op.t_degrees().begin(), op.t_degrees().end());
        const auto s_matrix = aligned_matrix_from_degrees(s, op.cols());
        const auto t_matrix = aligned_matrix_from_degrees(t, op.rows());
        const BinaryMatrixView s_view{s_matrix.data(), op.rows(), op.cols(), op.cols()};
        const BinaryMatrixView t_view{t_matrix.data(), op.cols(), op.rows(), op.rows()};
        run_reference_kernel(s_view, t_view, op, options.k, out, tally);
      }
      break;
    }
  }
  PhaseStats stats;
  stats.route_ms = milliseconds_since(begin);
  stats.kernel = kernel;
  stats.rows = op.rows();
  stats.cols = op.cols();
  stats.k = options.k;
  stats.active_routes = tally.active_routes;
  stats.candidates = tally.candidates;
  stats.max_row_candidates = tally.max_row_candidates;
  stats.fill_ratio = static_cast<double>(tally.active_routes) / (static_cast<double>(op.rows()) * static_cast<double>(options.k));
  stats.routes_per_row = static_cast<double>(tally.active_routes) / op.rows();
  stats.column_max_load = *std::max_element(tally.column_load.begin(), tally.column_load.end());
  stats.column_mean_load = static_cast<double>(tally.active_routes) / op.cols();
  stats.column_max_over_mean =
      tally.active_routes == 0 ? 0.0 : static_cast<double>(stats.column_max_load) / stats.column_mean_load;
  if (column_load != nullptr) *column_load = std::move(tally.column_load);
  return stats;
}

PhaseStats route_built(const PhaseOperator& op, const PhaseOptions& options, std::span<std::int32_t> routes,
                       std::vector<std::int64_t>* column_load, const BinaryMatrixView* dense_s,
                       const BinaryMatrixView* dense_t) {
  check_route_span(routes, op.rows(), options.k);
  return run(op, options, RouteTable{routes.data(), options.k}, column_load, dense_s, dense_t);
}

PhaseResult allocate_result(std::int64_t rows, std::int64_t k) {
  check_fan_out(k, rows);
  PhaseResult result;
  result.routes.resize(static_cast<std::size_t>(rows * k));
  return result;
}

}  // namespace

void check_fan_out(std::int64_t k, std::int64_t rows) {
  if (k < 1) throw PhaseArgumentError("k", "expected a fan-out bound k >= 1, got " + std::to_string(k));
  if (k > kMaxRouteSlots / std::max<std::int64_t>(rows, 1))
    throw PhaseArgumentError("k", "a route table of " + std::to_string(rows) + " x " + std::to_string(k) +
                                      " slots exceeds the limit of " + std::to_string(kMaxRouteSlots));
}

PhaseStats route_operator(const PhaseOperator& op, const PhaseOptions& options, RouteTable out,
                          std::vector<std::int64_t>* column_load) {
  if (out.data == nullptr || out.row_stride < options.k)
    throw PhaseArgumentError("routes", "expected a table with a row stride of at least k = " + std::to_string(options.k));
  PhaseStats stats = run(op, options, out, column_load, nullptr, nullptr);
  stats.total_ms = stats.route_ms;
  return stats;
}

PhaseStats route_degrees_into(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                              const PhaseOptions& options, std::span<std::int32_t> routes,
                              std::vector<std::int64_t>* column_load) {
  return route_degrees_into(s, t, {}, options, routes, column_load);
}

PhaseStats route_degrees_into(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                              std::span<const std::int32_t> token_positions, const PhaseOptions& options,
                              std::span<std::int32_t> routes, std::vector<std::int64_t>* column_load) {
  const auto begin = Clock::now();
  check_fan_out(options.k, static_cast<std::int64_t>(s.size()));
  const PhaseOperator op(s, t, options.seed, options.row_permutations, token_positions, options.layout);
  const double setup_ms = milliseconds_since(begin);
  PhaseStats stats = route_built(op, options, routes, column_load, nullptr, nullptr);
  stats.setup_ms = setup_ms;
  stats.total_ms = milliseconds_since(begin);
  return stats;
}

PhaseResult route_degrees(std::span<const std::int64_t> s, std::span<const std::int64_t> t, const PhaseOptions& options) {
  return route_degrees(s, t, {}, options);
}

PhaseResult route_degrees(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                          std::span<const std::int32_t> token_positions, const PhaseOptions& options) {
  PhaseResult result = allocate_result(static_cast<std::int64_t>(s.size()), options.k);
  result.stats = route_degrees_into(s, t, token_positions, options, result.routes, &result.column_load);
  return result;
}

PhaseStats route_dense_into(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOptions& options,
                            std::span<std::int32_t> routes, std::vector<std::int64_t>* column_load) {
  const auto begin = Clock::now();
  check_phase_shapes(s, t);
  check_fan_out(options.k, s.rows);
  check_route_span(routes, s.rows, options.k);
  const std::vector<std::int64_t> s_degrees = binary_row_degrees(s, "S");
  const std::vector<std::int64_t> t_degrees = binary_row_degrees(t, "T");
  const double validate_ms = milliseconds_since(begin);
  const auto setup_begin = Clock::now();
  const PhaseOperator op(s_degrees, t_degrees, options.seed, options.row_permutations, {}, options.layout);
  const double setup_ms = milliseconds_since(setup_begin);
  PhaseStats stats = route_built(op, options, routes, column_load, &s, &t);
  stats.validate_ms = validate_ms;
  stats.setup_ms = setup_ms;
  stats.total_ms = milliseconds_since(begin);
  return stats;
}

PhaseResult route_dense(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOptions& options) {
  check_phase_shapes(s, t);
  PhaseResult result = allocate_result(s.rows, options.k);
  result.stats = route_dense_into(s, t, options, result.routes, &result.column_load);
  return result;
}

}  // namespace routelab::phase
