#include "gui/data/view_csv_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace routelab::gui {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted(1, '"');
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

namespace {

void append_number(std::string& out, double value) {
  if (!std::isnan(value)) fmt::format_to(std::back_inserter(out), "{}", value);
}

}  // namespace

std::string series_csv(const std::vector<const RunHistory*>& runs, std::int64_t first, std::int64_t last,
                       const std::vector<int>& experts, ExpertChannel channel) {
  std::int64_t longest = 0;
  Tick window_ticks = 1;
  for (const auto* run : runs) {
    if (run->windows() >= longest) window_ticks = run->window_ticks();
    longest = std::max(longest, run->windows());
  }
  first = std::max<std::int64_t>(first, 0);
  last = std::min(last, longest);

  std::string out = "window,start_tick,end_tick";
  auto add_column = [&out](const std::string& name) {
    out += ',';
    out += csv_field(name);
  };
  for (const auto* run : runs) {
    for (const WindowScalar s : kAllScalars) add_column(fmt::format("{}.{}", run->label(), scalar_key(s)));
    for (const int e : experts) add_column(fmt::format("{}.{}_e{}", run->label(), channel_key(channel), e));
  }
  out += '\n';
  for (std::int64_t w = first; w < last; ++w) {
    fmt::format_to(std::back_inserter(out), "{},{},{}", w, w * window_ticks, (w + 1) * window_ticks);
    for (const auto* run : runs) {
      const bool present = w < run->windows();
      for (const WindowScalar s : kAllScalars) {
        out += ',';
        if (present) append_number(out, run->scalar(s)[static_cast<std::size_t>(w)]);
      }
      for (const int e : experts) {
        out += ',';
        if (present && e >= 0 && e < run->experts())
          append_number(out, run->channel(channel).aggregate_row(w, w + 1, e));
      }
    }
    out += '\n';
  }
  return out;
}

std::string heatmap_csv(const HeatmapRaster& raster) {
  std::string out = "experts";
  for (int c = 0; c < raster.columns; ++c) {
    const auto i = static_cast<std::size_t>(c);
    fmt::format_to(std::back_inserter(out), ",w{}-{}", raster.first_window[i], raster.last_window[i]);
  }
  out += '\n';
  for (int r = 0; r < raster.rows; ++r) {
    const int e0 = raster.first_expert_of_row(r);
    const int e1 = std::max(e0 + 1, raster.first_expert_of_row(r + 1));
    fmt::format_to(std::back_inserter(out), "{}-{}", e0, e1 - 1);
    for (int c = 0; c < raster.columns; ++c) {
      out += ',';
      const auto column = static_cast<std::size_t>(c);
      if (raster.valid[column]) append_number(out, raster.values[column * static_cast<std::size_t>(raster.rows) + static_cast<std::size_t>(r)]);
    }
    out += '\n';
  }
  return out;
}

}  // namespace routelab::gui
