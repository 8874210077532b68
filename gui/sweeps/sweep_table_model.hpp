#pragma once
// One page of a results table as a Qt model; numbers sort as numbers (through the sort role).
#include <QAbstractTableModel>

#include "gui/sweeps/sqlite_catalog.hpp"

namespace routelab::gui {

class SweepTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  static constexpr int kSortRole = Qt::UserRole;

  explicit SweepTableModel(QObject* parent = nullptr);
  void set_page(TablePage page);
  const TablePage& page() const { return page_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  TablePage page_;
};

}  // namespace routelab::gui
