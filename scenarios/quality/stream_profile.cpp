#include "scenarios/quality/stream_profile.hpp"

#include <unordered_map>

namespace routelab {

StreamProfile profile_stream(Workload& stream) {
  std::unordered_map<std::uint64_t, std::int64_t> counts;
  StreamProfile profile;
  TokenBatch batch;
  while (stream.next_batch(batch))
    for (const Token& token : batch.tokens) ++counts[token.key];
  std::int64_t top = 0;
  for (const auto& [key, count] : counts) {
    profile.tokens += count;
    if (count > top || (count == top && key < profile.hottest_key)) {  // lowest key on ties: stable output
      top = count;
      profile.hottest_key = key;
    }
  }
  profile.distinct_keys = static_cast<std::int64_t>(counts.size());
  if (profile.tokens > 0) profile.hottest_key_share = static_cast<double>(top) / static_cast<double>(profile.tokens);
  return profile;
}

}  // namespace routelab
