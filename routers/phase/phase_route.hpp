#pragma once
// Entry points of the phase router library.
//
//   route_dense*    the published pack_and_route shape: S (B x E) and T (E x B) 0/1 matrices in,
//                   a B x k route table padded with -1 out, plus statistics.
//   route_degrees*  the row degrees s (B of them, each 0..E) and t (E of them, each 0..B) directly:
//                   all the operator depends on, and what the simulator uses. Memory O(B*k + B + E).
//   route_operator  an operator built once, writing into a strided table (the simulator's router).
//
// The degree entries also take the token permutation pi_T from the caller (`token_positions`: B
// ring positions, a permutation of 0..B-1; see PhaseOperator): everything else is as above.
//
// All throw PhaseArgumentError (naming the argument) on bad input and never print. The output is a
// pure function of (degrees, k, seed, row_permutations): the same for every kernel and thread count.
#include <cstdint>
#include <span>
#include <vector>

#include "routers/phase/phase_dense_input.hpp"
#include "routers/phase/phase_kernels.hpp"
#include "routers/phase/phase_operator.hpp"
#include "routers/phase/phase_options.hpp"

namespace routelab::phase {

PhaseResult route_dense(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOptions& options);
// `routes` must hold exactly B * k slots; every slot is written. `column_load` (optional) receives E loads.
PhaseStats route_dense_into(const BinaryMatrixView& s, const BinaryMatrixView& t, const PhaseOptions& options,
                            std::span<std::int32_t> routes, std::vector<std::int64_t>* column_load = nullptr);

PhaseResult route_degrees(std::span<const std::int64_t> s, std::span<const std::int64_t> t, const PhaseOptions& options);
PhaseStats route_degrees_into(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                              const PhaseOptions& options, std::span<std::int32_t> routes,
                              std::vector<std::int64_t>* column_load = nullptr);
// pi_T supplied: token_positions[i] is row i's position on the ring of B (learned_seed's placement).
PhaseResult route_degrees(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                          std::span<const std::int32_t> token_positions, const PhaseOptions& options);
PhaseStats route_degrees_into(std::span<const std::int64_t> s, std::span<const std::int64_t> t,
                              std::span<const std::int32_t> token_positions, const PhaseOptions& options,
                              std::span<std::int32_t> routes, std::vector<std::int64_t>* column_load = nullptr);

// Uses the operator's seed, row permutations and arc layout (options.seed, options.row_permutations
// and options.layout are
// ignored); writes k ids at out.data + i * out.row_stride for every row i.
PhaseStats route_operator(const PhaseOperator& op, const PhaseOptions& options, RouteTable out,
                          std::vector<std::int64_t>* column_load = nullptr);

// Throws PhaseArgumentError("k", ...) unless 1 <= k and rows * k fits the route table limit.
void check_fan_out(std::int64_t k, std::int64_t rows);

}  // namespace routelab::phase
