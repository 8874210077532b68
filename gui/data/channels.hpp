#pragma once
// What the GUI keeps per window: four per-expert channels (the heatmap can show any of them) and a
// few per-window scalars (the line charts).
#include <array>
#include <string_view>

namespace routelab::gui {

enum class ExpertChannel { load, drops, queue, utilization };
inline constexpr int kChannelCount = 4;
inline constexpr std::array<ExpertChannel, kChannelCount> kAllChannels = {
    ExpertChannel::load, ExpertChannel::drops, ExpertChannel::queue, ExpertChannel::utilization};

enum class WindowScalar { max_load, mean_load, drop_rate, latency_p99, max_queue };
inline constexpr int kScalarCount = 5;
inline constexpr std::array<WindowScalar, kScalarCount> kAllScalars = {
    WindowScalar::max_load, WindowScalar::mean_load, WindowScalar::drop_rate, WindowScalar::latency_p99,
    WindowScalar::max_queue};

constexpr int index_of(ExpertChannel channel) { return static_cast<int>(channel); }
constexpr int index_of(WindowScalar scalar) { return static_cast<int>(scalar); }

// A count over the window (assignments, drops) grows with the window's length, so a partial
// window's count is divided by its covered fraction to compare with full windows (series_rate.hpp).
// Ratios (drop rate), percentiles (latency p99), peaks (queue) and utilization (already over the
// covered length) do not grow with it.
constexpr bool is_per_window_count(ExpertChannel channel) {
  return channel == ExpertChannel::load || channel == ExpertChannel::drops;
}
constexpr bool is_per_window_count(WindowScalar scalar) {
  return scalar == WindowScalar::max_load || scalar == WindowScalar::mean_load;
}

// Short machine names (CSV headers, settings) and human titles (legends).
std::string_view channel_key(ExpertChannel channel);
std::string_view channel_title(ExpertChannel channel);
std::string_view scalar_key(WindowScalar scalar);
std::string_view scalar_title(WindowScalar scalar);
bool parse_channel_key(std::string_view key, ExpertChannel& channel);

}  // namespace routelab::gui
