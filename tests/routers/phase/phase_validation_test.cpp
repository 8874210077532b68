// Bad input is a typed error naming the argument (spec §3): never silent truncation, never a
// crash, never a partly written table.
#include <gtest/gtest.h>

#include <limits>

#include "routers/phase/phase_errors.hpp"
#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_statistics.hpp"
#include "routers/phase/phase_parameter_search.hpp"

namespace routelab::phase {
namespace {

template <typename Call>
std::string argument_of(Call call) {
  try {
    call();
  } catch (const PhaseArgumentError& error) {
    return error.argument();
  }
  return "<no error>";
}

PhaseOptions with_k(std::int64_t k) {
  PhaseOptions options;
  options.k = k;
  return options;
}

TEST(PhaseValidation, DegreeVectors) {
  const std::vector<std::int64_t> ok_s{1, 2, 3}, ok_t{3, 0};
  EXPECT_EQ(argument_of([&] { route_degrees(std::vector<std::int64_t>{}, ok_t, with_k(1)); }), "s");
  EXPECT_EQ(argument_of([&] { route_degrees(ok_s, std::vector<std::int64_t>{}, with_k(1)); }), "t");
  EXPECT_EQ(argument_of([&] { route_degrees(std::vector<std::int64_t>{1, 3, 0}, ok_t, with_k(1)); }), "s[1]");  // > E = 2
  EXPECT_EQ(argument_of([&] { route_degrees(std::vector<std::int64_t>{1, -1, 0}, ok_t, with_k(1)); }), "s[1]");
  EXPECT_EQ(argument_of([&] { route_degrees(std::vector<std::int64_t>{1, 1, 1}, std::vector<std::int64_t>{4, 0}, with_k(1)); }), "t[0]");  // > B = 3
  EXPECT_EQ(argument_of([&] { route_degrees(std::vector<std::int64_t>{1, 1, 1}, ok_t, with_k(0)); }), "k");
  EXPECT_EQ(argument_of([&] { route_degrees(std::vector<std::int64_t>{1, 1, 1}, ok_t, with_k(-5)); }), "k");
  EXPECT_EQ(argument_of([&] { route_degrees(std::vector<std::int64_t>{1, 1, 1}, ok_t, with_k(std::numeric_limits<std::int64_t>::max())); }), "k");
  EXPECT_EQ(argument_of([&] { route_degrees(std::vector<std::int64_t>{1, 1, 1}, ok_t, with_k(2)); }), "<no error>");
}

TEST(PhaseValidation, SuppliedTokenPositions) {
  // pi_T from the caller must be a permutation of the B ring positions.
  const std::vector<std::int64_t> s{2, 2, 2, 2}, t{3, 3};
  auto with_positions = [&](std::vector<std::int32_t> positions) {
    return argument_of([&] { route_degrees(s, t, positions, with_k(2)); });
  };
  EXPECT_EQ(with_positions({2, 0, 3, 1}), "<no error>");
  EXPECT_EQ(with_positions({2, 0, 3}), "token_positions");         // B = 4 positions expected
  EXPECT_EQ(with_positions({2, 0, 3, 1, 4}), "token_positions");
  EXPECT_EQ(with_positions({2, 0, 4, 1}), "token_positions[2]");    // off the ring
  EXPECT_EQ(with_positions({2, -1, 3, 1}), "token_positions[1]");
  EXPECT_EQ(with_positions({2, 0, 3, 2}), "token_positions[3]");    // position 2 taken twice
  std::vector<std::int32_t> routes(8, 7);
  EXPECT_EQ(argument_of([&] { route_degrees_into(s, t, std::vector<std::int32_t>{0, 0, 1, 2}, with_k(2), routes); }),
            "token_positions[1]");
  EXPECT_EQ(routes, std::vector<std::int32_t>(8, 7));  // refused before anything is written
  try {
    route_degrees(s, t, std::vector<std::int32_t>{2, 0, 3, 2}, with_k(2));
  } catch (const PhaseArgumentError& error) {
    EXPECT_NE(std::string(error.what()).find("permutation"), std::string::npos) << error.what();
  }
}

TEST(PhaseValidation, DenseMatrices) {
  const std::vector<std::uint8_t> s(6, 1), t(6, 1), bad{1, 0, 2, 1, 0, 0};
  std::vector<std::int32_t> routes(3 * 2);
  const BinaryMatrixView s_ok{s.data(), 3, 2, 2}, t_ok{t.data(), 2, 3, 3};
  EXPECT_EQ(argument_of([&] { route_dense_into(s_ok, t_ok, with_k(2), routes); }), "<no error>");
  // T must be E x B: a square T of the wrong size, or S's own shape, is refused.
  EXPECT_EQ(argument_of([&] { route_dense_into(s_ok, BinaryMatrixView{t.data(), 3, 2, 2}, with_k(2), routes); }), "T");
  EXPECT_EQ(argument_of([&] { route_dense_into(BinaryMatrixView{s.data(), 0, 2, 2}, t_ok, with_k(2), routes); }), "S");
  EXPECT_EQ(argument_of([&] { route_dense_into(BinaryMatrixView{nullptr, 3, 2, 2}, t_ok, with_k(2), routes); }), "S");
  EXPECT_EQ(argument_of([&] { route_dense_into(BinaryMatrixView{s.data(), 3, 2, 1}, t_ok, with_k(2), routes); }), "S");
  // Entries other than 0/1 (the published code corrupts its heap on these).
  EXPECT_EQ(argument_of([&] { route_dense_into(BinaryMatrixView{bad.data(), 3, 2, 2}, t_ok, with_k(2), routes); }), "S");
  EXPECT_EQ(argument_of([&] { route_dense_into(s_ok, BinaryMatrixView{bad.data(), 2, 3, 3}, with_k(2), routes); }), "T");
  try {
    route_dense_into(BinaryMatrixView{bad.data(), 3, 2, 2}, t_ok, with_k(2), routes);
  } catch (const PhaseArgumentError& error) {
    EXPECT_NE(std::string(error.what()).find("entry (1, 0) is 2"), std::string::npos) << error.what();
  }
  // An output of the wrong size is refused before anything is written.
  std::vector<std::int32_t> short_routes(5, 7);
  EXPECT_EQ(argument_of([&] { route_dense_into(s_ok, t_ok, with_k(2), short_routes); }), "routes");
  EXPECT_EQ(short_routes, std::vector<std::int32_t>(5, 7));
  EXPECT_EQ(argument_of([&] { route_dense_into(s_ok, t_ok, with_k(0), routes); }), "k");
}

TEST(PhaseValidation, LongRowsAreCheckedInFull) {
  // A bad entry in the vectorized middle and in the scalar tail of a long row.
  for (const std::size_t at : {std::size_t{5}, std::size_t{700}, std::size_t{1023}}) {
    std::vector<std::uint8_t> s(1024, 1), t(1024, 1);
    s[at] = 255;
    std::vector<std::int32_t> routes(1);
    const BinaryMatrixView s_view{s.data(), 1, 1024, 1024}, t_view{t.data(), 1024, 1, 1};
    EXPECT_EQ(argument_of([&] { route_dense_into(s_view, t_view, with_k(1), routes); }), "S") << at;
  }
}

TEST(PhaseValidation, KernelNamesAndToolkitArguments) {
  EXPECT_EQ(parse_phase_kernel("bitpacked", "kernel"), PhaseKernel::bitpacked);
  EXPECT_EQ(argument_of([] { parse_phase_kernel("fastest", "--kernel"); }), "--kernel");
  const std::vector<std::int64_t> s{2, 2}, t{1, 1};
  EXPECT_EQ(argument_of([&] { monte_carlo_column_statistics(s, t, 1, 0, 1); }), "samples");
  EXPECT_EQ(argument_of([&] { estimate_capacity(s, t, 1, 0.0, 4, 1); }), "confidence");
  EXPECT_EQ(argument_of([&] { estimate_capacity(s, t, 1, 1.5, 4, 1); }), "confidence");
  EXPECT_EQ(argument_of([&] { smallest_k_for_skew(s, t, 0.0, 1, 2, 4, 1); }), "target_skew");
  EXPECT_EQ(argument_of([&] { smallest_k_for_skew(s, t, 1.5, 0, 2, 4, 1); }), "k_min");
  EXPECT_EQ(argument_of([&] { smallest_k_for_skew(s, t, 1.5, 3, 2, 4, 1); }), "k_max");
  EXPECT_EQ(argument_of([&] { analyze_distribution(s, t, std::vector<std::int64_t>{}, 4, 1); }), "k_values");
  EXPECT_EQ(argument_of([&] { analyze_distribution(s, t, std::vector<std::int64_t>{0}, 4, 1); }), "k");
  EXPECT_EQ(argument_of([&] { monte_carlo_column_statistics(s, std::vector<std::int64_t>{3, 1}, 1, 2, 1); }), "t[0]");
}

}  // namespace
}  // namespace routelab::phase
