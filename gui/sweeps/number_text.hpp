#pragma once
// Numbers as people read them in the sweep views: at most 6 significant digits, so a stored
// 0.15000000000000002 reads 0.15 and 1.0493750000000001 reads 1.04938; whole numbers without a
// decimal point. The full stored value stays available (shortest_text) for tooltips and copies.
#include <string>

namespace routelab::gui {

inline constexpr int kShownSignificantDigits = 6;

std::string readable_number(double value);
// The shortest text that reads back as exactly `value` (round trip), e.g. 0.1 for 0.1.
std::string shortest_text(double value);

}  // namespace routelab::gui
