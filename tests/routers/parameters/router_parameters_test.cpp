// The typed parameter schemas: RouterRegistry::create and validate() reject unknown keys (with
// "did you mean" and the valid keys), wrong types and values out of range, naming the key, what was
// expected and what was given; and every registered router's declaration is well-formed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "routers/router_parameters.hpp"
#include "routers/router_registry.hpp"

namespace routelab {
namespace {

using ::testing::HasSubstr;

RouterConfig config_for(const std::string& router, std::map<std::string, std::string> params, int experts = 8) {
  RouterConfig config;
  config.name = router;
  config.num_experts = experts;
  config.k = 2;
  config.params = RouterParams(std::move(params));
  return config;
}

std::string rejection(const RouterConfig& config) {
  try {
    builtin_router_registry().validate(config);
  } catch (const RouterParamError& error) {
    return error.what();
  }
  return "";
}

TEST(RouterParameters, UnknownKeyNamesTheValidKeysAndTheClosestOne) {
  const std::string message = rejection(config_for("phase", {{"reseeed", "fixed"}}));
  EXPECT_THAT(message, HasSubstr("router.reseeed:"));
  EXPECT_THAT(message, HasSubstr("has no parameter 'reseeed'; did you mean 'reseed'?"));
  EXPECT_THAT(message, HasSubstr("(valid: reseed, eligible_experts, expert_order, capacity_arcs)"));
  EXPECT_THAT(rejection(config_for("power_of_two", {{"choices", "3"}})),
              HasSubstr("router 'power_of_two' has no parameter 'choices' (it takes none)"));
}

TEST(RouterParameters, WrongTypeNamesKeyExpectedAndGot) {
  EXPECT_THAT(rejection(config_for("softmax_topk", {{"epochs", "2.5"}})),
              HasSubstr("router.epochs: router 'softmax_topk' expects an integer in [1, 10000] for 'epochs', got '2.5'"));
  EXPECT_THAT(rejection(config_for("learned_seed", {{"temperature", "warm"}})),
              HasSubstr("expects a number in [0.01, 100] for 'temperature', got 'warm'"));
  EXPECT_THAT(rejection(config_for("learned_seed", {{"balance_on", "tokens"}})),
              HasSubstr("expects one of ring, experts for 'balance_on', got 'tokens'"));
  EXPECT_THAT(rejection(config_for("softmax_topk", {{"model", ""}})), HasSubstr("expects a file path"));
}

TEST(RouterParameters, RangesAreChecked) {
  EXPECT_THAT(rejection(config_for("softmax_topk", {{"learning_rate", "0"}})), HasSubstr("in (0, 10]"));
  EXPECT_EQ(rejection(config_for("softmax_topk", {{"learning_rate", "10"}})), "");
  EXPECT_THAT(rejection(config_for("signature", {{"train_tokens", "0"}})), HasSubstr("train_tokens"));
  EXPECT_THAT(rejection(config_for("learned_seed", {{"probe_limit", "-1"}})), HasSubstr("probe_limit"));
  EXPECT_THAT(rejection(config_for("softmax_topk", {{"balance_coef", "nan"}})), HasSubstr("balance_coef"));
}

TEST(RouterParameters, ExpertBoundFollowsTheScenario) {
  EXPECT_EQ(rejection(config_for("phase", {{"eligible_experts", "8"}}, 8)), "");
  EXPECT_THAT(rejection(config_for("phase", {{"eligible_experts", "9"}}, 8)),
              HasSubstr("expects an integer in [1, experts] (experts = 8) for 'eligible_experts', got '9'"));
  EXPECT_EQ(rejection(config_for("phase", {{"eligible_experts", "9"}}, 16)), "");
}

TEST(RouterParameters, CreateChecksBeforeTheFactoryRuns) {
  // hash takes no parameters; without the schema check its factory would ignore the key.
  EXPECT_THROW(builtin_router_registry().create(config_for("hash", {{"seed", "3"}})), RouterParamError);
  EXPECT_NO_THROW(builtin_router_registry().create(config_for("phase", {{"reseed", "fixed"}})));
}

TEST(RouterParameters, RangeTextIsReadable) {
  EXPECT_EQ(describe_range({.name = "a", .type = ParamType::integer, .min = 1, .max = 10000}), "[1, 10000]");
  EXPECT_EQ(describe_range({.name = "a", .type = ParamType::number, .min = 0, .max = 10, .min_exclusive = true}),
            "(0, 10]");
  EXPECT_EQ(describe_range({.name = "a", .type = ParamType::number, .min = 0}), "[0, inf)");
  EXPECT_EQ(describe_range({.name = "a", .type = ParamType::integer, .min = 1, .max_is_experts = true}),
            "[1, experts]");
  EXPECT_EQ(describe_range({.name = "a", .type = ParamType::choice, .choices = {"x", "y"}}), "x | y");
  EXPECT_EQ(describe_range({.name = "a", .type = ParamType::text}), "");
}

// Every declaration: a name, a meaning, choices for a choice, and a default that its own check
// accepts whenever the default is a literal value (not words such as "experts").
TEST(RouterParameters, EveryRegisteredSchemaIsWellFormed) {
  const RouterRegistry registry = builtin_router_registry();
  for (const auto& entry : registry.entries()) {
    std::set<std::string> names;
    for (const auto& spec : entry.parameters) {
      SCOPED_TRACE(entry.name + "." + spec.name);
      EXPECT_FALSE(spec.name.empty());
      EXPECT_TRUE(names.insert(spec.name).second) << "declared twice";
      EXPECT_FALSE(spec.meaning.empty());
      EXPECT_FALSE(spec.default_value.empty());
      if (spec.type == ParamType::choice) EXPECT_FALSE(spec.choices.empty());
      const bool literal = spec.default_value.find_first_of(" (") == std::string::npos && spec.default_value != "experts";
      if (literal && spec.type != ParamType::path)
        EXPECT_NO_THROW(registry.validate(config_for(entry.name, {{spec.name, spec.default_value}}, 64)));
    }
  }
}

}  // namespace
}  // namespace routelab
