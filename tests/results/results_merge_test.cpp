// Merging shard databases: disjoint shards give the whole, duplicates are detected, and mixed
// plans, program versions or conflicting results are refused without leaving a file behind.
#include "results/results_merge.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "results/results_compare.hpp"
#include "results_test_support.hpp"

namespace routelab::results {
namespace {

using testing::fresh_dir;
using testing::identity;
using testing::record;

std::filesystem::path shard(const std::filesystem::path& dir, const std::string& name, std::vector<int> runs,
                            const StoreIdentity& id = identity()) {
  const auto path = dir / name;
  auto store = ResultsStore::create(path, id);
  for (const int i : runs) store.insert(record(i, 0.01 * i + (name == "b.sqlite" ? 1 : 0)));
  return path;
}

std::string refusal(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& output) {
  try {
    merge_stores(inputs, output);
  } catch (const ResultsError& error) {
    EXPECT_FALSE(std::filesystem::exists(output)) << output;
    EXPECT_FALSE(std::filesystem::exists(output.string() + ".merging"));
    return error.what();
  }
  ADD_FAILURE() << "merge accepted";
  return "";
}

TEST(ResultsMerge, DisjointShardsGiveTheWhole) {
  const auto dir = fresh_dir("merge");
  const auto a = shard(dir, "a.sqlite", {0, 3});
  const auto b = shard(dir, "b.sqlite", {1, 4});
  const auto c = shard(dir, "c.sqlite", {2, 5});
  const auto whole = shard(dir, "whole.sqlite", {5, 4, 3, 2, 1, 0});
  const MergeSummary summary = merge_stores({a, b, c}, dir / "all.sqlite");
  EXPECT_EQ(summary.runs, 6);
  EXPECT_EQ(summary.planned, 6);
  EXPECT_EQ(summary.identical_duplicates, 0);
  auto merged = ResultsStore::open(dir / "all.sqlite", false);
  auto reference = ResultsStore::open(whole, false);
  EXPECT_TRUE(compare_stores(merged, reference, 10).empty());
  EXPECT_NE(merged.meta("merged_from").find("b.sqlite"), std::string::npos);
}

TEST(ResultsMerge, IdenticalDuplicatesAreKeptOnce) {
  const auto dir = fresh_dir("duplicates");
  const auto a = shard(dir, "a.sqlite", {0, 1, 2});
  const auto b = shard(dir, "b.sqlite", {2, 3});  // run 2 again, other wall time, same results
  const MergeSummary summary = merge_stores({a, b}, dir / "all.sqlite");
  EXPECT_EQ(summary.runs, 4);
  EXPECT_EQ(summary.identical_duplicates, 1);
}

TEST(ResultsMerge, RefusesWhatDoesNotBelongTogether) {
  const auto dir = fresh_dir("refusals");
  const auto a = shard(dir, "a.sqlite", {0, 1});
  const auto other_plan = shard(dir, "p.sqlite", {2}, identity("plan-b"));
  const auto other_version = shard(dir, "v.sqlite", {2}, identity("plan-a", "v2"));
  const auto out = dir / "all.sqlite";
  EXPECT_NE(refusal({a, other_plan}, out).find("holds another plan"), std::string::npos);
  EXPECT_NE(refusal({a, other_version}, out).find("written by routelab v2"), std::string::npos);
  EXPECT_NE(refusal({a, a}, out).find("named twice"), std::string::npos);
  EXPECT_NE(refusal({}, out).find("nothing to merge"), std::string::npos);

  const auto conflicting = dir / "x.sqlite";
  {
    auto store = ResultsStore::create(conflicting, identity());
    RunRecord r = record(1);
    r.cells[2] = std::int64_t{7};  // same run, different result
    store.insert(r);
  }
  EXPECT_NE(refusal({a, conflicting}, out).find("run run1"), std::string::npos);

  std::ofstream(dir / "junk.sqlite") << "junk junk junk junk junk junk junk junk junk junk junk junk junk junk";
  EXPECT_NE(refusal({a, dir / "junk.sqlite"}, out).find("not a SQLite database"), std::string::npos);

  merge_stores({a}, out);
  try {
    merge_stores({a}, out);
    ADD_FAILURE() << "merged into an existing file";
  } catch (const ResultsError& error) {
    EXPECT_NE(std::string(error.what()).find("already exists"), std::string::npos);
  }
}

}  // namespace
}  // namespace routelab::results
