// Issue 16 items 5, 8 and 9 in the trace readers: numbers beyond a double, ticks beyond the
// simulator's exact range and rows of a million expert ids are row errors with file and line
// (skippable with skip_bad_rows), never a raw library exception, an overflow or a huge table.
#include <gtest/gtest.h>

#include <sstream>

#include "scenarios/traces/deepseek_trace_reader.hpp"
#include "scenarios/traces/jsonl_trace_reader.hpp"
#include "scenarios/traces/trace_error.hpp"

namespace routelab {
namespace {

std::string jsonl_error(const std::string& text) {
  std::istringstream input(text);
  try {
    read_jsonl_trace(input, "t.jsonl", false);
  } catch (const TraceError& error) {
    return error.what();
  }
  return "accepted";
}

RoutingTrace jsonl_skipping(const std::string& text) {
  std::istringstream input(text);
  return read_jsonl_trace(input, "t.jsonl", true);
}

const std::string kGoodRow = "{\"tick\": 0, \"key\": 1, \"experts\": [1, 2]}\n";

TEST(HostileTrace, NumberBeyondADoubleNamesTheLineAndIsSkippable) {
  const std::string bad = "{\"tick\": 5, \"key\": 1, \"experts\": [1e400]}\n";
  const std::string why = jsonl_error(kGoodRow + bad);
  EXPECT_NE(why.find("t.jsonl:2"), std::string::npos) << why;
  EXPECT_NE(why.find("1e400"), std::string::npos) << why;
  EXPECT_NE(why.find("\"experts\": a number beyond the range of a double"), std::string::npos) << why;
  const RoutingTrace trace = jsonl_skipping(kGoodRow + bad + kGoodRow);
  EXPECT_EQ(trace.rows, 2);
  EXPECT_EQ(trace.rows_skipped, 1);
  EXPECT_NE(trace.first_skipped.find("t.jsonl:2"), std::string::npos);
}

TEST(HostileTrace, TicksBeyondTwoToThe53AreRejected) {
  const std::string why = jsonl_error(kGoodRow + "{\"tick\": 9000000000000000000, \"key\": 1}\n");
  EXPECT_NE(why.find("t.jsonl:2"), std::string::npos) << why;
  EXPECT_NE(why.find("\"tick\""), std::string::npos) << why;
  EXPECT_NE(jsonl_error("{\"tick\": 9223372036854775807, \"key\": 1}\n").find("2^53"), std::string::npos);
  EXPECT_EQ(jsonl_error("{\"tick\": 9007199254740992, \"key\": 1}\n"), "accepted");  // 2^53 itself
}

TEST(HostileTrace, AMillionExpertIdsInOneRowIsARowError) {
  std::string row = "{\"tick\": 0, \"key\": 1, \"experts\": [0";
  for (int i = 1; i < 1'000'000; ++i) row += ",1";
  row += "]}\n";
  const std::string why = jsonl_error(row);
  EXPECT_NE(why.find("t.jsonl:1"), std::string::npos) << why.substr(0, 200);
  EXPECT_NE(why.find("at most 256"), std::string::npos) << why.substr(0, 200);

  std::string csv = "Layer ID,Batch Number,Token,Activated Expert IDs\n1,0,a,\"[0";
  for (int i = 1; i < 100'000; ++i) csv += ",1";
  csv += "]\"\n";
  RoutingTrace trace;
  try {
    read_deepseek_csv(csv, "p.csv", 0, false, trace);
    FAIL() << "accepted";
  } catch (const TraceError& error) {
    EXPECT_NE(std::string(error.what()).find("at most 256"), std::string::npos);
  }
}

}  // namespace
}  // namespace routelab
