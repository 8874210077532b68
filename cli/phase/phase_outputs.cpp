#include "cli/phase/phase_outputs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/atomic_file.hpp"
#include "core/errors.hpp"
#include "routers/phase/phase_dense_input.hpp"
#include "routers/phase/phase_kernels.hpp"
#include "routers/phase/phase_operator.hpp"

namespace routelab::cli {

namespace {

double largest(const std::vector<double>& values) { return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end()); }

double largest_magnitude(const std::vector<double>& values) {
  double m = 0;
  for (const double v : values) m = std::max(m, std::abs(v));
  return m;
}

// P4: "P4\nW H\n", then each row packed most significant bit first, padded to a whole byte.
void write_pbm(const std::filesystem::path& path, const std::vector<std::uint8_t>& cells, std::int64_t rows,
               std::int64_t cols) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "P4\n" << cols << ' ' << rows << '\n';
    std::vector<char> packed(static_cast<std::size_t>((cols + 7) / 8));
    for (std::int64_t i = 0; i < rows; ++i) {
      std::fill(packed.begin(), packed.end(), 0);
      for (std::int64_t j = 0; j < cols; ++j)
        if (cells[static_cast<std::size_t>(i * cols + j)])
          packed[static_cast<std::size_t>(j / 8)] = static_cast<char>(packed[static_cast<std::size_t>(j / 8)] | (0x80 >> (j % 8)));
      out.write(packed.data(), static_cast<std::streamsize>(packed.size()));
    }
  });
}

}  // namespace

nlohmann::ordered_json phase_report_json(const PhaseReport& report) {
  const phase::PhaseStats& s = report.stats;
  nlohmann::ordered_json j;
  j["rows"] = s.rows;
  j["cols"] = s.cols;
  j["k"] = s.k;
  j["seed"] = report.seed;
  j["degrees"] = report.degrees_spec;
  j["kernel"] = std::string(phase::to_string(s.kernel));
  j["active_routes"] = s.active_routes;
  j["fill_ratio"] = s.fill_ratio;
  j["expected_fill_ratio"] = report.expected_fill_ratio;
  j["routes_per_row"] = s.routes_per_row;
  j["candidates"] = s.candidates;
  j["max_row_candidates"] = s.max_row_candidates;
  j["column_max_load"] = s.column_max_load;
  j["column_mean_load"] = s.column_mean_load;
  j["column_max_over_mean"] = s.column_max_over_mean;
  // Wall-clock times: the only fields that differ between identical runs.
  j["time_ms"] = {{"validate", s.validate_ms}, {"setup", s.setup_ms}, {"route", s.route_ms}, {"total", s.total_ms}};
  if (report.monte_carlo) {
    const phase::ColumnStatistics& mc = *report.monte_carlo;
    nlohmann::ordered_json m;
    m["samples"] = mc.samples;
    m["global_skew"] = mc.global_skew;
    m["fill_ratio"] = mc.fill_ratio;
    m["mean_routes"] = mc.mean_routes;
    m["max_row_candidates"] = mc.max_row_candidates;
    m["max_p95"] = largest(mc.p95);
    m["max_temporal_skew"] = largest(mc.temporal_skew);
    m["max_abs_relative_error"] = largest_magnitude(mc.relative_error);
    m["mean"] = mc.mean;
    m["std"] = mc.std;
    m["p95"] = mc.p95;
    m["max"] = mc.max;
    m["expected"] = mc.expected;
    j["monte_carlo"] = m;
  }
  return j;
}

