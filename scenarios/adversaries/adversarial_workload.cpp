#include "scenarios/adversaries/adversarial_workload.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"

namespace routelab {

AdversarialWorkload::AdversarialWorkload(std::unique_ptr<Workload> victims, std::unique_ptr<Adversary> adversary,
                                         double share, AttackPlacement placement)
    : victims_(std::move(victims)), adversary_(std::move(adversary)), ratio_(share / (1.0 - share)),
      placement_(placement) {}

bool AdversarialWorkload::next_batch(TokenBatch& out) {
  TokenBatch benign;
  if (!victims_->next_batch(benign)) return false;
  const std::size_t victims = benign.tokens.size();
  carry_ += ratio_ * static_cast<double>(victims);
  const auto attackers = static_cast<std::int64_t>(std::floor(carry_));
  carry_ -= static_cast<double>(attackers);
  batch_keys_.clear();
  adversary_->choose_keys(benign.tick, attackers, batch_keys_);
  if (static_cast<std::int64_t>(batch_keys_.size()) != attackers)
    throw Error("adversary chose " + std::to_string(batch_keys_.size()) + " keys for " + std::to_string(attackers) +
                " tokens");
  const bool with_degrees = adversary_->sets_degrees() || !benign.row_degrees.empty();
  batch_degrees_.clear();
  if (adversary_->sets_degrees()) {
    adversary_->choose_degrees(benign.tick, attackers, batch_degrees_);
    if (batch_degrees_.size() != batch_keys_.size())
      throw Error("adversary chose " + std::to_string(batch_degrees_.size()) + " row degrees for " +
                  std::to_string(attackers) + " tokens");
  } else if (with_degrees) {
    batch_degrees_.assign(batch_keys_.size(), kAllExperts);
  }

  // Position of attacker j among n tokens: ahead, behind, or spread evenly through the batch.
  const std::size_t n = victims + batch_keys_.size();
  const std::size_t a = batch_keys_.size();
  auto attacker_slot = [&](std::size_t j) -> std::size_t {
    if (placement_ == AttackPlacement::ahead) return j;
    if (placement_ == AttackPlacement::behind) return victims + j;
    return (2 * j + 1) * n / (2 * a);
  };
  const auto dim = static_cast<std::size_t>(benign.embedding_dim);
  const auto recorded_k = static_cast<std::size_t>(benign.recorded_k);
  tokens_.resize(n);
  embeddings_.assign(n * dim, 0.0f);
  recorded_.assign(n * recorded_k, kNoExpert);
  degrees_.assign(with_degrees ? n : 0, kAllExperts);
  std::size_t next_attacker = 0;
  std::size_t next_victim = 0;
  for (std::size_t slot = 0; slot < n; ++slot) {
    if (next_attacker < a && (attacker_slot(next_attacker) == slot || next_victim == victims)) {
      const std::uint64_t sequence = keys_sent_.size();  // the adversary's own emission order
      if (with_degrees) degrees_[slot] = batch_degrees_[next_attacker];
      keys_sent_.push_back(batch_keys_[next_attacker++]);
      tokens_[slot] = Token{kAdversaryTokenBit | sequence, keys_sent_.back(), benign.tick, -1};
      continue;
    }
    tokens_[slot] = benign.tokens[next_victim];
    if (!benign.row_degrees.empty()) degrees_[slot] = benign.row_degrees[next_victim];
    if (dim > 0)
      std::copy_n(benign.embeddings.begin() + static_cast<std::ptrdiff_t>(next_victim * dim), dim,
                  embeddings_.begin() + static_cast<std::ptrdiff_t>(slot * dim));
    if (recorded_k > 0)
      std::copy_n(benign.recorded_experts.begin() + static_cast<std::ptrdiff_t>(next_victim * recorded_k), recorded_k,
                  recorded_.begin() + static_cast<std::ptrdiff_t>(slot * recorded_k));
    ++next_victim;
  }
  out = TokenBatch{benign.tick, benign.index, tokens_, benign.embedding_dim, embeddings_, benign.recorded_k, recorded_,
                   degrees_};
  return true;
}

void AdversarialWorkload::on_token(const TokenOutcome& outcome) {
  if (!is_adversary_token(outcome.id)) return;  // the attacker sees its own tokens only
  const std::uint64_t sequence = outcome.id & ~kAdversaryTokenBit;
  if (sequence >= keys_sent_.size()) return;  // not a token this workload issued
  adversary_->on_own_outcome(sequence, keys_sent_[sequence], outcome);
}

}  // namespace routelab
