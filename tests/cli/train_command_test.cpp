// `routelab train` and `--model`: a model file written once reads back into the same routing;
// the same seed writes the same file; bad models and non-semantic scenarios exit with code 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

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
  EXPECT_EQ(read_text(a), read_text(b));
  ASSERT_EQ(run_cli(std::string("train --router softmax_topk --seed 9 ") + kShortTraining + " --out " + c.string()).exit_code, 0);
  EXPECT_NE(read_text(a), read_text(c));
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
