#include "gui/data/window_record.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/percentile.hpp"

namespace routelab::gui {

namespace {

double nearest_rank_p99(std::span<const std::int64_t> latencies, std::vector<std::int64_t>& scratch) {
  if (latencies.empty()) return std::numeric_limits<double>::quiet_NaN();
  scratch.assign(latencies.begin(), latencies.end());
  const std::size_t rank = nearest_rank(0.99, scratch.size());  // as the engine's latency_p99
  const auto nth = scratch.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(scratch.begin(), nth, scratch.end());
  return static_cast<double>(*nth);
}

template <typename T>
void copy_channel(std::span<const T> values, std::vector<float>& channels, ExpertChannel which, int experts) {
  auto out = channels.begin() + index_of(which) * experts;
  for (std::size_t e = 0; e < static_cast<std::size_t>(experts); ++e)
    out[static_cast<std::ptrdiff_t>(e)] = e < values.size() ? static_cast<float>(values[e]) : 0.0f;
}

}  // namespace

void fill_window_record(const LoadWindow& window, WindowRecord& record, std::vector<std::int64_t>& latency_scratch) {
  const int experts = static_cast<int>(window.arrivals.size());
  record.index = window.index;
  record.start = window.start;
  record.end = window.end;
  record.experts = experts;
  record.completed_tokens = static_cast<std::int64_t>(window.completed_latencies.size());
  record.channels.resize(static_cast<std::size_t>(kChannelCount * experts));
  copy_channel(window.arrivals, record.channels, ExpertChannel::load, experts);
  copy_channel(window.drops, record.channels, ExpertChannel::drops, experts);
  copy_channel(window.peak_queue, record.channels, ExpertChannel::queue, experts);
  copy_channel(window.utilization, record.channels, ExpertChannel::utilization, experts);

  std::int64_t arrivals = 0;
  std::int64_t max_arrivals = 0;
  for (const std::int64_t a : window.arrivals) {
    arrivals += a;
    max_arrivals = std::max(max_arrivals, a);
  }
  std::int64_t drops = 0;
  for (const std::int64_t d : window.drops) drops += d;
  std::int64_t max_queue = 0;
  for (const std::int64_t q : window.peak_queue) max_queue = std::max(max_queue, q);

  auto set = [&](WindowScalar which, double value) { record.scalars[static_cast<std::size_t>(index_of(which))] = value; };
  set(WindowScalar::max_load, static_cast<double>(max_arrivals));
  set(WindowScalar::mean_load, experts > 0 ? static_cast<double>(arrivals) / experts : 0.0);
  set(WindowScalar::drop_rate, arrivals > 0 ? static_cast<double>(drops) / static_cast<double>(arrivals) : 0.0);
  set(WindowScalar::latency_p99, nearest_rank_p99(window.completed_latencies, latency_scratch));
  set(WindowScalar::max_queue, static_cast<double>(max_queue));
}

}  // namespace routelab::gui
