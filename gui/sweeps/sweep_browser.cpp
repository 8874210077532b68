#include "gui/sweeps/sweep_browser.hpp"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>

#include "gui/sweeps/sqlite_catalog.hpp"
#include "gui/sweeps/sweep_chart_panel.hpp"
#include "gui/sweeps/sweep_runs.hpp"
#include "gui/sweeps/sweep_table_model.hpp"

namespace routelab::gui {

SweepBrowser::SweepBrowser(std::unique_ptr<SqliteCatalog> catalog, QWidget* parent)
    : QDialog(parent),
      catalog_(std::move(catalog)),
      tables_(new QListWidget(this)),
      view_(new QTableView(this)),
      filter_(new QLineEdit(this)),
      status_(new QLabel(this)),
      model_(new SweepTableModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      open_row_(new QPushButton("Open selected run as run", this)),
      tabs_(new QTabWidget(this)) {
  setWindowTitle("Sweep results - " + QString::fromStdString(catalog_->path()));
  resize(1100, 720);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(SweepTableModel::kSortRole);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  view_->setModel(proxy_);
  view_->setSortingEnabled(true);
  view_->horizontalHeader()->setStretchLastSection(true);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->horizontalHeader()->setTextElideMode(Qt::ElideNone);  // full column names, never "routing.capa..."
  open_row_->setEnabled(false);
  open_row_->setToolTip("Re-run this row in the main window with its exact scenario, seed and replication");
  filter_->setPlaceholderText("filter rows (any column)");
  filter_->setClearButtonEnabled(true);
  connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

  for (const TableInfo& table : catalog_->tables()) {
    auto* item = new QListWidgetItem(QString("%1 (%2 rows)").arg(QString::fromStdString(table.name)).arg(table.rows), tables_);
    item->setData(Qt::UserRole, QString::fromStdString(table.name));
    QStringList columns;
    for (const ColumnInfo& column : table.columns)
      columns << QString::fromStdString(column.name + (column.declared_type.empty() ? "" : " " + column.declared_type));
    item->setToolTip(columns.join("\n"));
  }
  connect(tables_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (item) show_table(item->data(Qt::UserRole).toString());
  });

  auto* right = new QWidget(this);
  auto* right_layout = new QVBoxLayout(right);
  right_layout->setContentsMargins(0, 0, 0, 0);
  right_layout->addWidget(filter_);
  right_layout->addWidget(view_, 1);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(status_, 1);
  bottom->addWidget(open_row_);
  right_layout->addLayout(bottom);
  auto* splitter = new QSplitter(this);
  splitter->addWidget(tables_);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 4);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(tabs_);
  const QString database = QString::fromStdString(catalog_->path());
  if (is_sweep_database(*catalog_)) {
    try {
      chart_panel_ = new SweepChartPanel(load_sweep_runs(*catalog_), this);
      tabs_->addTab(chart_panel_, "Chart");
      connect(chart_panel_, &SweepChartPanel::open_run_requested, this,
              [this, database](const QString& run_id) { emit open_run_requested(database, run_id); });
    } catch (const std::exception& e) {
      status_->setText(QString("no chart: %1").arg(QString::fromStdString(e.what())));
    }
  }
  tabs_->addTab(splitter, "Tables");
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          [this] { open_row_->setEnabled(!selected_run_id().isEmpty()); });
  connect(open_row_, &QPushButton::clicked, this, [this, database] {
    const QString run_id = selected_run_id();
    if (!run_id.isEmpty()) emit open_run_requested(database, run_id);
  });

  if (catalog_->tables().empty()) status_->setText("This database has no tables.");
  const auto runs = catalog_->runs_table();
  const std::string initial = runs ? *runs : (catalog_->tables().empty() ? "" : catalog_->tables().front().name);
  for (int i = 0; i < tables_->count(); ++i)
    if (tables_->item(i)->data(Qt::UserRole).toString().toStdString() == initial) tables_->setCurrentRow(i);
}

SweepBrowser::~SweepBrowser() = default;

void SweepBrowser::show_table(const QString& name) {
  current_table_ = name;
  open_row_->setEnabled(false);
  try {
    TablePage page = catalog_->read(name.toStdString(), kRowLimit);
    const auto* info = catalog_->find_table(name.toStdString());
    const auto shown = static_cast<qint64>(page.rows.size());
    model_->set_page(std::move(page));
    view_->resizeColumnsToContents();  // headers and values in full (Qt samples the first 1000 rows)
    status_->setText(info && info->rows > shown ? QString("showing the first %1 of %2 rows").arg(shown).arg(info->rows)
                                               : QString("%1 rows").arg(shown));
  } catch (const std::exception& e) {
    model_->set_page({});
    status_->setText(QString::fromStdString(e.what()));
  }
}

QString SweepBrowser::selected_run_id() const {
  const auto rows = view_->selectionModel()->selectedRows();
  // Only the runs table's rows are runs (the windows table repeats a run id per window).
  if (rows.isEmpty() || chart_panel_ == nullptr || current_table_ != "runs") return {};
  const auto& columns = model_->page().columns;
  const auto at = std::find(columns.begin(), columns.end(), "run_id");
  if (at == columns.end()) return {};
  const int column = static_cast<int>(at - columns.begin());
  const QModelIndex cell = proxy_->index(rows.front().row(), column);
  return proxy_->data(cell, Qt::ToolTipRole).toString();
}

}  // namespace routelab::gui
