#pragma once
// Sorting and filtering of the overload event table: free text (router or cause), one router, one
// expert, a minimum peak. Sorting is numeric through OverloadEventModel::kSortRole.
#include <QSortFilterProxyModel>

namespace routelab::gui {

class EventFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit EventFilterProxy(QObject* parent = nullptr);

  void set_text(const QString& text);   // substring of router or cause, case-insensitive
  void set_run(int run);                // -1: every run
  void set_expert(int expert);          // -1: every expert
  void set_minimum_peak(qint64 peak);   // 0: no minimum

 protected:
  bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;

 private:
  QString text_;
  int run_ = -1;
  int expert_ = -1;
  qint64 minimum_peak_ = 0;
};

}  // namespace routelab::gui
