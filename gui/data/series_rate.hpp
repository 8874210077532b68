#pragma once
// A per-window count shown as a rate: a partial window (the last one of a run, RunHistory's
// coverage()) holds fewer assignments or drops only because it is shorter, so its value is divided
// by the fraction of the window the run covered and reads as its full windows' do, not as a
// collapse at the run's end. Whole windows keep their values, exactly.
#include <memory>

#include "gui/data/series_source.hpp"

namespace routelab::gui {

// `source` itself when it is not a per-window count or knows no coverage; else `source` with each
// partial window's value divided by its covered fraction (the result is no longer a count, so
// applying this twice scales once).
std::shared_ptr<const SeriesSource> per_window_rate(std::shared_ptr<const SeriesSource> source);

}  // namespace routelab::gui
