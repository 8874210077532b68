#pragma once
// An attacker riding on the benign stream: for every benign batch it is allowed a number of tokens
// (its share of the stream) and chooses their keys. It learns only what its kind allows: the
// black-box prober sees the outcomes of its own tokens and nothing else.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/token_outcome.hpp"
#include "core/types.hpp"

namespace routelab {

// Attacker tokens carry this bit in Token::id; victims never do.
inline constexpr std::uint64_t kAdversaryTokenBit = std::uint64_t{1} << 63;
inline bool is_adversary_token(std::uint64_t id) { return (id & kAdversaryTokenBit) != 0; }

struct AdversaryStats {
  std::int64_t keys_found = 0;    // colliding keys found (collision, colocation) or keys learned (probe)
  std::int64_t keys_tried = 0;    // keys evaluated offline (collision search)
  std::int64_t probe_tokens = 0;  // tokens spent probing (probe)
};

class Adversary {
 public:
  virtual ~Adversary() = default;
  // Appends exactly `count` keys for this batch's attacker tokens.
  virtual void choose_keys(Tick tick, std::int64_t count, std::vector<std::uint64_t>& keys) = 0;
  // The outcome of one of the attacker's own tokens: the `sequence`-th key it chose (counting from
  // 0 over the run), `key`.
  virtual void on_own_outcome(std::uint64_t sequence, std::uint64_t key, const TokenOutcome& outcome) {
    (void)sequence;
    (void)key;
    (void)outcome;
  }
  virtual AdversaryStats stats() const { return {}; }
  // An adversary that shapes row degrees (TokenBatch::row_degrees, read by the phase router) says
  // so here; choose_degrees then appends one degree per attacker token of the batch, in order.
  virtual bool sets_degrees() const { return false; }
  virtual void choose_degrees(Tick tick, std::int64_t count, std::vector<std::int32_t>& degrees) {
    (void)tick;
    (void)count;
    (void)degrees;
  }
};

}  // namespace routelab