std::string phase_report_table(const PhaseReport& report) {
  const phase::PhaseStats& s = report.stats;
  std::string out = fmt::format("phase router: {} rows x {} columns, k={}, seed {}, degrees {}, kernel {}\n", s.rows,
                                s.cols, s.k, report.seed, report.degrees_spec, phase::to_string(s.kernel));
  out += fmt::format("{:<22} {}\n", "active routes", s.active_routes);
  out += fmt::format("{:<22} {:.4f} (expected {:.4f})\n", "fill ratio", s.fill_ratio, report.expected_fill_ratio);
  out += fmt::format("{:<22} {:.3f}\n", "routes per row", s.routes_per_row);
  out += fmt::format("{:<22} {} (largest row {})\n", "candidates", s.candidates, s.max_row_candidates);
  out += fmt::format("{:<22} {:.3f} (max {}, mean {:.3f})\n", "column max/mean", s.column_max_over_mean,
                     s.column_max_load, s.column_mean_load);
  out += fmt::format("{:<22} {:.3f} ms (validate {:.3f}, setup {:.3f}, route {:.3f})\n", "time", s.total_ms,
                     s.validate_ms, s.setup_ms, s.route_ms);
  if (report.monte_carlo) {
    const phase::ColumnStatistics& mc = *report.monte_carlo;
    out += fmt::format("monte carlo over {} seeds:\n", mc.samples);
    out += fmt::format("  {:<20} {:.4f}\n", "global skew", mc.global_skew);
    out += fmt::format("  {:<20} {:.4f}\n", "mean fill ratio", mc.fill_ratio);
    out += fmt::format("  {:<20} {:.2f}\n", "largest column p95", largest(mc.p95));
    out += fmt::format("  {:<20} {:.3f}\n", "max temporal skew", largest(mc.temporal_skew));
    out += fmt::format("  {:<20} {:.4f}\n", "max |bias| / t-share", largest_magnitude(mc.relative_error));
  }
  return out;
}

void write_routes_csv(const std::filesystem::path& path, const std::vector<std::int32_t>& routes, std::int64_t rows,
                      std::int64_t k) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "row";
    for (std::int64_t c = 0; c < k; ++c) out << ",r" << c;
    out << '\n';
    std::string line;
    for (std::int64_t i = 0; i < rows; ++i) {
      line = std::to_string(i);
      for (std::int64_t c = 0; c < k; ++c) {
        line += ',';
        line += std::to_string(routes[static_cast<std::size_t>(i * k + c)]);
      }
      line += '\n';
      out << line;
    }
  });
}

void check_pbm_size(std::int64_t rows, std::int64_t cols) {
  if (rows * cols > kMaxPbmCells)
    throw ConfigError("--pbm", "images of " + std::to_string(rows) + " x " + std::to_string(cols) +
                                   " pixels exceed the limit of " + std::to_string(kMaxPbmCells) + " (use a smaller --n)");
}

void write_phase_pbm(const std::filesystem::path& directory, const PhaseDegrees& degrees, std::uint64_t seed,
                     bool row_permutations, const std::vector<std::int32_t>& routes, std::int64_t k) {
  const auto rows = static_cast<std::int64_t>(degrees.s.size());
  const auto cols = static_cast<std::int64_t>(degrees.t.size());
  check_pbm_size(rows, cols);
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw IoError("cannot create directory '" + directory.string() + "': " + error.message());
  const auto s = phase::aligned_matrix_from_degrees(degrees.s, cols);
  const auto t = phase::aligned_matrix_from_degrees(degrees.t, rows);
  const phase::PhaseOperator op(degrees.s, degrees.t, seed, row_permutations);
  const phase::PhaseMatrices m = phase::build_phase_matrices(phase::BinaryMatrixView{s.data(), rows, cols, cols},
                                                             phase::BinaryMatrixView{t.data(), cols, rows, rows}, op);
  std::vector<std::uint8_t> kept(static_cast<std::size_t>(rows * cols), 0);
  for (std::int64_t i = 0; i < rows; ++i)
    for (std::int64_t c = 0; c < k; ++c)
      if (const std::int32_t j = routes[static_cast<std::size_t>(i * k + c)]; j >= 0) kept[static_cast<std::size_t>(i * cols + j)] = 1;
  write_pbm(directory / "S_prime.pbm", m.s_prime, rows, cols);
  write_pbm(directory / "T_double_prime.pbm", m.t_double_prime, rows, cols);
  write_pbm(directory / "O.pbm", m.intersection, rows, cols);
  write_pbm(directory / "routes.pbm", kept, rows, cols);
}

}  // namespace routelab::cli
