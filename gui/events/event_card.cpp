#include "gui/events/event_card.hpp"

namespace routelab::gui {

QString cause_title(OverloadCause cause) {
  return cause == OverloadCause::queue_above_threshold ? "queue above threshold" : "arrivals above capacity";
}

QString event_card_text(const RunHistory& run, const OverloadEvent& event) {
  const QString peak_meaning =
      event.cause == OverloadCause::queue_above_threshold ? "longest queue" : "most arrivals in one batch";
  return QString("Overload: %1, expert %2\n"
                 "cause: %3\n"
                 "start: tick %4 (window %5)\n"
                 "end: tick %6 (window %7), %8 ticks\n"
                 "peak: %9 (%10)")
      .arg(QString::fromStdString(run.label()))
      .arg(event.expert)
      .arg(cause_title(event.cause))
      .arg(event.start)
      .arg(run.window_of_tick(event.start), 0, 'f', 2)
      .arg(event.end)
      .arg(run.window_of_tick(event.end), 0, 'f', 2)
      .arg(event.end - event.start)
      .arg(event.peak)
      .arg(peak_meaning);
}

}  // namespace routelab::gui
