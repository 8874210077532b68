#pragma once
// An owning copy of one metric window, as the worker thread hands it to the UI thread. The engine's
// LoadWindow only holds views into the simulation's buffers, valid during the on_window call.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/metrics.hpp"
#include "gui/data/channels.hpp"

namespace routelab::gui {

struct WindowRecord {
  std::int64_t index = 0;
  Tick start = 0;
  Tick end = 0;
  int experts = 0;
  std::int64_t completed_tokens = 0;
  std::array<double, kScalarCount> scalars{};  // indexed by index_of(WindowScalar)
  std::vector<float> channels;                  // kChannelCount blocks of `experts` values

  double scalar(WindowScalar which) const { return scalars[static_cast<std::size_t>(index_of(which))]; }
  std::span<const float> channel(ExpertChannel which) const {
    return std::span<const float>(channels).subspan(static_cast<std::size_t>(index_of(which) * experts),
                                                    static_cast<std::size_t>(experts));
  }
};

// Copies `window` into `record` (reusing its buffers), with the window's figures as the scalars
// (latency p99: nearest rank over the tokens completed in the window, NaN when none completed).
void fill_window_record(const LoadWindow& window, WindowRecord& record);

}  // namespace routelab::gui
