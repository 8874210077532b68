#pragma once
// The `[adversary]` section of a scenario: who injects hostile tokens into the benign stream.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/adversaries/degree_patterns.hpp"

namespace routelab {

enum class AdversaryKind {
  none,
  collision,   // knows a content-deterministic router's seed and function; keys that all land together
  hot_flood,   // one key, or a few, at a chosen share of the stream
  colocation,  // colliding tokens placed ahead of the victims in the same batch (capacity exhaustion)
  probe,       // black box: learns overloading keys from its own tokens' drops and latency
  phase_structure,  // structured row degrees (degree_patterns.hpp) against the phase router's offsets
};

// Where the attacker's tokens sit in each batch relative to the victims'.
enum class AttackPlacement { interleaved, ahead, behind };

struct AdversarySpec {
  AdversaryKind kind = AdversaryKind::none;
  double share = 0.1;                        // attacker tokens / all tokens
  AttackPlacement placement = AttackPlacement::interleaved;
  std::string target;                        // router whose seed + function the attacker knows; "" = the router under test
  int target_experts = 0;                    // experts to pile onto; 0 = the smallest set a key can be confined to
  int distinct_keys = 64;                    // collision/colocation: colliding keys to find
  std::int64_t search_budget = 20'000'000;   // collision/colocation: most keys tried
  std::uint64_t key_space = 0;               // attacker keys in [0, key_space); 0 = any 64-bit key (free text)
  int hot_keys = 1;                          // hot_flood: distinct hot keys
  std::vector<std::uint64_t> keys;           // hot_flood: explicit keys (else drawn from the adversary stream)
  std::int64_t probe_budget = 4096;          // probe: probe tokens to spend before attacking
  DegreePattern pattern = DegreePattern::sorted_ascending;  // phase_structure: the attackers' degrees
  int max_degree = 0;                        // phase_structure: d_max of the pattern; 0 = the number of experts
  int period = 0;                            // phase_structure, periodic only: a divisor of the number of experts

  bool enabled() const { return kind != AdversaryKind::none; }
};

std::string_view to_string(AdversaryKind kind);
std::string_view to_string(AttackPlacement placement);

}  // namespace routelab
