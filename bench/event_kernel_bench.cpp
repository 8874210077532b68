// The event kernel under the classic hold model: N events pending; each step pops the earliest
// and schedules one more at now + a random increment, so the queue stays at N. routelab's
// EventQueue runs beside a bare std::priority_queue of 24-byte plain structs in the same program,
// on the same increments, so the ratio of the two is what to read (bench/RESULTS.md).
#include <benchmark/benchmark.h>

#include <boost/random/exponential_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <queue>
#include <vector>

#include "engine/event_queue.hpp"
#include "core/rng_streams.hpp"

namespace {

using routelab::Tick;

// Increments are drawn once, up front, so both kernels do identical work and no RNG cost is
// timed. 2^16 of them cycle: far more than the pending set, so the pattern does not repeat within
// one pass through the heap.
constexpr std::size_t kIncrementTableSize = std::size_t{1} << 16;
constexpr double kMeanIncrementTicks = 1000.0;

const std::vector<Tick>& increments() {
  static const std::vector<Tick> table = [] {
    routelab::RngEngine rng(20261127);
    boost::random::exponential_distribution<double> draw(1.0 / kMeanIncrementTicks);
    std::vector<Tick> values(kIncrementTableSize);
    for (auto& v : values) v = static_cast<Tick>(std::llround(draw(rng)));
    return values;
  }();
  return table;
}

// The reference: a plain 24-byte record and the standard library's binary heap.
struct PlainEvent {
  std::int64_t tick;
  std::uint64_t sequence;
  std::uint64_t data;
};
static_assert(sizeof(PlainEvent) == 24);

struct Later {
  bool operator()(const PlainEvent& a, const PlainEvent& b) const {
    return a.tick > b.tick || (a.tick == b.tick && a.sequence > b.sequence);
  }
};

void BM_HoldBarePriorityQueue(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  const auto& step = increments();
  std::vector<PlainEvent> storage;
  storage.reserve(pending + 1);
  std::priority_queue<PlainEvent, std::vector<PlainEvent>, Later> queue(Later{}, std::move(storage));
  std::uint64_t sequence = 0;
  std::size_t next = 0;
  for (std::size_t i = 0; i < pending; ++i, ++sequence) queue.push({step[next++ % kIncrementTableSize], sequence, i});
  for (auto _ : state) {
    const PlainEvent event = queue.top();
    queue.pop();
    queue.push({event.tick + step[next++ % kIncrementTableSize], sequence++, event.data});
  }
  benchmark::DoNotOptimize(queue.top());
  state.SetItemsProcessed(state.iterations());
}

void BM_HoldEventQueue(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  const auto& step = increments();
  constexpr std::uint8_t kPriority = 1;
  routelab::EventQueue queue;
  queue.reserve(pending + 1);
  std::size_t next = 0;
  for (std::size_t i = 0; i < pending; ++i) queue.push(step[next++ % kIncrementTableSize], kPriority, i);
  for (auto _ : state) {
    const routelab::Event event = queue.pop();
    queue.push(event.tick + step[next++ % kIncrementTableSize], kPriority, event.data);
  }
  benchmark::DoNotOptimize(queue.top());
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_HoldBarePriorityQueue)->Arg(1000)->Arg(100000);
BENCHMARK(BM_HoldEventQueue)->Arg(1000)->Arg(100000);

BENCHMARK_MAIN();
