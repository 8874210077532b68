// The event queue against a trivially correct twin: a sorted std::set keyed by
// (tick, priority, insertion sequence), under random interleavings of pushes and pops.
#include "engine/event_queue.hpp"

#include <gtest/gtest.h>

#include <boost/random/uniform_int_distribution.hpp>
#include <set>
#include <tuple>

#include "core/rng_streams.hpp"

namespace routelab {
namespace {

using ReferenceKey = std::tuple<Tick, int, std::uint64_t>;  // (tick, priority, sequence)

struct Reference {
  std::set<std::pair<ReferenceKey, std::uint64_t>> pending;  // key -> data
  std::uint64_t next_sequence = 0;

  void push(Tick tick, int priority, std::uint64_t data) {
    pending.insert({ReferenceKey{tick, priority, next_sequence++}, data});
  }
  std::pair<ReferenceKey, std::uint64_t> pop() {
    auto first = *pending.begin();
    pending.erase(pending.begin());
    return first;
  }
};

TEST(EventQueue, RecordsArePlain24Bytes) {
  static_assert(std::is_trivially_copyable_v<Event>);
  EXPECT_EQ(sizeof(Event), 24u);
}

TEST(EventQueue, OrdersByTickThenPriorityThenInsertion) {
  EventQueue queue;
  queue.push(5, 2, 100);
  queue.push(5, 1, 101);
  queue.push(3, 9, 102);
  queue.push(5, 1, 103);
  queue.push(5, 0, 104);
  const std::uint64_t expected[] = {102, 104, 101, 103, 100};
  for (std::uint64_t data : expected) {
    ASSERT_FALSE(queue.empty());
    EXPECT_EQ(queue.top().data, data);
    EXPECT_EQ(queue.pop().data, data);
  }
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, PriorityIsKeptInTheRecord) {
  EventQueue queue;
  queue.push(1, 255, 7);
  EXPECT_EQ(queue.top().priority(), 255);
  EXPECT_EQ(queue.top().tick, 1);
}

// Few distinct ticks and priorities so ties are common: the insertion sequence decides often.
void check_against_reference(std::uint64_t seed, int operations, Tick tick_range, int priority_range) {
  RngEngine rng(seed);
  EventQueue queue;
  Reference reference;
  Tick now = 0;
  for (int op = 0; op < operations; ++op) {
    const bool push = reference.pending.empty() || boost::random::uniform_int_distribution<int>(0, 2)(rng) != 0;
    if (push) {
      // Like a simulation: never schedule before the last popped tick.
      const Tick tick = now + boost::random::uniform_int_distribution<Tick>(0, tick_range)(rng);
      const int priority = boost::random::uniform_int_distribution<int>(0, priority_range)(rng);
      const std::uint64_t data = static_cast<std::uint64_t>(op);
      queue.push(tick, static_cast<std::uint8_t>(priority), data);
      reference.push(tick, priority, data);
    } else {
      const auto [key, data] = reference.pop();
      ASSERT_FALSE(queue.empty());
      const Event event = queue.pop();
      ASSERT_EQ(event.tick, std::get<0>(key)) << "operation " << op;
      ASSERT_EQ(event.priority(), std::get<1>(key)) << "operation " << op;
      ASSERT_EQ(event.data, data) << "operation " << op;
      now = event.tick;
    }
    ASSERT_EQ(queue.size(), reference.pending.size());
  }
  while (!reference.pending.empty()) {
    const auto [key, data] = reference.pop();
    ASSERT_EQ(queue.pop().data, data);
  }
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, MatchesReferenceWithManyTies) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) check_against_reference(seed, 5000, 3, 2);
}

TEST(EventQueue, MatchesReferenceWithSpreadTicks) {
  for (std::uint64_t seed = 100; seed <= 104; ++seed) check_against_reference(seed, 20000, 1000000, 255);
}

}  // namespace
}  // namespace routelab
