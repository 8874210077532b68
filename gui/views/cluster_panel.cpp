#include "gui/views/cluster_panel.hpp"

#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

#include "gui/data/cluster_series.hpp"
#include "gui/views/plot_stack.hpp"

namespace routelab::gui {

ClusterPanel::ClusterPanel(TimeAxis& axis, QWidget* parent)
    : QWidget(parent),
      axis_(axis),
      splitter_(new QSplitter(Qt::Vertical)),
      step_chart_(new LineChartView(axis, QString::fromUtf8("Step time per window (\u00b5s): slowest step (solid), "
                                                            "all-to-all mean (dashed)"))),
      straggler_chart_(new LineChartView(axis, "Straggler ratio per window: slowest GPU's compute / the mean GPU's")) {
  setObjectName("cluster_panel");
  step_chart_->setObjectName("cluster_step_chart");
  straggler_chart_->setObjectName("cluster_straggler_chart");
  splitter_->setChildrenCollapsible(false);
  splitter_->addWidget(step_chart_);
  splitter_->addWidget(straggler_chart_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter_);
  setVisible(false);
}

void ClusterPanel::set_runs(const std::vector<const RunHistory*>& runs) {
  for (auto* view : gpu_views_) delete view;
  for (auto* view : link_views_) delete view;
  gpu_views_.clear();
  link_views_.clear();
  runs_.clear();
  std::vector<ChartLine> steps, stragglers;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunHistory& run = *runs[i];
    if (!run.cluster()) continue;
    runs_.push_back(&run);
    const QColor colour = run_colour(static_cast<int>(i));
    const QString name = QString::fromStdString(run.label());
    auto* gpus = new ClusterHeatmapView(axis_, run, ClusterMatrix::gpu_tokens, style_, colour);
    auto* links = new ClusterHeatmapView(axis_, run, ClusterMatrix::link_busy_us, style_, colour);
    gpus->setObjectName(QString("cluster_gpus_%1").arg(i));
    links->setObjectName(QString("cluster_links_%1").arg(i));
    gpu_views_.push_back(gpus);
    link_views_.push_back(links);
    steps.push_back({name + " slowest", colour, Qt::SolidLine, cluster_series(run, ClusterLine::slowest_step_us)});
    steps.push_back({name + " all-to-all", colour, Qt::DashLine, cluster_series(run, ClusterLine::alltoall_mean_us)});
    stragglers.push_back({name, colour, Qt::SolidLine, cluster_series(run, ClusterLine::straggler_mean)});
  }
  // GPUs of every run, then links of every run, then the charts: like kinds sit together to compare.
  int index = 0;
  for (auto* view : gpu_views_) splitter_->insertWidget(index++, view);
  for (auto* view : link_views_) splitter_->insertWidget(index++, view);
  step_chart_->set_lines(std::move(steps));
  straggler_chart_->set_lines(std::move(stragglers));
  rows_known_ = -1;
  setVisible(has_runs());
  refresh();
}

void ClusterPanel::refresh() {
  float gpu_max = 0, link_max = 0;
  int rows = 0;
  for (const RunHistory* run : runs_) {
    const ClusterHistory& cluster = *run->cluster();
    if (!cluster.has_layout()) continue;
    gpu_max = std::max(gpu_max, cluster.matrix(ClusterMatrix::gpu_tokens).max_value());
    link_max = std::max(link_max, cluster.matrix(ClusterMatrix::link_busy_us).max_value());
    rows += cluster.gpus() + cluster.links();
  }
  style_.gpu_max = gpu_max > 0 ? gpu_max : 1.0f;
  style_.link_max = link_max > 0 ? link_max : 1.0f;
  if (rows != rows_known_) {  // the topology arrived: the views ask for their rows' height
    rows_known_ = rows;
    for (auto* view : gpu_views_) view->updateGeometry();
    for (auto* view : link_views_) view->updateGeometry();
  }
  for (auto* view : gpu_views_) view->update();
  for (auto* view : link_views_) view->update();
  step_chart_->update();
  straggler_chart_->update();
}

void ClusterPanel::set_color_scale(ScaleKind scale) {
  style_.scale = scale;
  refresh();
}

std::int64_t ClusterPanel::frames_painted() const {
  std::int64_t frames = step_chart_->frames_painted() + straggler_chart_->frames_painted();
  for (const auto* view : gpu_views_) frames += view->frames_painted();
  for (const auto* view : link_views_) frames += view->frames_painted();
  return frames;
}

}  // namespace routelab::gui
