#pragma once
// The benign workload with an attacker's tokens merged into every batch. The attacker gets
// round(share / (1 - share) x victims) tokens per batch (the fraction carried over, so its share
// of the whole stream is exact), placed ahead of, behind, or evenly among the victims. The
// victims' tokens are passed through untouched (same keys, ids, ticks as in the benign run), so a
// benign run and an attacked run differ only by the attacker's tokens. An adversary that sets row
// degrees (phase_structure) gets TokenBatch::row_degrees filled: its own tokens' degrees, and the
// victims' as the benign batch had them (kAllExperts when it had none).
//
// Attach it to the simulation as a TokenObserver: it forwards the outcomes of the attacker's own
// tokens (and only those) to the adversary.
#include <memory>
#include <vector>

#include "engine/token_outcome.hpp"
#include "engine/workload.hpp"
#include "scenarios/adversaries/adversary.hpp"
#include "scenarios/adversaries/adversary_spec.hpp"

namespace routelab {

class AdversarialWorkload : public Workload, public TokenObserver {
 public:
  AdversarialWorkload(std::unique_ptr<Workload> victims, std::unique_ptr<Adversary> adversary, double share,
                      AttackPlacement placement);
  bool next_batch(TokenBatch& out) override;
  void on_token(const TokenOutcome& outcome) override;

  const Adversary& adversary() const { return *adversary_; }
  std::int64_t attack_tokens() const { return static_cast<std::int64_t>(keys_sent_.size()); }

 private:
  std::unique_ptr<Workload> victims_;
  std::unique_ptr<Adversary> adversary_;
  double ratio_;  // attacker tokens per victim token
  AttackPlacement placement_;
  double carry_ = 0;
  std::vector<std::uint64_t> keys_sent_;  // by attacker sequence number
  std::vector<std::uint64_t> batch_keys_;
  std::vector<Token> tokens_;
  std::vector<float> embeddings_;
  std::vector<ExpertId> recorded_;
  std::vector<std::int32_t> batch_degrees_;  // the attacker's degrees for this batch
  std::vector<std::int32_t> degrees_;        // row degrees of the merged batch
};

}  // namespace routelab
