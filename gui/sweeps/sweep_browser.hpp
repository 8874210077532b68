#pragma once
// File > Open sweep database: the tables of a results file on the left, the selected table's rows
// on the right (sortable, filterable). Opens on the runs table when one is recognized.
#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QSortFilterProxyModel;
class QTableView;

namespace routelab::gui {

class SqliteCatalog;
class SweepTableModel;

class SweepBrowser : public QDialog {
  Q_OBJECT

 public:
  // Rows shown per table: enough to browse a large sweep, bounded so a huge table cannot stall the UI.
  static constexpr std::int64_t kRowLimit = 100000;

  explicit SweepBrowser(std::unique_ptr<SqliteCatalog> catalog, QWidget* parent = nullptr);
  ~SweepBrowser() override;

  void show_table(const QString& name);
  QListWidget* table_list() const { return tables_; }
  QTableView* table_view() const { return view_; }
  SweepTableModel* model() const { return model_; }

 private:
  std::unique_ptr<SqliteCatalog> catalog_;
  QListWidget* tables_;
  QTableView* view_;
  QLineEdit* filter_;
  QLabel* status_;
  SweepTableModel* model_;
  QSortFilterProxyModel* proxy_;
};

}  // namespace routelab::gui
