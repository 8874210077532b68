#include "gui/sweeps/number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace routelab::gui {

namespace {
// Whole numbers up to here print every digit (exact in a double, and counts like 102400 must not
// become 102400 -> "102400" vs "1.024e+05").
constexpr double kLargestWholeShown = 1e15;
}  // namespace

std::string readable_number(double value) {
  if (std::isnan(value)) return "";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == std::floor(value) && std::fabs(value) < kLargestWholeShown) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", value == 0 ? 0.0 : value);  // never "-0"
    return buffer;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*g", kShownSignificantDigits, value);
  return buffer;
}

std::string shortest_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace routelab::gui
