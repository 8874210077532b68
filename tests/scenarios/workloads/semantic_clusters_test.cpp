// Semantic clusters: classes with Zipf popularity, embeddings around unit-norm class centres, keys
// in the class's slice of the vocabulary; centres fixed by the master seed alone.
#include <gtest/gtest.h>

#include <cmath>

#include "scenarios/workloads/semantic_clusters.hpp"
#include "scenarios/workloads/synthetic_workload.hpp"
#include "scenarios/workloads/zipf_keys.hpp"

namespace routelab {
namespace {

WorkloadSpec semantic_spec() {
  WorkloadSpec spec;
  spec.kind = TokenKind::semantic;
  spec.vocabulary = 1600;
  spec.keys = KeyDistribution::uniform;
  spec.semantic = {8, 16, 1.0, 0.2};
  spec.batch_size = 500;
  spec.total_tokens = 80000;
  return spec;
}

TEST(SemanticClusters, CentresAreUnitNormAndDependOnTheMasterSeedOnly) {
  const auto spec = semantic_spec();
  const auto centres = class_centres(spec.semantic, 5);
  ASSERT_EQ(centres.size(), 8u * 16u);
  for (int c = 0; c < 8; ++c) {
    double norm2 = 0;
    for (int d = 0; d < 16; ++d) norm2 += centres[c * 16 + d] * centres[c * 16 + d];
    EXPECT_NEAR(norm2, 1.0, 1e-5);
  }
  EXPECT_EQ(centres, class_centres(spec.semantic, 5));
  EXPECT_NE(centres, class_centres(spec.semantic, 6));
  EXPECT_EQ(SemanticClusters(spec, 5).centres(), centres);
}

TEST(SemanticClusters, TokensCarryClassKeyAndEmbedding) {
  const auto spec = semantic_spec();
  const auto centres = class_centres(spec.semantic, 5);
  const ZipfKeys popularity(8, 1.0);
  SyntheticWorkload workload(spec, 5, 0);
  std::vector<std::int64_t> class_count(8, 0);
  std::vector<std::vector<double>> embedding_sum(8, std::vector<double>(16, 0.0));
  std::int64_t tokens = 0;
  TokenBatch batch;
  while (workload.next_batch(batch)) {
    ASSERT_EQ(batch.embedding_dim, 16);
    ASSERT_EQ(batch.embeddings.size(), batch.tokens.size() * 16);
    for (std::size_t i = 0; i < batch.tokens.size(); ++i) {
      const Token& t = batch.tokens[i];
      ASSERT_GE(t.token_class, 0);
      ASSERT_LT(t.token_class, 8);
      EXPECT_EQ(t.key / 200, static_cast<std::uint64_t>(t.token_class));  // 1600 keys / 8 classes
      ++class_count[t.token_class];
      for (int d = 0; d < 16; ++d) embedding_sum[t.token_class][d] += batch.embeddings[i * 16 + d];
      ++tokens;
    }
  }
  ASSERT_EQ(tokens, 80000);
  for (int c = 0; c < 8; ++c) {
    const double p = popularity.probability(static_cast<std::uint64_t>(c));
    EXPECT_NEAR(static_cast<double>(class_count[c]), p * 80000, 5 * std::sqrt(80000 * p * (1 - p)) + 1) << c;
    // The class mean embedding sits on the centre (noise 0.2 / sqrt(n) per coordinate).
    const double tolerance = 5 * 0.2 / std::sqrt(static_cast<double>(class_count[c])) + 1e-6;
    for (int d = 0; d < 16; ++d)
      EXPECT_NEAR(embedding_sum[c][d] / static_cast<double>(class_count[c]), centres[c * 16 + d], tolerance);
  }
}

}  // namespace
}  // namespace routelab
