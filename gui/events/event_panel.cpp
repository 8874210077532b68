#include "gui/events/event_panel.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include "gui/events/event_filter_proxy.hpp"
#include "gui/events/overload_event_model.hpp"
#include "gui/views/time_axis.hpp"

namespace routelab::gui {

EventPanel::EventPanel(OverloadEventModel& model, TimeAxis& axis, QWidget* parent)
    : QWidget(parent),
      model_(model),
      axis_(axis),
      proxy_(new EventFilterProxy(this)),
      table_(new QTableView(this)),
      text_filter_(new QLineEdit(this)),
      run_filter_(new QComboBox(this)),
      expert_filter_(new QSpinBox(this)),
      peak_filter_(new QSpinBox(this)),
      count_(new QLabel(this)),
      export_button_(new QPushButton("Export CSV...", this)) {
  proxy_->setSourceModel(&model_);
  table_->setObjectName("event_table");
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(OverloadEventModel::start_column, Qt::AscendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->setVisible(false);
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 4);
  table_->horizontalHeader()->setStretchLastSection(true);
  const QFontMetrics metrics = table_->fontMetrics();
  const int pad = 3 * metrics.averageCharWidth();
  table_->setColumnWidth(OverloadEventModel::run_column, metrics.horizontalAdvance("power_of_two") + pad);
  table_->setColumnWidth(OverloadEventModel::expert_column, metrics.horizontalAdvance("Expert") + pad);
  table_->setColumnWidth(OverloadEventModel::cause_column, metrics.horizontalAdvance("arrivals_above_capacity") + pad);
  for (const int column : {OverloadEventModel::start_column, OverloadEventModel::end_column})
    table_->setColumnWidth(column, metrics.horizontalAdvance("Start (tick) 0000000") + 2 * pad);
  table_->setColumnWidth(OverloadEventModel::duration_column, metrics.horizontalAdvance("Duration (ticks)") + 2 * pad);

  text_filter_->setPlaceholderText("filter: router or cause");
  text_filter_->setClearButtonEnabled(true);
  run_filter_->addItem("all routers");
  expert_filter_->setRange(-1, 1 << 20);
  expert_filter_->setValue(-1);
  expert_filter_->setSpecialValueText("any expert");
  expert_filter_->setPrefix("expert ");
  peak_filter_->setRange(0, 1 << 30);
  peak_filter_->setPrefix("peak >= ");

  auto* filters = new QHBoxLayout;
  filters->addWidget(text_filter_, 2);
  filters->addWidget(run_filter_, 1);
  filters->addWidget(expert_filter_);
  filters->addWidget(peak_filter_);
  filters->addWidget(count_);
  export_button_->setObjectName("export_events_button");
  export_button_->setToolTip("Write the events as the table shows them (filters and sort applied) to a CSV file");
  filters->addWidget(export_button_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(filters);
  layout->addWidget(table_, 1);

  connect(text_filter_, &QLineEdit::textChanged, proxy_, &EventFilterProxy::set_text);
  connect(run_filter_, &QComboBox::currentIndexChanged, this, [this](int index) { proxy_->set_run(index - 1); });
  connect(expert_filter_, &QSpinBox::valueChanged, proxy_, &EventFilterProxy::set_expert);
  connect(peak_filter_, &QSpinBox::valueChanged, this, [this](int peak) { proxy_->set_minimum_peak(peak); });
  connect(export_button_, &QPushButton::clicked, this, &EventPanel::export_requested);
  connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) { jump_to_proxy_row(index.row()); });
  connect(table_, &QTableView::activated, this, [this](const QModelIndex& index) { jump_to_proxy_row(index.row()); });
  for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
    connect(proxy_, signal, this, &EventPanel::update_count);
  connect(proxy_, &QAbstractItemModel::modelReset, this, &EventPanel::update_count);
  connect(proxy_, &QAbstractItemModel::layoutChanged, this, &EventPanel::update_count);
  update_count();
}

void EventPanel::set_run_names(const QStringList& names) {
  run_filter_->blockSignals(true);
  run_filter_->clear();
  run_filter_->addItem("all routers");
  run_filter_->addItems(names);
  run_filter_->blockSignals(false);
  proxy_->set_run(-1);
}

void EventPanel::jump_to_proxy_row(int proxy_row) {
  const QModelIndex source = proxy_->mapToSource(proxy_->index(proxy_row, 0));
  if (!source.isValid()) return;
  const int row = source.row();
  const double window = model_.start_window_at(row);
  const int expert = model_.event_at(row).expert;
  axis_.jump_to(window, expert);
  emit event_chosen(model_.run_at(row), expert, window);
}

std::vector<int> EventPanel::shown_rows() const {
  std::vector<int> rows;
  rows.reserve(static_cast<std::size_t>(proxy_->rowCount()));
  for (int r = 0; r < proxy_->rowCount(); ++r) rows.push_back(proxy_->mapToSource(proxy_->index(r, 0)).row());
  return rows;
}

void EventPanel::update_count() {
  QString text = QString("%1 of %2 events").arg(proxy_->rowCount()).arg(model_.rowCount());
  if (model_.events_not_kept() > 0) text += QString(" (%1 more not kept)").arg(model_.events_not_kept());
  count_->setText(text);
}

}  // namespace routelab::gui
