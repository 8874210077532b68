#pragma once
// What a learned router trains on, and what training gives back. Built by the scenarios layer from
// a training stream (never the evaluation stream) and the scenario's quality model, so routers
// stay free of scenario code.
//
// Training is full-information: every training token comes with the loss of every expert. A real
// MoE only sees the losses of the experts it chose; our learned routers are therefore an
// optimistic bound on what training can reach.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "routers/router_config.hpp"

namespace routelab {

struct TrainingSet {
  int dim = 0;
  int experts = 0;
  int k = 1;
  int batch_size = 256;            // the scenario's batch size: balance terms are per batch
  std::vector<float> embeddings;   // tokens x dim, row-major, in stream order
  std::vector<float> expert_loss;  // tokens x experts: the quality model's loss of each expert
  int expert_rows = 0;             // rows of each expert's synthetic weight matrix
  std::vector<float> expert_weights;  // experts x expert_rows x dim (what `signature` reads)
  std::uint64_t seed = 0;          // the training stream's seed (initialization, shuffles, noise)

  std::size_t tokens() const { return dim > 0 ? embeddings.size() / static_cast<std::size_t>(dim) : 0; }
};

struct TrainedModel {
  std::string json;                // the model file's text (what `routelab train --out` writes)
  std::vector<double> epoch_loss;  // training objective after each epoch, on the training set
};

using RouterTrainer = std::function<TrainedModel(const TrainingSet&, const RouterConfig&)>;

}  // namespace routelab
