#pragma once
// Round-numbered tick positions (1, 2, 5 x 10^n steps) for the time and value axes.
#include <span>
#include <vector>

namespace routelab::gui {

std::vector<double> nice_ticks(double low, double high, int max_ticks);

// Which labels a squeezed axis keeps: the smallest stride (1, 2, 4, ...) such that labels at every
// stride-th of the ascending pixel `positions` are at least `min_spacing` apart. Every other label
// is dropped before all of them are; one label always stays.
int label_stride(std::span<const double> positions, double min_spacing);

}  // namespace routelab::gui
