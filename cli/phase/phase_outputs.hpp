#pragma once
// What `routelab phase` writes: its report (table or JSON), the route table as CSV, and the
// literal matrices S', T'' and O (plus the kept routes) as PBM images. Files are written atomically.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/phase/phase_inputs.hpp"
#include "routers/phase/phase_options.hpp"
#include "routers/phase/phase_statistics.hpp"

namespace routelab::cli {

struct PhaseReport {
  std::string degrees_spec;
  std::uint64_t seed = 0;
  phase::PhaseStats stats;
  double expected_fill_ratio = 0;  // exact expectation over the permutations (phase_theory.hpp)
  std::optional<phase::ColumnStatistics> monte_carlo;
};

nlohmann::ordered_json phase_report_json(const PhaseReport& report);
std::string phase_report_table(const PhaseReport& report);

// One line per row: "row,r0,...,r{k-1}" after a header line.
void write_routes_csv(const std::filesystem::path& path, const std::vector<std::int32_t>& routes, std::int64_t rows,
                      std::int64_t k);

// S_prime.pbm, T_double_prime.pbm, O.pbm (candidates) and routes.pbm (kept routes), B x E pixels
// each, into `directory` (created if missing). Throws ConfigError("--pbm") above kMaxPbmCells.
inline constexpr std::int64_t kMaxPbmCells = std::int64_t{1} << 24;  // 4096 x 4096: ~2 MiB per image
void check_pbm_size(std::int64_t rows, std::int64_t cols);  // throws ConfigError("--pbm") above the limit
void write_phase_pbm(const std::filesystem::path& directory, const PhaseDegrees& degrees, std::uint64_t seed,
                     bool row_permutations, const std::vector<std::int32_t>& routes, std::int64_t k);

}  // namespace routelab::cli
