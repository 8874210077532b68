// The real DeepSeek-V2-Lite trace (tests/data/traces/deepseek-v2-lite, 49 prompt files) read fully,
// against counts taken independently with Python's csv module (see the folder's README).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/rng_streams.hpp"
#include "scenarios/traces/deepseek_trace_reader.hpp"
#include "scenarios/traces/trace_error.hpp"

namespace routelab {
namespace {

const std::filesystem::path kData = std::filesystem::path(ROUTELAB_SOURCE_DIR) / "tests/data/traces";

TEST(DeepSeekTrace, RealTraceIsReadFully) {
  const RoutingTrace trace = read_deepseek_trace(kData / "deepseek-v2-lite", false);
  EXPECT_EQ(trace.rows, 68120);
  EXPECT_EQ(trace.rows_skipped, 0);
  EXPECT_EQ(trace.layer_count(), 26);
  EXPECT_EQ(trace.recorded_k, 6);
  EXPECT_EQ(trace.group_names.size(), 49u);
  EXPECT_EQ(trace.group_names.front(), "prompt_1001_data.csv");
  for (const TraceLayer& layer : trace.layers) {
    ASSERT_EQ(layer.size(), 2620u);  // every layer holds every prompt token
    ASSERT_EQ(layer.experts.size(), 2620u * 6);
    EXPECT_EQ(layer.groups.front(), 0u);
    EXPECT_EQ(layer.groups.back(), 48u);
  }
  ExpertId low = 1000;
  ExpertId high = -1;
  for (const TraceLayer& layer : trace.layers)
    for (ExpertId e : layer.experts) {
      low = std::min(low, e);
      high = std::max(high, e);
    }
  EXPECT_EQ(low, 0);
  EXPECT_EQ(high, 63);
  EXPECT_EQ(trace.max_expert, 63);
}

TEST(DeepSeekTrace, TokenTextIsHashedIntoTheKey) {
  const RoutingTrace trace = read_deepseek_trace(kData / "deepseek-v2-lite", false);
  const TraceLayer& layer1 = trace.layers[0];
  EXPECT_EQ(layer1.keys[0], hash_string("<｜begin▁of▁sentence｜>"));
  EXPECT_EQ(layer1.keys[1], hash_string("conserv"));
  EXPECT_EQ((std::vector<ExpertId>(layer1.experts.begin(), layer1.experts.begin() + 6)),
            (std::vector<ExpertId>{8, 26, 56, 57, 60, 11}));
  // Tokens with a comma or a quote in their text are whole tokens, not split fields.
  EXPECT_EQ(std::count(layer1.keys.begin(), layer1.keys.end(), hash_string(",")), 86);
  EXPECT_EQ(std::count(layer1.keys.begin(), layer1.keys.end(), hash_string("Ġ\"")), 34);
  EXPECT_EQ(std::count(layer1.keys.begin(), layer1.keys.end(), hash_string("Ċ")), 58);
}

TEST(DeepSeekTrace, MalformedCopyFailsWithTheRightLine) {
  const auto bad = kData / "malformed/prompt_1041_bad_data.csv";
  try {
    read_deepseek_trace(bad, false);
    FAIL() << "expected a TraceError";
  } catch (const TraceError& error) {
    EXPECT_EQ(error.line(), 10);
    EXPECT_EQ(error.file(), bad.string());
    EXPECT_NE(std::string(error.what()).find("expected 4 fields"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(":10: "), std::string::npos) << error.what();
  }
}

TEST(DeepSeekTrace, SkippingBadRowsCountsThem) {
  const RoutingTrace trace = read_deepseek_trace(kData / "malformed/prompt_1041_bad_data.csv", true);
  EXPECT_EQ(trace.rows_skipped, 2);
  EXPECT_EQ(trace.rows, 78 - 2);
  EXPECT_NE(trace.first_skipped.find(":10: "), std::string::npos);
}

TEST(DeepSeekTrace, BadRowsEachNameTheirProblem) {
  auto error_of = [](const std::string& text) -> std::string {
    const std::string input = "Layer ID,Batch Number,Token,Activated Expert IDs\n" + text;
    RoutingTrace trace;
    try {
      read_deepseek_csv(input, "t.csv", 0, false, trace);
    } catch (const TraceError& error) {
      return error.what();
    }
    return "";
  };
  EXPECT_EQ(error_of("1,0,a,\"[1, 2]\"\n"), "");
  EXPECT_NE(error_of("0,0,a,\"[1]\"\n").find("t.csv:2: expected a layer id"), std::string::npos);
  EXPECT_NE(error_of("1,zero,a,\"[1]\"\n").find("batch number"), std::string::npos);
  EXPECT_NE(error_of("1,0,a,\"1, 2\"\n").find("bracketed list"), std::string::npos);
  EXPECT_NE(error_of("1,0,a,\"[1, x]\"\n").find("expert ids"), std::string::npos);
  EXPECT_NE(error_of("1,0,a,\"[1, 2]\"\n1,0,b,\"[1]\"\n").find("t.csv:3: expected 2 experts"), std::string::npos);
  EXPECT_NE(error_of("1,0,\"a\"b,\"[1]\"\n").find("after a closing quote"), std::string::npos);

  const std::string wrong_header = "Layer,Batch,Token,Experts\n";
  RoutingTrace trace;
  EXPECT_THROW(read_deepseek_csv(wrong_header, "h.csv", 0, false, trace), TraceError);
}

TEST(DeepSeekTrace, MissingPathIsAnIoError) {
  EXPECT_THROW(read_deepseek_trace(kData / "does-not-exist.csv", false), IoError);
}

}  // namespace
}  // namespace routelab
