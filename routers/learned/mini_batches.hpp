#pragma once
// Epochs of shuffled mini-batches over a training set, each gathered into contiguous buffers.
// The shuffle is Fisher-Yates with Boost's distribution, so the order is the same everywhere.
#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <numeric>
#include <span>
#include <vector>

#include "core/rng_streams.hpp"
#include "routers/learned/training_set.hpp"

namespace routelab {

class MiniBatches {
 public:
  MiniBatches(const TrainingSet& set, std::size_t batch_size)
      : set_(set), batch_size_(std::max<std::size_t>(1, batch_size)), order_(set.tokens()) {
    std::iota(order_.begin(), order_.end(), std::size_t{0});
  }

  void shuffle(RngEngine& rng) {
    for (std::size_t i = order_.size(); i > 1; --i)
      std::swap(order_[i - 1], order_[boost::random::uniform_int_distribution<std::size_t>(0, i - 1)(rng)]);
  }

  std::size_t count() const { return (order_.size() + batch_size_ - 1) / batch_size_; }

  // Gathers batch b of the current order; returns its number of tokens.
  std::size_t gather(std::size_t b) {
    const auto dim = static_cast<std::size_t>(set_.dim);
    const auto experts = static_cast<std::size_t>(set_.experts);
    const std::size_t start = b * batch_size_;
    const std::size_t end = std::min(order_.size(), start + batch_size_);
    embeddings_.clear();
    losses_.clear();
    for (std::size_t r = start; r < end; ++r) {
      const std::size_t t = order_[r];
      embeddings_.insert(embeddings_.end(), set_.embeddings.begin() + t * dim, set_.embeddings.begin() + (t + 1) * dim);
      losses_.insert(losses_.end(), set_.expert_loss.begin() + t * experts, set_.expert_loss.begin() + (t + 1) * experts);
    }
    return end - start;
  }
  std::span<const float> embeddings() const { return embeddings_; }
  std::span<const float> losses() const { return losses_; }

 private:
  const TrainingSet& set_;
  std::size_t batch_size_;
  std::vector<std::size_t> order_;
  std::vector<float> embeddings_;
  std::vector<float> losses_;
};

}  // namespace routelab
