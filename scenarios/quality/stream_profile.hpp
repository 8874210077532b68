#pragma once
// Figures of a token stream that bound every router, whatever it learns (docs/learned-routing.md):
// a router that sends identical tokens (same key) to the same k experts puts at least
// share(commonest key) x T assignments on one expert, against a mean of k T / E, so its whole-run
// load max/mean is at least E x share / k.
#include <cstdint>

#include "engine/workload.hpp"

namespace routelab {

struct StreamProfile {
  std::int64_t tokens = 0;
  std::int64_t distinct_keys = 0;
  std::uint64_t hottest_key = 0;
  double hottest_key_share = 0;  // tokens with the commonest key / tokens

  // E x share / k: the max/mean floor of any router that is a function of the token key.
  double identical_token_floor(int experts, int k) const { return experts * hottest_key_share / k; }
};

StreamProfile profile_stream(Workload& stream);  // reads the stream to its end

}  // namespace routelab
