#include "gui/events/event_filter_proxy.hpp"

#include "gui/events/overload_event_model.hpp"

namespace routelab::gui {

namespace {

int cause_index(OverloadCause cause) { return cause == OverloadCause::queue_above_threshold ? 0 : 1; }

// The numbers each column sorts by; ties fall back to the start tick, so equal keys keep time order.
double sort_key(const OverloadEventModel& model, int row, int column) {
  const OverloadEvent& event = model.event_at(row);
  switch (column) {
    case OverloadEventModel::run_column: return model.run_at(row);
    case OverloadEventModel::expert_column: return event.expert;
    case OverloadEventModel::cause_column:  // alphabetical by name
      return event.cause == OverloadCause::arrivals_above_capacity ? 0 : 1;
    case OverloadEventModel::end_column: return static_cast<double>(event.end);
    case OverloadEventModel::duration_column: return static_cast<double>(event.end - event.start);
    case OverloadEventModel::peak_column: return static_cast<double>(event.peak);
    default: return static_cast<double>(event.start);
  }
}

}  // namespace

EventFilterProxy::EventFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(OverloadEventModel::kSortRole);
  setDynamicSortFilter(true);
}

void EventFilterProxy::setSourceModel(QAbstractItemModel* model) {
  if (events_) disconnect(events_, nullptr, this, nullptr);
  events_ = qobject_cast<const OverloadEventModel*>(model);
  QSortFilterProxyModel::setSourceModel(model);
  if (events_) connect(events_, &QAbstractItemModel::modelReset, this, [this] { match_text(); });
  match_text();
}

void EventFilterProxy::match_text() {
  run_matches_.assign(events_ ? static_cast<std::size_t>(events_->run_count()) : 0, text_.isEmpty());
  for (std::size_t r = 0; r < run_matches_.size(); ++r)
    run_matches_[r] = text_.isEmpty() || events_->run_label(static_cast<int>(r)).contains(text_, Qt::CaseInsensitive);
  for (const OverloadCause cause : {OverloadCause::queue_above_threshold, OverloadCause::arrivals_above_capacity}) {
    const auto name = to_string(cause);
    cause_matches_[cause_index(cause)] =
        text_.isEmpty() || QString::fromUtf8(name.data(), static_cast<int>(name.size())).contains(text_, Qt::CaseInsensitive);
  }
}

void EventFilterProxy::set_text(const QString& text) {
  text_ = text.trimmed();
  match_text();
  refilter();
}

void EventFilterProxy::set_run(int run) {
  run_ = run;
  refilter();
}

void EventFilterProxy::set_expert(int expert) {
  expert_ = expert;
  refilter();
}

void EventFilterProxy::set_minimum_peak(qint64 peak) {
  minimum_peak_ = peak;
  refilter();
}

void EventFilterProxy::refilter() {
  // invalidate(), not invalidateFilter(): on a sorted proxy the latter removes the rejected rows
  // one interval at a time, quadratic in the rows (200 s for 1,000,000 events); rebuilding the
  // mapping is O(n log n).
  invalidate();
}

bool EventFilterProxy::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
  if (!events_ || source_parent.isValid()) return true;
  const int run = events_->run_at(source_row);
  const OverloadEvent& event = events_->event_at(source_row);
  if (run_ >= 0 && run != run_) return false;
  if (expert_ >= 0 && event.expert != expert_) return false;
  if (minimum_peak_ > 0 && event.peak < minimum_peak_) return false;
  const auto r = static_cast<std::size_t>(run);
  if (r < run_matches_.size() && !run_matches_[r] && !cause_matches_[cause_index(event.cause)]) return false;
  return true;
}

bool EventFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  if (!events_) return QSortFilterProxyModel::lessThan(left, right);
  const double a = sort_key(*events_, left.row(), left.column());
  const double b = sort_key(*events_, right.row(), right.column());
  if (a != b) return a < b;
  return events_->event_at(left.row()).start < events_->event_at(right.row()).start;
}

}  // namespace routelab::gui
