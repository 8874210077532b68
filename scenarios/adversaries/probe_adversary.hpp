#pragma once
// Black-box probing. The attacker knows nothing about the router; it sees only whether its own
// tokens were dropped (TokenOutcome). It learns distinct keys that land on one expert, then sends
// each of them once per batch (never a repeated key within a batch, so a duplicate-token filter
// sees nothing):
//   1. Calibrate: send growing runs of copies of one anchor key at the front of a batch until some
//      are dropped; the number accepted is the capacity C the anchor's expert grants it.
//   2. Probe: each batch, C anchor copies (filling the anchor's expert exactly) followed by fresh
//      candidate keys, one copy each; a dropped candidate shares the anchor's expert. Learned.
//   3. Attack, once the probe budget is spent: the anchor and every learned key once per batch,
//      fresh keys for the rest of its share.
// Against a content-deterministic router the learned keys pile onto the anchor's expert, more of
// them the larger the budget; against a router that spreads identical keys (greedy, uniform)
// calibration never sees a drop and nothing is learned. Needs a capacity-limited overflow policy
// (drop or next_choice): under `queue` nothing is ever dropped.
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "core/rng_streams.hpp"
#include "scenarios/adversaries/adversary.hpp"

namespace routelab {

class ProbeAdversary : public Adversary {
 public:
  ProbeAdversary(std::int64_t budget, std::uint64_t key_space, RngEngine rng);
  void choose_keys(Tick tick, std::int64_t count, std::vector<std::uint64_t>& keys) override;
  void on_own_outcome(std::uint64_t sequence, std::uint64_t key, const TokenOutcome& outcome) override;
  AdversaryStats stats() const override;

  std::int64_t capacity_estimate() const { return capacity_; }  // 0 until calibrated
  const std::vector<std::uint64_t>& learned_keys() const { return learned_; }

 private:
  // One batch's worth of probe tokens: `anchors` anchor copies, then candidates.
  struct Round {
    std::uint64_t first_sequence = 0;
    std::int64_t anchors = 0;
    std::int64_t size = 0;
    std::int64_t outstanding = 0;
    std::int64_t anchors_dropped = 0;
  };
  std::uint64_t fresh_key();
  void emit(std::uint64_t key, std::vector<std::uint64_t>& keys);
  void finish_round(const Round& round);

  std::int64_t budget_;
  std::uint64_t key_space_;
  RngEngine rng_;
  std::uint64_t anchor_;
  std::int64_t spent_ = 0;
  std::uint64_t emitted_ = 0;
  std::int64_t calibration_copies_ = 0;  // copies in the next calibration round
  std::int64_t largest_share_ = 0;       // most tokens a batch has allowed so far
  std::int64_t capacity_ = 0;
  bool gave_up_ = false;                 // no run of copies that fits the share was ever dropped
  std::vector<Round> rounds_;
  std::vector<std::int32_t> round_of_;   // per emitted token: its round, or -1 (attack token)
  std::vector<std::uint64_t> learned_;
  std::unordered_set<std::uint64_t> learned_set_;
};

}  // namespace routelab
