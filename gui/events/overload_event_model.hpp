#pragma once
// The overload events of every run in the window, as a table. Rows are appended as events arrive
// (sync() after each drain); the sort role carries numbers so sorting is numeric.
#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

#include "gui/data/run_history.hpp"

namespace routelab::gui {

class OverloadEventModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { run_column, expert_column, cause_column, start_column, end_column, duration_column, peak_column,
                column_count };
  static constexpr int kSortRole = Qt::UserRole;      // numbers (or the text) to sort by
  static constexpr int kRunIndexRole = Qt::UserRole + 1;
  static constexpr int kStartWindowRole = Qt::UserRole + 2;  // fractional window of the event start

  explicit OverloadEventModel(QObject* parent = nullptr);

  void set_runs(std::vector<const RunHistory*> runs);  // resets
  void sync();                                         // appends events that arrived since

  struct Row {
    int run = 0;
    std::size_t event = 0;
  };
  const OverloadEvent& event_at(int row) const;
  int run_at(int row) const { return rows_[static_cast<std::size_t>(row)].run; }
  double start_window_at(int row) const;
  int run_count() const { return static_cast<int>(runs_.size()); }
  QString run_label(int run) const;
  const RunHistory& run_history(int run) const { return *runs_[static_cast<std::size_t>(run)]; }
  std::int64_t events_not_kept() const;  // over RunHistory::kMaxEventsKept, summed over runs

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<const RunHistory*> runs_;
  std::vector<std::size_t> seen_;  // events already in rows_, per run
  std::vector<Row> rows_;
};

}  // namespace routelab::gui
