#pragma once
// The hidden geometry of a semantic token stream: C class centres in R^d. A workload that draws
// token embeddings from a Gaussian mixture exposes its centres here, so the quality model can put
// each expert's specialty on a class centre without knowing how the tokens were generated.
#include <span>
#include <vector>

namespace routelab {

struct SemanticSpace {
  int dim = 0;
  int classes = 0;
  std::vector<float> centres;  // classes x dim, row-major

  std::span<const float> centre(int token_class) const {
    return {centres.data() + static_cast<std::size_t>(token_class) * static_cast<std::size_t>(dim),
            static_cast<std::size_t>(dim)};
  }
};

}  // namespace routelab
