#pragma once
// What an attack did to one router: amplification of the load imbalance against the same run
// without the attacker, and the victims' drop rate and latency with and without it.
#include <cstdint>

#include "scenarios/adversaries/adversary.hpp"
#include "scenarios/adversaries/victim_metrics.hpp"

namespace routelab {

struct AdversaryReport {
  double amplification = 0;            // attacked max/mean / benign max/mean (whole-run expert loads)
  double benign_max_over_mean = 0;
  double attacked_max_over_mean = 0;
  double benign_fill_ratio = 0;        // whole-run assignments / (tokens x k) of the baseline run
  double attacked_fill_ratio = 0;      // the same for the attacked run (attacker tokens included)
  VictimFigures victims;               // the benign tokens in the attacked run
  VictimFigures benign;                // the same tokens in the baseline run: without the attacker, or for
                                       // phase_structure with the attacker's degrees uniform_random
  std::int64_t attack_tokens = 0;
  AdversaryStats stats;
};

}  // namespace routelab
