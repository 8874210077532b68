#include "gui/sweeps/sweep_chart_panel.hpp"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "gui/sweeps/number_text.hpp"
#include "gui/sweeps/sweep_chart_view.hpp"

namespace routelab::gui {

namespace {
QString text(const std::string& s) { return QString::fromStdString(s); }
enum PointColumn { kRouterColumn, kReplicationColumn, kValueColumn, kRunIdColumn, kPointColumns };
}  // namespace

SweepChartPanel::SweepChartPanel(SweepRuns runs, QWidget* parent)
    : QWidget(parent),
      runs_(std::move(runs)),
      parameter_box_(new QComboBox(this)),
      metric_box_(new QComboBox(this)),
      slice_box_(new QComboBox(this)),
      chart_(new SweepChartView(this)),
      note_(new QLabel(this)),
      point_runs_(new QTableWidget(0, kPointColumns, this)),
      open_button_(new QPushButton("Open as run", this)) {
  for (const auto& key : runs_.parameter_keys) parameter_box_->addItem(text(key));
  for (const auto& name : runs_.metric_names) metric_box_->addItem(text(name));
  const int preferred = metric_box_->findText(kDefaultMetric);
  if (preferred >= 0) metric_box_->setCurrentIndex(preferred);
  slice_box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  point_runs_->setHorizontalHeaderLabels({"router", "replication", "value", "run id"});
  point_runs_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  point_runs_->horizontalHeader()->setStretchLastSection(true);
  point_runs_->setSelectionBehavior(QAbstractItemView::SelectRows);
  point_runs_->setSelectionMode(QAbstractItemView::SingleSelection);
  point_runs_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  open_button_->setEnabled(false);
  open_button_->setToolTip("Re-run the selected run in the main window with its exact scenario, seed and replication");

  auto* controls = new QFormLayout;
  controls->addRow("Metric", metric_box_);
  controls->addRow("Against", parameter_box_);
  controls->addRow("Other parameters at", slice_box_);
  auto* point_area = new QWidget(this);
  auto* point_layout = new QVBoxLayout(point_area);
  point_layout->setContentsMargins(0, 0, 0, 0);
  point_layout->addWidget(new QLabel("Runs at the selected point (click a point on the chart):", point_area));
  point_layout->addWidget(point_runs_, 1);
  point_layout->addWidget(open_button_, 0, Qt::AlignRight);
  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(chart_);
  splitter->addWidget(point_area);
  splitter->setStretchFactor(0, 4);
  splitter->setSizes({520, 160});  // the chart first; a point's runs are a handful of rows
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addWidget(splitter, 1);
  layout->addWidget(note_);

  connect(parameter_box_, &QComboBox::currentIndexChanged, this, [this] {
    refill_slices();
    redraw();
  });
  connect(metric_box_, &QComboBox::currentIndexChanged, this, &SweepChartPanel::redraw);
  connect(slice_box_, &QComboBox::currentIndexChanged, this, &SweepChartPanel::redraw);
  connect(chart_, &SweepChartView::point_selected, this, &SweepChartPanel::show_point);
  connect(point_runs_, &QTableWidget::itemSelectionChanged, this,
          [this] { open_button_->setEnabled(!point_runs_->selectedItems().isEmpty()); });
  connect(open_button_, &QPushButton::clicked, this, [this] {
    const auto selected = point_runs_->selectedItems();
    if (!selected.isEmpty()) emit open_run_requested(point_runs_->item(selected.front()->row(), kRunIdColumn)->text());
  });
  connect(point_runs_, &QTableWidget::cellDoubleClicked, this,
          [this](int row, int) { emit open_run_requested(point_runs_->item(row, kRunIdColumn)->text()); });
  refill_slices();
  redraw();
}

bool SweepChartPanel::choose(const QString& parameter, const QString& metric, const QString& slice) {
  const int p = parameter_box_->findText(parameter);
  const int m = metric_box_->findText(metric);
  if (p < 0 || m < 0) return false;
  parameter_box_->setCurrentIndex(p);
  metric_box_->setCurrentIndex(m);
  if (slice.isEmpty()) return true;
  const int s = slice_box_->findText(slice);
  if (s < 0) return false;
  slice_box_->setCurrentIndex(s);
  return true;
}

void SweepChartPanel::refill_slices() {
  const QSignalBlocker blocker(slice_box_);
  slice_box_->clear();
  slices_.clear();
  if (parameter_box_->currentIndex() < 0) return;
  slices_ = sweep_slices(runs_, static_cast<std::size_t>(parameter_box_->currentIndex()));
  for (const auto& slice : slices_) slice_box_->addItem(text(slice.label));
}

void SweepChartPanel::redraw() {
  point_runs_->setRowCount(0);
  open_button_->setEnabled(false);
  const int x = parameter_box_->currentIndex(), metric = metric_box_->currentIndex(), slice = slice_box_->currentIndex();
  if (x < 0 || metric < 0 || slice < 0) {
    chart_->set_data({});
    note_->setText(runs_.parameter_keys.empty() ? "This sweep has no swept parameters to chart against."
                                                : "This sweep has no numeric metrics.");
    return;
  }
  SweepChartData data = sweep_chart_data(runs_, static_cast<std::size_t>(x), static_cast<std::size_t>(metric),
                                         slices_[static_cast<std::size_t>(slice)]);
  note_->setText(data.left_out > 0 ? QString("%1 runs of this slice failed or have no value: left out").arg(data.left_out)
                                   : QString());
  chart_->set_data(std::move(data));
}

void SweepChartPanel::show_point(const SweepPointRef& ref) {
  const SweepChartData& data = chart_->data();
  const SweepSeriesPoint& point = data.series.at(ref.series).points.at(ref.point);
  const auto metric = static_cast<std::size_t>(metric_box_->currentIndex());
  point_runs_->setRowCount(static_cast<int>(point.runs.size()));
  for (int row = 0; row < static_cast<int>(point.runs.size()); ++row) {
    const SweepRun& run = runs_.runs[point.runs[static_cast<std::size_t>(row)]];
    point_runs_->setItem(row, kRouterColumn, new QTableWidgetItem(text(run.router)));
    point_runs_->setItem(row, kReplicationColumn, new QTableWidgetItem(QString::number(run.replication)));
    point_runs_->setItem(row, kValueColumn, new QTableWidgetItem(text(readable_number(run.metrics[metric]))));
    point_runs_->setItem(row, kRunIdColumn, new QTableWidgetItem(text(run.run_id)));
  }
  if (!point.runs.empty()) point_runs_->selectRow(0);
}

}  // namespace routelab::gui
