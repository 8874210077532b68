#include "gui/sweeps/sweep_browser.hpp"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <exception>

#include "gui/sweeps/sqlite_catalog.hpp"
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
      proxy_(new QSortFilterProxyModel(this)) {
  setWindowTitle("Sweep results - " + QString::fromStdString(catalog_->path()));
  resize(1000, 600);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(SweepTableModel::kSortRole);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  view_->setModel(proxy_);
  view_->setSortingEnabled(true);
  view_->horizontalHeader()->setStretchLastSection(true);
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
  right_layout->addWidget(status_);
  auto* splitter = new QSplitter(this);
  splitter->addWidget(tables_);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 4);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(splitter);

  if (catalog_->tables().empty()) status_->setText("This database has no tables.");
  const auto runs = catalog_->runs_table();
  const std::string initial = runs ? *runs : (catalog_->tables().empty() ? "" : catalog_->tables().front().name);
  for (int i = 0; i < tables_->count(); ++i)
    if (tables_->item(i)->data(Qt::UserRole).toString().toStdString() == initial) tables_->setCurrentRow(i);
}

SweepBrowser::~SweepBrowser() = default;

void SweepBrowser::show_table(const QString& name) {
  try {
    TablePage page = catalog_->read(name.toStdString(), kRowLimit);
    const auto* info = catalog_->find_table(name.toStdString());
    const auto shown = static_cast<qint64>(page.rows.size());
    model_->set_page(std::move(page));
    status_->setText(info && info->rows > shown ? QString("showing the first %1 of %2 rows").arg(shown).arg(info->rows)
                                               : QString("%1 rows").arg(shown));
  } catch (const std::exception& e) {
    model_->set_page({});
    status_->setText(QString::fromStdString(e.what()));
  }
}

}  // namespace routelab::gui
