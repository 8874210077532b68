// signature: signatures are the signs of the summed weight rows; tokens go to the largest dot
// product; on a semantic stream that follows meaning without any balancing.
#include <gtest/gtest.h>

#include <vector>

#include "core/errors.hpp"
#include "routers/learned/model_file.hpp"
#include "routers/signature/signature_router.hpp"
#include "tests/support/semantic_world.hpp"

namespace routelab {
namespace {

using testing::SemanticWorld;

TEST(Signature, IsTheSignOfTheSummedRows) {
  // Two experts, two rows, three dims. Expert 0 rows (1,-2,0), (1,1,0) -> sums (2,-1,0) -> (+,-,+).
  // Expert 1 rows (-1,3,-1), (-1,-4,0.5) -> sums (-2,-1,-0.5) -> (-,-,-).
  const std::vector<float> weights{1, -2, 0, 1, 1, 0, -1, 3, -1, -1, -4, 0.5F};
  EXPECT_EQ(read_signatures(weights, 2, 2, 3), (std::vector<float>{1, -1, 1, -1, -1, -1}));
}

std::string signature_model(int experts, int dim, const std::vector<float>& signatures) {
  auto document = model_document("signature", experts, dim);
  document["parameters"]["signatures"] = signatures;
  return dump_model(document);
}

TEST(Signature, RoutesToTheLargestDotProductsLowestIdOnTies) {
  RouterConfig config;
  config.name = "signature";
  config.num_experts = 3;
  config.k = 2;
  config.model_json = signature_model(3, 2, {1, 1, 1, -1, -1, 1});
  SignatureRouter router(config);
  const std::vector<Token> tokens(2);
  const std::vector<float> x{2, 1, 0, 1};  // dots: (3, 1, -1) and (1, -1, 1)
  std::vector<std::int64_t> load(3, 0);
  std::vector<std::int32_t> capacity(3, 10);
  RoutingRequest request{TokenBatch{0, 0, tokens, 2, x}, 2, 3, 3, load, capacity};
  std::vector<ExpertId> out(6, kNoExpert);
  router.route(request, out);
  EXPECT_EQ(out, (std::vector<ExpertId>{0, 1, 2, 0, 2, 1}));
}

TEST(Signature, RejectsSignaturesOtherThanPlusMinusOne) {
  RouterConfig config;
  config.name = "signature";
  config.num_experts = 2;
  config.model_json = signature_model(2, 1, {1, 0.5F});
  EXPECT_THROW(SignatureRouter{config}, ConfigError);
}

TEST(Signature, FollowsMeaningOnASemanticStreamWithoutBalancing) {
  const SemanticWorld world;
  const TrainingSet set = world.training_set(256, 1);
  const TrainedModel model = train_signature(set, world.router_config("signature", 1));
  SignatureRouter router(world.router_config("signature", 1, model.json));
  const testing::Evaluation evaluation = world.evaluate(router, 1);
  std::printf("signature: match share %.3f, loss %.3f (best %.3f), max/mean %.3f\n", evaluation.quality.match_share,
              evaluation.quality.expert_loss_mean, evaluation.quality.expert_loss_best,
              evaluation.summary.load_max_over_mean);
  // Four specialties: a content-blind router matches about a quarter of the tokens.
  EXPECT_GT(evaluation.quality.match_share, 0.7);
  // The top class holds ~48% of the tokens: whatever its experts' signatures do, its four experts
  // share at least that, so some expert carries at least 16 x 0.48 / 4 = 1.9x the mean.
  EXPECT_GT(evaluation.summary.load_max_over_mean, 1.9);
}

TEST(Signature, ReadsNothingButTheWeights) {
  const SemanticWorld world;
  TrainingSet set = world.training_set(256, 1);
  const std::string model = train_signature(set, world.router_config("signature", 1)).json;
  set.seed += 5;
  set.embeddings.assign(set.embeddings.size(), 0.0F);
  EXPECT_EQ(train_signature(set, world.router_config("signature", 1)).json, model);
  set.expert_weights.clear();
  EXPECT_THROW(train_signature(set, world.router_config("signature", 1)), ConfigError);
}

}  // namespace
}  // namespace routelab
