#pragma once
// The victims' side of an attack: drop rate and latency of the benign tokens only.
#include <cstdint>
#include <vector>

#include "engine/token_outcome.hpp"

namespace routelab {

struct VictimFigures {
  std::int64_t tokens = 0;
  double drop_rate = 0;     // victims' dropped assignments / victims' assignments
  double latency_mean = 0;  // ticks, over victims with at least one accepted assignment
  std::int64_t latency_p99 = 0;
  double fill_ratio = 0;    // victims' assignments / (victims x k): below 1 when a router gave tokens fewer than k
};

class VictimMetrics : public TokenObserver {
 public:
  explicit VictimMetrics(int k) : k_(k) {}
  void on_token(const TokenOutcome& outcome) override;
  VictimFigures figures() const;

 private:
  int k_;
  std::int64_t tokens_ = 0;
  std::int64_t assignments_ = 0;
  std::int64_t dropped_ = 0;
  std::vector<std::int64_t> latencies_;
};

}  // namespace routelab
