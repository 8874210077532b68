// `routelab routers --params [--format json]`: every router's parameters from its schema.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_process.hpp"
#include "routers/router_registry.hpp"

namespace routelab::cli {
namespace {

using testing::run_cli;

TEST(RoutersCommand, ParamsListsEveryParameterOfEveryRouter) {
  const auto result = run_cli({"routers", "--params"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("eligible_experts   integer  default experts, range [1, experts]"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("reseed             choice   default per_batch, range per_batch | fixed"),
            std::string::npos);
  const RouterRegistry registry = builtin_router_registry();  // outlives the loop over its entries
  for (const auto& entry : registry.entries()) {
    EXPECT_NE(result.out.find(entry.name), std::string::npos) << entry.name;
    for (const auto& spec : entry.parameters) EXPECT_NE(result.out.find(spec.meaning), std::string::npos) << spec.name;
  }
  EXPECT_EQ(run_cli({"routers"}).out.find("default"), std::string::npos);  // plain listing unchanged
}

TEST(RoutersCommand, JsonCarriesTheSchema) {
  const auto result = run_cli({"routers", "--params", "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  const RouterRegistry registry = builtin_router_registry();
  ASSERT_EQ(json["routers"].size(), registry.entries().size());
  for (std::size_t i = 0; i < registry.entries().size(); ++i) {
    const auto& entry = registry.entries()[i];
    const auto& router = json["routers"][i];
    EXPECT_EQ(router["name"], entry.name);
    ASSERT_EQ(router["parameters"].size(), entry.parameters.size()) << entry.name;
    for (std::size_t p = 0; p < entry.parameters.size(); ++p) {
      EXPECT_EQ(router["parameters"][p]["name"], entry.parameters[p].name);
      EXPECT_EQ(router["parameters"][p]["type"], to_string(entry.parameters[p].type));
      EXPECT_EQ(router["parameters"][p]["default"], entry.parameters[p].default_value);
    }
  }
  nlohmann::json learned_seed;
  for (const auto& router : json["routers"])
    if (router["name"] == "learned_seed") learned_seed = router;
  ASSERT_TRUE(learned_seed.is_object());
  EXPECT_EQ(learned_seed["parameters"][0]["name"], "model");
  EXPECT_EQ(learned_seed["parameters"][1]["name"], "train_tokens");
  EXPECT_EQ(learned_seed["parameters"][1]["range"], "[1, 67108864]");
  EXPECT_EQ(run_cli({"routers", "--format", "yaml"}).exit_code, 2);
}

}  // namespace
}  // namespace routelab::cli
