#pragma once
// Round-numbered tick positions (1, 2, 5 x 10^n steps) for the time and value axes.
#include <vector>

namespace routelab::gui {

std::vector<double> nice_ticks(double low, double high, int max_ticks);

}  // namespace routelab::gui
