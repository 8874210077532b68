#include "gui/events/event_csv_export.hpp"

#include <fmt/format.h>

#include <iterator>

#include "gui/data/view_csv_export.hpp"
#include "gui/events/overload_event_model.hpp"

namespace routelab::gui {

std::string event_table_csv(const OverloadEventModel& model, const std::vector<int>& rows) {
  std::string out = "router,expert,cause,start_tick,end_tick,start_window,end_window,duration_ticks,peak\n";
  for (const int row : rows) {
    if (row < 0 || row >= model.rowCount()) continue;
    const OverloadEvent& event = model.event_at(row);
    const RunHistory& run = model.run_history(model.run_at(row));
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{}\n", csv_field(run.label()), event.expert,
                   to_string(event.cause), event.start, event.end, run.window_of_tick(event.start),
                   run.window_of_tick(event.end), event.end - event.start, event.peak);
  }
  return out;
}

}  // namespace routelab::gui
