#pragma once
// A token source: hands out batches in non-decreasing tick order until it is exhausted.
#include "core/types.hpp"

namespace routelab {

class Workload {
 public:
  virtual ~Workload() = default;
  // Fills `out` with the next batch (views valid until the next call); false when exhausted.
  virtual bool next_batch(TokenBatch& out) = 0;
};

}  // namespace routelab
