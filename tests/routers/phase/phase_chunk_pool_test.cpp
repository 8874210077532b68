// The phase kernels' work sharing: every chunk runs exactly once whatever the thread count,
// slots stay in range and are never shared by two chunks at once, nested and concurrent callers
// complete (they run inline), and small jobs get one thread.
#include <gtest/gtest.h>
#include <omp.h>

#include <atomic>
#include <thread>
#include <vector>

#include "routers/phase/phase_chunk_pool.hpp"

namespace routelab::phase {
namespace {

struct Counts {
  std::vector<std::atomic<int>> runs;
  std::vector<std::atomic<int>> busy_slots;
  std::atomic<int> bad_slot{0};
  std::atomic<int> overlapping{0};
  Counts(std::int64_t chunks, int slots) : runs(static_cast<std::size_t>(chunks)), busy_slots(static_cast<std::size_t>(slots)) {}
};

void run_and_count(std::int64_t chunks, int threads, Counts& counts) {
  auto body = [&](std::int64_t chunk, int slot) {
    if (slot < 0 || slot >= threads) {
      ++counts.bad_slot;
      return;
    }
    if (counts.busy_slots[static_cast<std::size_t>(slot)].fetch_add(1) != 0) ++counts.overlapping;
    ++counts.runs[static_cast<std::size_t>(chunk)];
    counts.busy_slots[static_cast<std::size_t>(slot)].fetch_sub(1);
  };
  run_chunks(chunks, threads, body);
}

TEST(PhaseChunkPool, EveryChunkRunsExactlyOnceOnAnyThreadCount) {
  // 70,000 chunks take two rounds of the claim counter (at most 65,535 a round).
  for (const std::int64_t chunks : {std::int64_t{0}, std::int64_t{1}, std::int64_t{7}, std::int64_t{1000}, std::int64_t{70000}})
    for (const int threads : {1, 2, 3, 8}) {
      for (int repeat = 0; repeat < 3; ++repeat) {
        Counts counts(chunks, threads);
        run_and_count(chunks, threads, counts);
        for (std::int64_t c = 0; c < chunks; ++c)
          ASSERT_EQ(counts.runs[static_cast<std::size_t>(c)].load(), 1) << "chunk " << c << " of " << chunks << ", threads " << threads;
        EXPECT_EQ(counts.bad_slot.load(), 0);
        EXPECT_EQ(counts.overlapping.load(), 0);
      }
    }
}

TEST(PhaseChunkPool, NestedAndConcurrentCallsComplete) {
  constexpr std::int64_t kOuter = 16, kInner = 64;
  std::vector<std::atomic<int>> inner_runs(static_cast<std::size_t>(kOuter * kInner));
  auto outer = [&](std::int64_t chunk, int) {
    auto inner = [&](std::int64_t c, int slot) {
      EXPECT_EQ(slot, 0);  // nested: inline on the chunk's own thread
      ++inner_runs[static_cast<std::size_t>(chunk * kInner + c)];
    };
    run_chunks(kInner, 4, inner);
  };
  run_chunks(kOuter, 4, outer);
  for (const auto& runs : inner_runs) ASSERT_EQ(runs.load(), 1);

  // Four threads at once: one holds the pool, the others run inline; all finish, all correct.
  std::vector<std::thread> callers;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    callers.emplace_back([&, t] {
      bool all = true;
      for (int repeat = 0; repeat < 50; ++repeat) {
        Counts counts(500, 2);
        run_and_count(500, 2, counts);
        for (const auto& runs : counts.runs) all = all && runs.load() == 1;
      }
      ok[static_cast<std::size_t>(t)] = all ? 1 : 0;
    });
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(ok, std::vector<int>(4, 1));

  // Inside an OpenMP parallel region: inline as well.
  std::atomic<int> failures{0};
#pragma omp parallel num_threads(2)
  {
    Counts counts(300, 2);
    run_and_count(300, 2, counts);
    for (const auto& runs : counts.runs)
      if (runs.load() != 1) ++failures;
  }
  EXPECT_EQ(failures.load(), 0);
}

TEST(PhaseChunkPool, ThreadCountFollowsTheWorkAndTheOpenMpSetting) {
  const int saved = omp_get_max_threads();
  omp_set_num_threads(4);
  EXPECT_EQ(threads_for_work(0), 1);
  EXPECT_EQ(threads_for_work(1000), 1);            // a few microseconds: no second thread
  EXPECT_EQ(threads_for_work(std::int64_t{1} << 40), 4);  // capped by OMP_NUM_THREADS
  EXPECT_LT(threads_for_work(std::int64_t{1} << 14), 4);
  omp_set_num_threads(1);
  EXPECT_EQ(threads_for_work(std::int64_t{1} << 40), 1);
  omp_set_num_threads(saved);
}

TEST(PhaseChunkPool, ChunkRangesTileTheTotal) {
  for (const std::int64_t total : {0, 1, 5, 4096, 4097})
    for (const std::int64_t parts : {1, 3, 8}) {
      std::int64_t expected_begin = 0;
      for (std::int64_t p = 0; p < parts; ++p) {
        const ChunkRange range = chunk_range(total, parts, p);
        EXPECT_EQ(range.begin, expected_begin);
        EXPECT_GE(range.end, range.begin);
        expected_begin = range.end;
      }
      EXPECT_EQ(expected_begin, total);
    }
}

}  // namespace
}  // namespace routelab::phase
