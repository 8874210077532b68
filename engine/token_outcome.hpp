#pragma once
// Per-token outcomes, for observers that must tell tokens apart (victims of an attack, a
// black-box attacker that sees only its own tokens). Kept apart from MetricsSink so that runs
// without a token observer pay nothing per token.
#include <cstdint>

#include "core/types.hpp"

namespace routelab {

struct TokenOutcome {
  std::uint64_t id = 0;          // Token::id as the workload issued it
  Tick arrival = 0;
  Tick finished = 0;             // last accepted assignment served; the dispatch tick if none was accepted
  std::int32_t assignments = 0;  // expert ids the router wrote in the first k columns
  std::int32_t dropped = 0;      // of those, dropped by the overflow policy
};

class TokenObserver {
 public:
  virtual ~TokenObserver() = default;
  // Called once per token: at dispatch when nothing was accepted, else at its last completion.
  virtual void on_token(const TokenOutcome& outcome) = 0;
};

}  // namespace routelab
