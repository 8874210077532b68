// `routelab train` and `--model`: a model file written once reads back into the same routing;
// the same seed writes the same file; the file carries its provenance; bad models and
// non-semantic scenarios exit with code 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

namespace routelab {
namespace {

using ::testing::HasSubstr;
using testing::read_text;
using testing::run_cli;
using testing::ScratchDir;

constexpr const char* kShortTraining = "--param train_tokens=2048 --param epochs=2";

TEST(TrainCommand, WritesTheSameModelForTheSameSeed) {
  ScratchDir scratch;
  const auto a = scratch / "a.json";
  const auto b = scratch / "b.json";
  const auto c = scratch / "c.json";
  ASSERT_EQ(run_cli(std::string("train --router softmax_topk ") + kShortTraining + " --out " + a.string()).exit_code, 0);
  const auto second = run_cli(std::string("train --router softmax_topk ") + kShortTraining + " --out " + b.string());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("trained softmax_topk on scenario semantic-clusters"));
  // The same bytes but for the command line in the provenance (it names the --out file).
  const auto without_command_line = [](const std::filesystem::path& path) {
    auto document = nlohmann::ordered_json::parse(read_text(path));
    document["provenance"].erase("command_line");
    return document.dump(1);
  };
  EXPECT_EQ(without_command_line(a), without_command_line(b));
  ASSERT_EQ(run_cli(std::string("train --router softmax_topk --seed 9 ") + kShortTraining + " --out " + c.string()).exit_code, 0);
  EXPECT_NE(nlohmann::json::parse(read_text(a))["parameters"], nlohmann::json::parse(read_text(c))["parameters"]);
  EXPECT_FALSE(std::filesystem::exists(a.string() + ".partial"));
}

TEST(TrainCommand, ATrainedModelIsUsedByCompare) {
  ScratchDir scratch;
  const auto model = scratch / "gate.json";
  ASSERT_EQ(run_cli(std::string("train --router softmax_topk ") + kShortTraining + " --out " + model.string()).exit_code, 0);
  const auto result = run_cli("compare --scenario semantic-clusters --tokens 4096 --routers hash,softmax_topk --model softmax_topk=" +
                              model.string() + " --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"pareto\""));
  EXPECT_THAT(result.out, HasSubstr("\"expert_loss_mean\""));
  EXPECT_THAT(result.out, Not(HasSubstr("\"training_seconds\"")));  // read from the file, not trained
}

TEST(TrainCommand, TheModelFileCarriesItsProvenanceAndRoutesAsWithout) {
  ScratchDir scratch;
  const auto model = scratch / "gate.json";
  const std::string train = std::string("train --router softmax_topk --seed 9 ") + kShortTraining + " --out " + model.string();
  ASSERT_EQ(run_cli(train).exit_code, 0);
  auto document = nlohmann::ordered_json::parse(read_text(model));
  ASSERT_TRUE(document.contains("provenance")) << document.dump(1).substr(0, 400);
  const auto& provenance = document["provenance"];
  // The same version string (version + commit) as every other output of this build.
  const auto other = run_cli("run --router hash --tokens 500 --format json");
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_EQ(provenance["routelab_version"], nlohmann::json::parse(other.out)["provenance"]["routelab_version"]);
  EXPECT_THAT(provenance["command_line"].get<std::string>(), HasSubstr(train));
  EXPECT_EQ(provenance["seed"], 9);
  const std::string toml = provenance["scenario_toml"];
  EXPECT_THAT(toml, HasSubstr("name = 'semantic-clusters'"));
  EXPECT_THAT(toml, HasSubstr("seed = 9"));  // the --seed, written into the resolved scenario

  // The model loads, and the provenance block changes nothing in how it routes.
  document.erase("provenance");
  const auto bare = scratch / "bare.json";
  std::ofstream(bare) << document.dump(1) << "\n";
  const auto route = [](const std::filesystem::path& file) {
    const auto result = run_cli("run --scenario semantic-clusters --tokens 4096 --router softmax_topk --format json --model softmax_topk=" +
                                file.string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out)["routers"][0];
  };
  const auto with = route(model);
  const auto without = route(bare);
  EXPECT_EQ(with["fingerprint"], without["fingerprint"]);
  EXPECT_EQ(with["expert_load"], without["expert_load"]);
}

TEST(TrainCommand, BadInputExitsWithCodeTwo) {
  ScratchDir scratch;
  const auto out = (scratch / "m.json").string();
  const auto plain = run_cli("train --scenario default --router softmax_topk --out " + out);
  EXPECT_EQ(plain.exit_code, 2);
  EXPECT_THAT(plain.err, HasSubstr("reads token embeddings"));
  const auto untrainable = run_cli("train --router hash --out " + out);
  EXPECT_EQ(untrainable.exit_code, 2);
  EXPECT_THAT(untrainable.err, HasSubstr("has nothing to train"));
  const auto bad_param = run_cli("train --router softmax_topk --param balance_coef --out " + out);
  EXPECT_EQ(bad_param.exit_code, 2);
  EXPECT_THAT(bad_param.err, HasSubstr("expected KEY=VALUE"));
  const auto unknown_param = run_cli("train --router softmax_topk --param temprature=1 --out " + out);
  EXPECT_EQ(unknown_param.exit_code, 2);
  EXPECT_THAT(unknown_param.err, HasSubstr("has no parameter 'temprature'"));
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(TrainCommand, BadModelFilesExitWithCodeTwoNamingFileAndKey) {
  ScratchDir scratch;
  const auto bad = scratch / "bad.json";
  std::ofstream(bad) << R"({"format": "routelab-model", "version": 1, "router": "softmax_topk", "experts": 64,
                           "dim": 32, "parameters": {"weights": [1, 2], "bias": []}})";
  const auto wrong = run_cli("run --scenario semantic-clusters --tokens 1024 --router softmax_topk --model softmax_topk=" +
                             bad.string());
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_THAT(wrong.err, HasSubstr(bad.string()));
  EXPECT_THAT(wrong.err, HasSubstr("parameters.weights: expected 2048 numbers, got 2"));
  const auto missing = run_cli("run --scenario semantic-clusters --tokens 1024 --router softmax_topk --model softmax_topk=" +
                               (scratch / "none.json").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("cannot read model file"));
  const auto stray = run_cli("run --scenario semantic-clusters --tokens 1024 --router hash --model softmax_topk=x.json");
  EXPECT_EQ(stray.exit_code, 2);
  EXPECT_THAT(stray.err, HasSubstr("not among the routers being run"));
}

}  // namespace
}  // namespace routelab
