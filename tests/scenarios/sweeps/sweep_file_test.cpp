// Sweep files: what they mean, and every kind of mistake reported with file, line, column and key.
#include "scenarios/sweeps/sweep_file.hpp"

#include <gtest/gtest.h>

#include "sweep_test_support.hpp"

namespace routelab::sweeps {
namespace {

using testing::registry;

SweepFile parse(const std::string& text) {
  return parse_sweep_file(text, "bad.toml", testing::sweep_data(""), registry());
}

struct BadCase {
  const char* name;
  const char* text;
  int line;
  const char* key;
  const char* message;  // a part of the message that says what is wrong
};

const BadCase kBadCases[] = {
    {"syntax", "scenario = 'default'\n[grid\n", 2, "(syntax)", ""},
    {"no scenario", "routers = ['greedy']\n", 1, "scenario", "expected the base scenario"},
    {"unknown scenario", "scenario = 'defualt'\n", 1, "scenario", "unknown scenario 'defualt'; valid choices: "},
    {"missing scenario file", "scenario = 'nowhere/x.toml'\n", 1, "scenario", "no scenario file"},
    {"unknown top key", "scenario = 'default'\n[grdi]\nrouting.k = [1]\n", 2, "grdi", "did you mean 'grid'"},
    {"grid value not a list", "scenario = 'default'\n[grid]\nrouting.k = 2\n", 3, "routing.k", "expected a list"},
    {"empty list", "scenario = 'default'\n[grid]\nrouting.k = []\n", 3, "routing.k", "at least one value"},
    {"repeated value", "scenario = 'default'\n[grid]\nrouting.k = [1, 2, 1]\n", 3, "routing.k", "listed twice"},
    {"date value", "scenario = 'default'\n[grid]\nrouting.k = [1979-05-27]\n", 3, "routing.k", "dates and times"},
    {"zip lengths", "scenario = 'default'\n[[zip]]\nexperts.count = [8, 16]\nbatches.size = [64, 128, 256]\n", 4,
     "batches.size", "equal lengths"},
    {"zip repeats a point", "scenario = 'default'\n[[zip]]\nexperts.count = [8, 16, 8]\nbatches.size = [64, 128, 64]\n", 3,
     "experts.count", "zipped values 1 and 3 are the same in every list"},
    {"swept twice", "scenario = 'default'\n[grid]\nrouting.k = [1]\n[[zip]]\n\"routing.k\" = [2]\n", 5, "routing.k",
     "already swept at line 3"},
    {"reserved key", "scenario = 'default'\n[grid]\nreplications = [1, 2]\n", 3, "replications", "top of the sweep file"},
    {"unknown router", "scenario = 'default'\nrouters = ['greedy', 'gredy']\n", 2, "routers[1]", "valid choices"},
    {"router twice", "scenario = 'default'\nrouters = ['greedy', { name = 'greedy' }]\n", 2, "routers[1]", "listed twice"},
    {"label twice", "scenario = 'default'\nrouters = ['greedy', { name = 'hash', label = 'greedy' }]\n", 2, "routers[1]",
     "used twice"},
    {"router key", "scenario = 'default'\nrouters = [{ name = 'hash', lable = 'x' }]\n", 2, "routers[0].lable", "unknown key"},
    {"replications range", "scenario = 'default'\nreplications = 0\n", 2, "replications", "1..100000"},
    {"seed range", "scenario = 'default'\nseed = -1\n", 2, "seed", "expected an integer in 0.."},
    {"constraint syntax", "scenario = 'default'\nconstraints = ['routing.k = 1']\n[grid]\nrouting.k = [1]\n", 2,
     "constraints[0]", "column 11"},
    {"constraint name", "scenario = 'default'\nconstraints = ['routing.kk > 1']\n[grid]\nrouting.k = [1]\n", 2,
     "constraints[0]", "unknown name 'routing.kk'"},
    {"constraints not a list", "scenario = 'default'\nconstraints = 'routing.k > 1'\n", 2, "constraints", "list"},
    {"not a scenario key", "scenario = 'default'\n[grid]\nrouting.capacity_factr = [1.0]\n", 3,
     "routing.capacity_factr", "did you mean 'capacity_factor'"},
    {"not a scenario table", "scenario = 'default'\n\n[grid]\nroutng.k = [1]\n", 4, "routng.k", "not a scenario key"},
    {"set out of range", "scenario = 'default'\n[set]\nrouting.k = 0\n", 3, "set.routing.k", "expected an integer in"},
    {"set through a value", "scenario = 'default'\n[set]\nexperts.count.x = 1\n", 3, "set.experts.count.x",
     "not a table"},
    {"set unknown key", "scenario = 'default'\n[set]\nrouting.kk = 1\n", 3, "set.routing.kk", "unknown key"},
};

TEST(SweepFile, BadFilesNameFileLineAndKey) {
  for (const auto& bad : kBadCases) {
    try {
      parse(bad.text);
      ADD_FAILURE() << bad.name << ": accepted";
    } catch (const SweepError& error) {
      const std::string what = error.what();
      EXPECT_EQ(error.source(), "bad.toml") << bad.name;
      EXPECT_EQ(error.line(), bad.line) << bad.name << ": " << what;
      EXPECT_EQ(error.field(), bad.key) << bad.name << ": " << what;
      EXPECT_NE(what.find(bad.message), std::string::npos) << bad.name << ": " << what;
      EXPECT_EQ(what.rfind("bad.toml:" + std::to_string(bad.line) + ":", 0), 0u) << bad.name << ": " << what;
    }
  }
}

// A zipped list may repeat a value (placement "eplb" with 0, 8 and 16 replicas); only whole
// tuples must differ.
TEST(SweepFile, ZippedListsMayRepeatValues) {
  const SweepFile sweep =
      parse("scenario = 'default'\n[[zip]]\nexperts.count = [8, 8, 16]\nbatches.size = [64, 128, 128]\n");
  ASSERT_EQ(sweep.axes.size(), 1u);
  ASSERT_EQ(sweep.axes[0].parameters.size(), 2u);
  EXPECT_EQ(sweep.axes[0].parameters[0].values.size(), 3u);
  EXPECT_EQ(sweep.axes[0].parameters[1].values.size(), 3u);
}

TEST(SweepFile, ConstraintThatCannotBeEvaluatedFailsThePlan) {
  const SweepFile sweep = parse("scenario = 'default'\nconstraints = [\n  'router > 1',\n]\n[grid]\nrouting.k = [1]\n");
  SweepScenarioBuilder builder(sweep);
  try {
    expand_plan(sweep, builder.context_document());
    FAIL();
  } catch (const SweepError& error) {
    EXPECT_EQ(error.line(), 3);
    EXPECT_NE(std::string(error.what()).find("cannot compare a string"), std::string::npos) << error.what();
  }
}

TEST(SweepFile, InvalidBaseScenarioFileReportsItsOwnLine) {
  try {
    parse_sweep_file("scenario = 'base.toml'\n", "bad.toml", testing::sweep_data("broken"), registry());
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_NE(error.source().find("broken/base.toml"), std::string::npos) << error.what();
    EXPECT_EQ(error.line(), 3) << error.what();
    EXPECT_EQ(error.field(), "experts.cont");
  }
}

TEST(SweepFile, WhatAValidFileMeans) {
  const SweepFile sweep = parse(
      "name = 'study'\nscenario = 'default'\nseed = 5\nreplications = 2\n"
      "routers = ['greedy', { name = 'power_of_two', params = { choices = 3 } }]\n"
      "constraints = ['routing.k <= 2']\n"
      "[set]\nlength.tokens = 1024\n"
      "[grid]\nrouting.k = [1, 2]\nexperts.service = [{ distribution = 'exponential', mean_ticks = 70 }]\n"
      "[[zip]]\n'experts.count' = [8, 16]\nbatches.size = [64, 128]\n");
  EXPECT_EQ(sweep.name, "study");
  EXPECT_EQ(sweep.base_source, "builtin:default");
  EXPECT_TRUE(sweep.seed_overridden);
  EXPECT_EQ(sweep.seed, 5u);
  EXPECT_EQ(sweep.replications, 2);
  ASSERT_EQ(sweep.routers.size(), 2u);
  EXPECT_EQ(sweep.routers[1].label, "power_of_two { \"choices\" = \"3\" }");
  EXPECT_EQ(sweep.routers[1].params.get_int("choices", 0), 3);
  ASSERT_EQ(sweep.fixed.size(), 1u);
  EXPECT_EQ(sweep.fixed[0].key, "length.tokens");
  EXPECT_EQ(sweep.combinations(), 4u);
  EXPECT_EQ(sweep.parameter_keys(),
            (std::vector<std::string>{"batches.size", "experts.count", "experts.service", "routing.k"}));
  EXPECT_EQ(sweep.axes[1].parameters[0].values[0].canonical, "{ \"distribution\" = \"exponential\", \"mean_ticks\" = 70 }");
  EXPECT_EQ(sweep.text.substr(0, 14), "name = 'study'");
}

TEST(SweepFile, CanonicalValues) {
  EXPECT_EQ(canonical_float(1.0), "1.0");
  EXPECT_EQ(canonical_float(0.1), "0.1");
  EXPECT_EQ(canonical_float(1e300), "1e+300");
  EXPECT_EQ(canonical_float(-0.0), "-0.0");
  EXPECT_EQ(canonical_string("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
  // 1 and 1.0 are different TOML values, so they are different parameters (documented).
  EXPECT_NE(make_integer(1).canonical, make_floating(1.0).canonical);
}

}  // namespace
}  // namespace routelab::sweeps
