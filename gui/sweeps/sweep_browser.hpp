#pragma once
// File > Open sweep database. A routelab sweep database opens on its Chart tab (sweep_chart_panel:
// a metric against a swept parameter, per router, with CI bands); the Tables tab shows any SQLite
// file's tables on the left and the selected table's rows on the right (sortable, filterable,
// numbers to 6 significant digits, full headers). A run of the chart or of the runs table can be
// opened as a run in the main window (open_run_requested).
#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace routelab::gui {

class SqliteCatalog;
class SweepChartPanel;
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
  QTabWidget* tabs() const { return tabs_; }
  SweepChartPanel* chart_panel() const { return chart_panel_; }  // null unless a routelab sweep database
  QPushButton* open_row_button() const { return open_row_; }

 signals:
  void open_run_requested(const QString& database, const QString& run_id);

 private:
  QString selected_run_id() const;  // the runs table's selected row, if any

  std::unique_ptr<SqliteCatalog> catalog_;
  QListWidget* tables_;
  QTableView* view_;
  QLineEdit* filter_;
  QLabel* status_;
  SweepTableModel* model_;
  QSortFilterProxyModel* proxy_;
  QPushButton* open_row_;
  QTabWidget* tabs_;
  SweepChartPanel* chart_panel_ = nullptr;
  QString current_table_;
};

}  // namespace routelab::gui
