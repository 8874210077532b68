#pragma once
// Decode-size to prefill-size batches: a serving stream where most batches are small decode
// steps (<= 256 tokens: one token per running sequence) and a few are whole prompts being
// prefilled (>= 16K tokens). Each batch is a prefill with probability `prefill_share`.
#include "core/rng_streams.hpp"

namespace routelab {

class BatchSizeMix {
 public:
  BatchSizeMix(int decode_size, int prefill_size, double prefill_share);
  int draw(RngEngine& rng) const;
  double mean_size() const;

 private:
  int decode_size_;
  int prefill_size_;
  double prefill_share_;
};

}  // namespace routelab
