#include "gui/data/window_record.hpp"


#include "core/percentile.hpp"

namespace routelab::gui {

namespace {

template <typename T>
void copy_channel(std::span<const T> values, std::vector<float>& channels, ExpertChannel which, int experts) {
  auto out = channels.begin() + index_of(which) * experts;
  for (std::size_t e = 0; e < static_cast<std::size_t>(experts); ++e)
    out[static_cast<std::ptrdiff_t>(e)] = e < values.size() ? static_cast<float>(values[e]) : 0.0f;
}

}  // namespace

void fill_window_record(const LoadWindow& window, WindowRecord& record) {
  const int experts = static_cast<int>(window.arrivals.size());
  record.index = window.index;
  record.start = window.start;
  record.end = window.end;
  record.experts = experts;
  record.completed_tokens = window.figures.completed_tokens;
  record.channels.resize(static_cast<std::size_t>(kChannelCount * experts));
  copy_channel(window.arrivals, record.channels, ExpertChannel::load, experts);
  copy_channel(window.drops, record.channels, ExpertChannel::drops, experts);
  copy_channel(window.peak_queue, record.channels, ExpertChannel::queue, experts);
  copy_channel(window.utilization, record.channels, ExpertChannel::utilization, experts);

  // The figures over experts come with the window (engine/window_figures.hpp), computed once.
  const WindowFigures& f = window.figures;
  auto set = [&](WindowScalar which, double value) { record.scalars[static_cast<std::size_t>(index_of(which))] = value; };
  set(WindowScalar::max_load, static_cast<double>(f.max_arrivals));
  set(WindowScalar::mean_load, f.mean_arrivals);
  set(WindowScalar::drop_rate, f.drop_rate);
  set(WindowScalar::latency_p99, f.latency_p99);
  set(WindowScalar::max_queue, static_cast<double>(f.max_peak_queue));
}

}  // namespace routelab::gui
