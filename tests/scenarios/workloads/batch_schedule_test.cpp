// Arrival processes, the load ramp and the decode/prefill mix, measured on the batch schedule.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "scenarios/workloads/batch_schedule.hpp"
#include "scenarios/workloads/bursty_arrivals.hpp"
#include "scenarios/workloads/load_ramp.hpp"

namespace routelab {
namespace {

struct Moments {
  double mean = 0;
  double cv = 0;
};

Moments moments(const std::vector<double>& values) {
  Moments m;
  m.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  double sq = 0;
  for (double v : values) sq += (v - m.mean) * (v - m.mean);
  m.cv = std::sqrt(sq / static_cast<double>(values.size() - 1)) / m.mean;
  return m;
}

TEST(GammaGaps, ShapeAndScaleGiveTheRequestedMeanAndCv) {
  const GammaGaps gaps(1600, 2.0);
  EXPECT_DOUBLE_EQ(gaps.shape(), 0.25);
  EXPECT_DOUBLE_EQ(gaps.scale(), 6400);
  for (double cv : {0.5, 1.0, 3.0}) {
    const GammaGaps g(100, cv);
    RngEngine rng(11);
    std::vector<double> draws(100000);
    for (double& d : draws) d = g.draw(rng);
    const Moments m = moments(draws);
    EXPECT_NEAR(m.mean, 100, 100 * 0.03 * cv + 1) << "cv " << cv;
    EXPECT_NEAR(m.cv, cv, 0.06 * cv) << "cv " << cv;
  }
}

// Every batch of a schedule with a token limit (> 0: the schedule ends).
std::vector<ScheduledBatch> schedule(const WorkloadSpec& spec, std::int64_t limit) {
  BatchSchedule s(spec, limit, -1);
  RngEngine rng(5);
  std::vector<ScheduledBatch> batches;
  while (auto b = s.next(rng)) batches.push_back(*b);
  return batches;
}

std::vector<double> gaps(const std::vector<ScheduledBatch>& batches, std::size_t from, std::size_t to) {
  std::vector<double> result;
  for (std::size_t i = from + 1; i < to; ++i) result.push_back(static_cast<double>(batches[i].tick - batches[i - 1].tick));
  return result;
}

TEST(BatchSchedule, FixedPoissonAndGammaGapsHaveTheirCv) {
  WorkloadSpec spec;
  spec.batch_size = 10;
  spec.interval_ticks = 1000;
  spec.arrival = ArrivalProcess::fixed;
  auto fixed = schedule(spec, 200000);
  EXPECT_EQ(fixed.size(), 20000u);
  EXPECT_EQ(fixed[1].tick - fixed[0].tick, 1000);
  EXPECT_EQ(fixed.back().tick, 1000 * 19999);

  spec.arrival = ArrivalProcess::poisson;
  const Moments poisson = moments(gaps(schedule(spec, 200000), 0, 20000));
  EXPECT_NEAR(poisson.mean, 1000, 30);
  EXPECT_NEAR(poisson.cv, 1.0, 0.04);

  spec.arrival = ArrivalProcess::gamma;
  spec.arrival_cv = 2.5;
  const Moments gamma = moments(gaps(schedule(spec, 200000), 0, 20000));
  EXPECT_NEAR(gamma.mean, 1000, 80);
  EXPECT_NEAR(gamma.cv, 2.5, 0.2);
}

TEST(BatchSchedule, TokenLimitCutsTheLastBatch) {
  WorkloadSpec spec;
  spec.batch_size = 300;
  const auto batches = schedule(spec, 1000);
  ASSERT_EQ(batches.size(), 4u);
  EXPECT_EQ(batches.back().size, 100);
}

TEST(LoadRamp, MultiplierMovesLinearlyAndClamps) {
  const LoadRamp ramp(0.5, 1.5);
  EXPECT_DOUBLE_EQ(ramp.multiplier(0), 0.5);
  EXPECT_DOUBLE_EQ(ramp.multiplier(0.5), 1.0);
  EXPECT_DOUBLE_EQ(ramp.multiplier(1), 1.5);
  EXPECT_DOUBLE_EQ(ramp.multiplier(-3), 0.5);
  EXPECT_DOUBLE_EQ(ramp.multiplier(7), 1.5);
}

TEST(BatchSchedule, RampShortensGapsAsTheRunProgresses) {
  WorkloadSpec spec;
  spec.batch_size = 10;
  spec.interval_ticks = 1000;
  spec.ramp = {true, 0.5, 2.0};
  const auto batches = schedule(spec, 10000);  // 1000 batches
  // Gap after batch i is interval / multiplier(i / 1000): 2000 at the start, 500 at the end.
  EXPECT_NEAR(static_cast<double>(batches[1].tick - batches[0].tick), 1000 / 0.5015, 2);
  EXPECT_NEAR(static_cast<double>(batches[999].tick - batches[998].tick), 1000 / 1.997, 2);
}

TEST(BatchSchedule, RampProgressByTicksWithoutTokenLimit) {
  WorkloadSpec spec;
  spec.batch_size = 10;
  spec.interval_ticks = 1000;
  spec.ramp = {true, 1.0, 3.0};
  BatchSchedule s(spec, 0, 100000);
  RngEngine rng(1);
  Tick last = s.next(rng)->tick;
  Tick gap = 0;
  while (last < 100000) {
    const Tick tick = s.next(rng)->tick;
    gap = tick - last;
    last = tick;
  }
  EXPECT_LE(gap, 340);  // 1000 / 3 once the clock has passed the horizon
  EXPECT_GE(gap, 330);
}

TEST(BatchSchedule, MixDrawsPrefillsAtTheirShareAndKeepsTheTokenRate) {
  WorkloadSpec spec;
  spec.batch_size = 512;
  spec.interval_ticks = 1600;
  spec.mix = {true, 128, 16384, 0.05};
  BatchSchedule s(spec, 40'000'000, -1);
  RngEngine rng(9);
  std::int64_t prefills = 0;
  std::int64_t count = 0;
  std::int64_t tokens = 0;
  Tick last_tick = 0;
  while (auto b = s.next(rng)) {
    ASSERT_TRUE(b->size == 128 || b->size == 16384 || s.tokens_scheduled() == 40'000'000);
    prefills += b->size == 16384;
    ++count;
    tokens += b->size;
    last_tick = b->tick;
  }
  const double share = static_cast<double>(prefills) / static_cast<double>(count);
  EXPECT_NEAR(share, 0.05, 5 * std::sqrt(0.05 * 0.95 / static_cast<double>(count)));
  // Token rate size / interval: tokens arrive at 512 per 1600 ticks on average.
  EXPECT_NEAR(static_cast<double>(tokens) / static_cast<double>(last_tick), 512.0 / 1600.0, 0.02 * 512.0 / 1600.0);
}

}  // namespace
}  // namespace routelab
