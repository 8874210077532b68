#include "gui/sweeps/sweep_table_model.hpp"

#include "gui/sweeps/number_text.hpp"

namespace routelab::gui {

SweepTableModel::SweepTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SweepTableModel::set_page(TablePage page) {
  beginResetModel();
  page_ = std::move(page);
  endResetModel();
}

int SweepTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(page_.rows.size());
}

int SweepTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(page_.columns.size());
}

QVariant SweepTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const CellValue& cell = page_.rows[static_cast<std::size_t>(index.row())][static_cast<std::size_t>(index.column())];
  if (role == Qt::DisplayRole) {  // 6 significant digits; the tooltip has the stored value
    if (const auto* d = std::get_if<double>(&cell)) return QString::fromStdString(readable_number(*d));
    return QString::fromStdString(cell_text(cell));
  }
  if (role == Qt::ToolTipRole) return QString::fromStdString(cell_text(cell));
  if (role == kSortRole) {
    if (const auto* i = std::get_if<std::int64_t>(&cell)) return QVariant::fromValue<qlonglong>(*i);
    if (const auto* d = std::get_if<double>(&cell)) return *d;
    return QString::fromStdString(cell_text(cell));
  }
  if (role == Qt::TextAlignmentRole && !std::holds_alternative<std::string>(cell))
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant SweepTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) return section + 1;
  return QString::fromStdString(page_.columns[static_cast<std::size_t>(section)]);
}

}  // namespace routelab::gui
