#include "gui/events/overload_event_model.hpp"

#include "gui/events/event_card.hpp"

namespace routelab::gui {

OverloadEventModel::OverloadEventModel(QObject* parent) : QAbstractTableModel(parent) {}

void OverloadEventModel::set_runs(std::vector<const RunHistory*> runs) {
  beginResetModel();
  runs_ = std::move(runs);
  seen_.assign(runs_.size(), 0);
  rows_.clear();
  endResetModel();
  sync();
}

void OverloadEventModel::sync() {
  std::size_t added = 0;
  for (std::size_t r = 0; r < runs_.size(); ++r) added += runs_[r]->events().size() - seen_[r];
  if (added == 0) return;
  const int first = static_cast<int>(rows_.size());
  beginInsertRows({}, first, first + static_cast<int>(added) - 1);
  for (std::size_t r = 0; r < runs_.size(); ++r) {
    for (std::size_t e = seen_[r]; e < runs_[r]->events().size(); ++e) rows_.push_back({static_cast<int>(r), e});
    seen_[r] = runs_[r]->events().size();
  }
  endInsertRows();
}

const OverloadEvent& OverloadEventModel::event_at(int row) const {
  const Row& r = rows_[static_cast<std::size_t>(row)];
  return runs_[static_cast<std::size_t>(r.run)]->events()[r.event];
}

double OverloadEventModel::start_window_at(int row) const {
  return runs_[static_cast<std::size_t>(run_at(row))]->window_of_tick(event_at(row).start);
}

QString OverloadEventModel::run_label(int run) const {
  return QString::fromStdString(runs_[static_cast<std::size_t>(run)]->label());
}

std::int64_t OverloadEventModel::events_not_kept() const {
  std::int64_t total = 0;
  for (const auto* run : runs_) total += run->events_not_kept();
  return total;
}

int OverloadEventModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int OverloadEventModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : column_count; }

QVariant OverloadEventModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const int row = index.row();
  const OverloadEvent& event = event_at(row);
  const RunHistory& run = *runs_[static_cast<std::size_t>(run_at(row))];
  if (role == kRunIndexRole) return run_at(row);
  if (role == kStartWindowRole) return start_window_at(row);
  if (role == Qt::ToolTipRole) return event_card_text(run, event);  // the heatmap lane's hover card
  const bool display = role == Qt::DisplayRole;
  if (!display && role != kSortRole) {
    if (role == Qt::TextAlignmentRole && index.column() != run_column && index.column() != cause_column)
      return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
  }
  switch (index.column()) {
    case run_column: return QString::fromStdString(run.label());
    case expert_column: return event.expert;
    case cause_column: {
      const auto cause = to_string(event.cause);
      return QString::fromUtf8(cause.data(), static_cast<int>(cause.size()));
    }
    // Ticks, the time axis's unit (the views' window length is a setting; a tick is not).
    case start_column: return QVariant::fromValue<qlonglong>(event.start);
    case end_column: return QVariant::fromValue<qlonglong>(event.end);
    case duration_column: return QVariant::fromValue<qlonglong>(event.end - event.start);
    case peak_column: return QVariant::fromValue<qlonglong>(event.peak);
    default: return {};
  }
}

QVariant OverloadEventModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case run_column: return "Router";
    case expert_column: return "Expert";
    case cause_column: return "Cause";
    case start_column: return "Start (tick)";
    case end_column: return "End (tick)";
    case duration_column: return "Duration (ticks)";
    case peak_column: return "Peak";
    default: return {};
  }
}

}  // namespace routelab::gui
