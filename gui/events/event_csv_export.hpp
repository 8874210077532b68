#pragma once
// The overload event table as CSV text, in the rows and order the table shows (its filters and
// sort applied); the GUI writes it with QSaveFile. Times in ticks and in windows.
#include <string>
#include <vector>

namespace routelab::gui {

class OverloadEventModel;

// Header: router,expert,cause,start_tick,end_tick,start_window,end_window,duration_ticks,peak;
// one row per entry of `rows` (rows of `model`).
std::string event_table_csv(const OverloadEventModel& model, const std::vector<int>& rows);

}  // namespace routelab::gui
