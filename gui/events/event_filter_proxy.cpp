#include "gui/events/event_filter_proxy.hpp"

#include "gui/events/overload_event_model.hpp"

namespace routelab::gui {

EventFilterProxy::EventFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(OverloadEventModel::kSortRole);
  setDynamicSortFilter(true);
}

void EventFilterProxy::set_text(const QString& text) {
  text_ = text.trimmed();
  invalidateFilter();
}

void EventFilterProxy::set_run(int run) {
  run_ = run;
  invalidateFilter();
}

void EventFilterProxy::set_expert(int expert) {
  expert_ = expert;
  invalidateFilter();
}

void EventFilterProxy::set_minimum_peak(qint64 peak) {
  minimum_peak_ = peak;
  invalidateFilter();
}

bool EventFilterProxy::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
  const QAbstractItemModel* model = sourceModel();
  auto value = [&](int column, int role) { return model->data(model->index(source_row, column, source_parent), role); };
  if (run_ >= 0 && value(0, OverloadEventModel::kRunIndexRole).toInt() != run_) return false;
  if (expert_ >= 0 && value(OverloadEventModel::expert_column, OverloadEventModel::kSortRole).toInt() != expert_)
    return false;
  if (minimum_peak_ > 0 && value(OverloadEventModel::peak_column, OverloadEventModel::kSortRole).toLongLong() < minimum_peak_)
    return false;
  if (!text_.isEmpty()) {
    const QString router = value(OverloadEventModel::run_column, Qt::DisplayRole).toString();
    const QString cause = value(OverloadEventModel::cause_column, Qt::DisplayRole).toString();
    if (!router.contains(text_, Qt::CaseInsensitive) && !cause.contains(text_, Qt::CaseInsensitive)) return false;
  }
  return true;
}

}  // namespace routelab::gui
