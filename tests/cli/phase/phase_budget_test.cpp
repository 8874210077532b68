// Issue 16 item 8, `routelab phase`: huge operator sizes are refused before anything is allocated
// (exit code 2 naming the option and the estimate), not run into bad_alloc; --ignore-budget
// overrides. The estimate is checked against the measured footprint it was fitted to.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "cli/phase/phase_budget.hpp"
#include "core/errors.hpp"
#include "tests/cli/cli_runner.hpp"

namespace routelab::cli {
namespace {

// stdout and stderr together, as a user sees them.
std::pair<int, std::string> run_phase(const std::string& arguments) {
  const auto result = testing::run_cli("phase " + arguments);
  return {result.exit_code, result.out + result.err};
}

std::string refusal(const PhaseSizes& sizes, const RunBudget& budget, std::span<const std::int64_t> s = {}) {
  try {
    check_phase_memory(sizes, budget);
    check_phase_work(sizes, s, budget);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "accepted";
}

TEST(PhaseBudget, MemoryEstimateMatchesTheMeasuredFootprint) {
  // Measured peak RSS less the binary's 6 MB (Release, bench machine): 1e6 x 1e6 at k = 4 took
  // 123 MB, at k = 32 232 MB; 2e6 x 2e6 at k = 4 247 MB. The estimate stays within 35 %.
  const auto within = [](double estimate, double measured) { return estimate > measured * 0.8 && estimate < measured * 1.35; };
  EXPECT_TRUE(within(estimate_phase_memory({1'000'000, 1'000'000, 4, 0}), 123e6));
  EXPECT_TRUE(within(estimate_phase_memory({1'000'000, 1'000'000, 32, 0}), 232e6));
  EXPECT_TRUE(within(estimate_phase_memory({2'000'000, 2'000'000, 4, 0}), 247e6));
  // k beyond the columns costs no more (at most E routes per row).
  EXPECT_EQ(estimate_phase_memory({100, 10, 1'000'000, 0}), estimate_phase_memory({100, 10, 10, 0}));
}

TEST(PhaseBudget, TheIssuesHundredMillionRowsAreRefusedOnASmallMachine) {
  const RunBudget small{8.0 * (1ull << 30), 1e11};  // 16 GiB of memory, half of it the budget
  const std::string why = refusal({100'000'000, 100'000'000, 4, 0}, small);
  EXPECT_NE(why.find("--n: the phase operator (100000000 x 100000000, k = 4)"), std::string::npos) << why;
  EXPECT_NE(why.find("GiB of memory"), std::string::npos) << why;
  EXPECT_NE(why.find("--ignore-budget"), std::string::npos) << why;
  EXPECT_EQ(refusal({1'000'000, 1'000'000, 4, 0}, small), "accepted");
}

TEST(PhaseBudget, TheOptionNamedIsTheOneThatDrivesTheEstimate) {
  const RunBudget small{1e9, 1e11};
  EXPECT_NE(refusal({1'000'000, 1'000'000, 1'000'000, 0}, small).find("--k: the phase operator"), std::string::npos);
  EXPECT_NE(refusal({1'000, 100'000'000, 4, 0}, small).find("--experts: the phase operator (1000 x 100000000"), std::string::npos);
  const std::vector<std::int64_t> s(4096, 4);
  EXPECT_NE(refusal({4096, 4096, 4, 1'000'000'000}, small, s).find("--samples: routing"), std::string::npos);
  const std::vector<std::int64_t> full(1'000, 1'000'000'000);  // sum of s = 1e12: 1.6e10 words
  EXPECT_NE(refusal({1'000, 1'000'000'000, 4, 0}, RunBudget{1e15, 1e10}, full).find("--n"), std::string::npos);
}

TEST(PhaseBudget, CommandRefusesHugeSizesBeforeAllocating) {
  // 10^10 rows: about 1.2 TiB; refused at once (a run would end in bad_alloc or the OOM killer).
  auto [code, output] = run_phase("--n 10000000000 --k 4 --seed 1");
  EXPECT_EQ(code, 2) << output;
  EXPECT_NE(output.find("--n: the phase operator (10000000000 x 10000000000"), std::string::npos) << output;
  EXPECT_NE(output.find("TiB of memory"), std::string::npos) << output;
  EXPECT_NE(output.find("--ignore-budget"), std::string::npos) << output;
  // A billion Monte-Carlo samples of a small operator: work, not memory.
  std::tie(code, output) = run_phase("--n 4096 --k 4 --seed 1 --samples 1000000000");
  EXPECT_EQ(code, 2) << output;
  EXPECT_NE(output.find("--samples: routing"), std::string::npos) << output;
  EXPECT_NE(output.find("units of work"), std::string::npos) << output;
  // The override: a small operator runs with it.
  std::tie(code, output) = run_phase("--n 64 --k 4 --seed 3 --ignore-budget");
  EXPECT_EQ(code, 0) << output;
}

}  // namespace
}  // namespace routelab::cli
