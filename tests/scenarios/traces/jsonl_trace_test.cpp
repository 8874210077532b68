// The generic JSON Lines trace format: string or integer keys, optional experts and layer,
// malformed lines named by number or counted with skip_bad_rows.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/rng_streams.hpp"
#include "scenarios/traces/jsonl_trace_reader.hpp"
#include "scenarios/traces/trace_error.hpp"

namespace routelab {
namespace {

const std::filesystem::path kData = std::filesystem::path(ROUTELAB_SOURCE_DIR) / "tests/data/traces";

TEST(JsonlTrace, SampleIsReadWithPaddedExperts) {
  const RoutingTrace trace = read_jsonl_trace(kData / "sample.jsonl", false);
  EXPECT_TRUE(trace.groups_are_ticks);
  EXPECT_EQ(trace.rows, 7);
  EXPECT_EQ(trace.layer_count(), 2);
  EXPECT_EQ(trace.recorded_k, 3);
  EXPECT_EQ(trace.max_expert, 63);
  const TraceLayer& l1 = trace.layers[0];
  ASSERT_EQ(l1.size(), 6u);
  EXPECT_EQ(l1.keys[0], hash_string("Hello"));
  EXPECT_EQ(l1.keys[1], hash_string(","));
  EXPECT_EQ(l1.keys[2], hash_string("say \"hi\""));
  EXPECT_EQ(l1.keys[3], 1234u);
  EXPECT_EQ(l1.keys[4], hash_string("Ċ"));
  EXPECT_EQ(l1.groups, (std::vector<std::uint64_t>{0, 0, 0, 250, 250, 1000}));
  EXPECT_EQ(l1.experts, (std::vector<ExpertId>{3, 17, -1, 5, 1, 9, 2, -1, -1, 0, 63, -1, -1, -1, -1, 4, 4, -1}));
  ASSERT_EQ(trace.layers[1].size(), 1u);
  EXPECT_EQ(trace.layers[1].groups[0], 900u);
}

TEST(JsonlTrace, MalformedLineIsNamed) {
  try {
    read_jsonl_trace(kData / "malformed/bad.jsonl", false);
    FAIL() << "expected a TraceError";
  } catch (const TraceError& error) {
    EXPECT_EQ(error.line(), 3);
    EXPECT_NE(std::string(error.what()).find("\"tick\""), std::string::npos) << error.what();
  }
}

TEST(JsonlTrace, SkippingCountsEveryBadLine) {
  const RoutingTrace trace = read_jsonl_trace(kData / "malformed/bad.jsonl", true);
  // Line 3: no tick; 5: tick goes back; 6: not JSON; 7: negative key; 8: expert id out of range.
  EXPECT_EQ(trace.rows_skipped, 5);
  EXPECT_EQ(trace.rows, 4);
  EXPECT_NE(trace.first_skipped.find("bad.jsonl:3: "), std::string::npos);
  EXPECT_EQ(trace.layers[0].groups, (std::vector<std::uint64_t>{0, 10, 20, 60}));
}

}  // namespace
}  // namespace routelab
