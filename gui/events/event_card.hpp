#pragma once
// The hover card of one overload event: router, expert, cause, start, end, duration and peak, in
// ticks and windows. Shown over the heatmap's event lane and as the event table's tooltip.
#include <QString>

#include "gui/data/run_history.hpp"

namespace routelab::gui {

QString event_card_text(const RunHistory& run, const OverloadEvent& event);
// The cause as a person reads it ("queue above threshold"), and what its peak counts.
QString cause_title(OverloadCause cause);

}  // namespace routelab::gui
