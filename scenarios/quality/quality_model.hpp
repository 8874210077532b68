#pragma once
// The quality model: what it costs to send a token to an expert.
//
// Expert e's hidden specialty is the centre of class (e mod C): with E >= C experts, several
// experts share a specialty; with E < C, classes E..C-1 have no specialist. The expert loss of a
// token with embedding x at expert e is the squared distance from x to e's specialty centre,
// divided by the mean squared distance between two distinct specialty centres, so a token sitting
// on its own centre costs 0 at a specialist and about 1 at a random other expert, whatever the
// embedding scale. An expert "matches" a token when no expert offers a lower loss (its specialty
// is the one nearest the token), so an all-knowing router that ignored load would match every
// token.
#include <span>
#include <vector>

#include "core/types.hpp"
#include "scenarios/quality/semantic_space.hpp"

namespace routelab {

class QualityModel {
 public:
  QualityModel(SemanticSpace space, int num_experts);  // throws ConfigError on an empty space

  int num_experts() const { return num_experts_; }
  int dim() const { return space_.dim; }
  int specialties() const { return specialties_; }
  const SemanticSpace& space() const { return space_; }
  int specialty(ExpertId expert) const { return expert % space_.classes; }
  double normalizer() const { return normalizer_; }

  // Loss of each specialty for one embedding (out.size() == specialties()).
  void specialty_losses(std::span<const float> embedding, std::span<double> out) const;
  double expert_loss(std::span<const float> embedding, ExpertId expert) const;
  // Loss of every expert (out.size() == num_experts()).
  void expert_losses(std::span<const float> embedding, std::span<float> out) const;

 private:
  SemanticSpace space_;
  int num_experts_;
  int specialties_;    // min(C, E): the specialties some expert holds
  double normalizer_;  // mean squared distance between distinct held specialties (dim if only one)
};

// Index of the smallest value (the first on ties).
int argmin(std::span<const double> values);

}  // namespace routelab
