#pragma once
// The largest times a run may involve. Ticks are int64, and the kernel adds windows and service
// times to the clock; bounding every input keeps those sums far from overflow (issue 16: a trace
// tick of INT64_MAX with window_ticks = INT64_MAX overflowed; a speed of 1e-300 made a service
// time beyond any int64). 2^53 also keeps every tick exact as a double (the statistics' type).
#include <cstdint>

namespace routelab {

inline constexpr std::int64_t kMaxTick = std::int64_t{1} << 53;          // any tick, window or stop tick
inline constexpr std::int64_t kMaxServiceTicks = std::int64_t{1} << 40;  // one service time (mean / speed)

}  // namespace routelab
