#pragma once
// Sorting and filtering of the overload event table: free text (router or cause), one router, one
// expert, a minimum peak. Sorting is numeric. Both read the events directly instead of through
// QVariant data(): a table of 1,000,000 events sorts and filters in about a second, not minutes.
#include <QSortFilterProxyModel>

#include <vector>

namespace routelab::gui {

class OverloadEventModel;

class EventFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit EventFilterProxy(QObject* parent = nullptr);
  void setSourceModel(QAbstractItemModel* model) override;  // must be an OverloadEventModel

  void set_text(const QString& text);   // substring of router or cause, case-insensitive
  void set_run(int run);                // -1: every run
  void set_expert(int expert);          // -1: every expert
  void set_minimum_peak(qint64 peak);   // 0: no minimum

 protected:
  bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

 private:
  void match_text();  // which runs and causes the text matches, once per change
  void refilter();

  const OverloadEventModel* events_ = nullptr;
  QString text_;
  std::vector<bool> run_matches_;
  bool cause_matches_[2] = {true, true};
  int run_ = -1;
  int expert_ = -1;
  qint64 minimum_peak_ = 0;
};

}  // namespace routelab::gui
