#include "gui/views/plot_stack.hpp"

#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "gui/data/series_rate.hpp"
#include "gui/data/view_csv_export.hpp"
#include "gui/views/cluster_panel.hpp"
#include "gui/views/replay_bar.hpp"
#include "gui/views/time_axis.hpp"

namespace routelab::gui {

namespace {

// Tableau's ten colours: distinct and familiar from matplotlib.
constexpr QRgb kRunColours[] = {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd,
                                0x8c564b, 0xe377c2, 0x17becf, 0x7f7f7f, 0xbcbd22};
constexpr Qt::PenStyle kExpertStyles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};

QString label_of(const RunHistory& run) { return QString::fromStdString(run.label()); }

QString expert_chart_title(ExpertChannel channel, bool any_selected) {
  const auto title = channel_title(channel);
  const QString name = QString::fromUtf8(title.data(), static_cast<int>(title.size()));
  return any_selected ? name + " of the selected experts"
                      : name + ": max over experts (select experts by typing them or clicking heatmap rows)";
}

}  // namespace

QColor run_colour(int index) { return QColor::fromRgb(kRunColours[index % std::size(kRunColours)]); }

PlotStack::PlotStack(TimeAxis& axis, QWidget* parent)
    : QWidget(parent),
      axis_(axis),
      scroll_(new QScrollArea(this)),
      outer_(new QSplitter(Qt::Vertical)),
      heatmap_splitter_(new QSplitter(Qt::Vertical)),
      cluster_panel_(new ClusterPanel(axis)),
      chart_splitter_(new QSplitter(Qt::Vertical)),
      load_chart_(new LineChartView(axis, "Load per window: max (solid), mean (dashed)")),
      drop_chart_(new LineChartView(axis, "Drop rate per window")),
      latency_chart_(new LineChartView(axis, "Latency p99 per window (ticks, tokens completed in it)")),
      expert_chart_(new LineChartView(axis, expert_chart_title(ExpertChannel::queue, false))),
      ruler_row_(new QWidget),
      ruler_(new TimeRuler(axis)),
      replay_bar_(new ReplayBar(axis)) {
  outer_->setObjectName("plot_splitter");
  outer_->setChildrenCollapsible(false);
  heatmap_splitter_->setChildrenCollapsible(false);
  chart_splitter_->setChildrenCollapsible(false);
  drop_chart_->set_percent(true);
  expert_chart_->setObjectName("expert_chart");
  charts_ = {load_chart_, drop_chart_, latency_chart_, expert_chart_};
  for (auto* chart : charts_) chart_splitter_->addWidget(chart);
  outer_->addWidget(heatmap_splitter_);
  outer_->addWidget(chart_splitter_);
  outer_->addWidget(cluster_panel_);
  // Heatmaps first: spare height goes mostly to them (the charts read well at their minimum).
  outer_->setStretchFactor(0, 3);
  outer_->setStretchFactor(1, 1);
  outer_->setStretchFactor(2, 2);
  scroll_->setObjectName("plot_scroll");
  scroll_->setWidget(outer_);
  scroll_->setWidgetResizable(true);
  scroll_->setFrameShape(QFrame::NoFrame);
  scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* ruler_layout = new QVBoxLayout(ruler_row_);
  ruler_layout->setContentsMargins(0, 0, 0, 0);
  ruler_layout->addWidget(ruler_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(scroll_, 1);
  layout->addWidget(ruler_row_);
  layout->addWidget(replay_bar_);
  connect(scroll_->verticalScrollBar(), &QScrollBar::rangeChanged, this, &PlotStack::align_ruler_with_scrolled_plots);
  connect(&axis_, &TimeAxis::changed, this, [this] {
    if (axis_.highlighted_expert() != charted_highlight_) rebuild_chart_lines();
  });
}

void PlotStack::align_ruler_with_scrolled_plots() {
  // A visible scroll bar narrows the plots: the ruler loses the same width so the axes line up.
  const bool scrolling = scroll_->verticalScrollBar()->maximum() > 0;
  const int extent = scrolling ? scroll_->verticalScrollBar()->sizeHint().width() : 0;
  ruler_row_->layout()->setContentsMargins(0, 0, extent, 0);
}

void PlotStack::set_runs(std::vector<const RunHistory*> runs) {
  for (auto* view : heatmaps_) delete view;
  heatmaps_.clear();
  runs_ = std::move(runs);
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    auto* view = new HeatmapView(axis_, *runs_[i], style_, run_colour(static_cast<int>(i)));
    view->setObjectName(QString("heatmap_%1").arg(i));
    heatmap_splitter_->addWidget(view);
    connect(view, &HeatmapView::expert_clicked, this, [this](int expert) { toggle_expert(expert); });
    heatmaps_.push_back(view);
  }
  cluster_panel_->set_runs(runs_);
  rebuild_chart_lines();
  refresh();
}

std::vector<int> PlotStack::experts_for_expert_chart() const {
  std::vector<int> experts = style_.selected_experts;
  const int highlighted = axis_.highlighted_expert();
  if (highlighted >= 0 && std::find(experts.begin(), experts.end(), highlighted) == experts.end())
    experts.push_back(highlighted);
  return experts;
}

void PlotStack::rebuild_chart_lines() {
  charted_highlight_ = axis_.highlighted_expert();
  std::vector<ChartLine> load, drops, latency, per_expert;
  std::vector<EventTrack> tracks;
  const std::vector<int> experts = experts_for_expert_chart();
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    const RunHistory& run = *runs_[i];
    const QColor colour = run_colour(static_cast<int>(i));
    const QString name = label_of(run);
    load.push_back({name + " max", colour, Qt::SolidLine, scalar_series(run, WindowScalar::max_load)});
    load.push_back({name + " mean", colour, Qt::DashLine, scalar_series(run, WindowScalar::mean_load)});
    drops.push_back({name, colour, Qt::SolidLine, scalar_series(run, WindowScalar::drop_rate)});
    latency.push_back({name, colour, Qt::SolidLine, scalar_series(run, WindowScalar::latency_p99)});
    if (experts.empty())
      per_expert.push_back({name + " max over experts", colour, Qt::SolidLine, channel_max_series(run, expert_series_)});
    for (std::size_t k = 0; k < experts.size(); ++k) {
      per_expert.push_back({QString("%1 e%2").arg(name).arg(experts[k]), colour,
                            kExpertStyles[k % std::size(kExpertStyles)], gui::expert_series(run, expert_series_, experts[k])});
    }
    tracks.push_back({&run, colour});
  }
  load_chart_->set_lines(std::move(load));
  load_chart_->set_event_tracks(std::move(tracks));
  drop_chart_->set_lines(std::move(drops));
  latency_chart_->set_lines(std::move(latency));
  expert_chart_->set_title(expert_chart_title(expert_series_, !experts.empty()));
  expert_chart_->set_percent(expert_series_ == ExpertChannel::utilization);
  expert_chart_->set_lines(std::move(per_expert));
}

void PlotStack::refresh() {
  std::int64_t extent = 0;
  float scale_max = 0;
  for (const auto* run : runs_) {
    extent = std::max(extent, run->windows());
    scale_max = std::max(scale_max, channel_rate_max(*run, style_.channel));
  }
  style_.scale_max = scale_max > 0 ? scale_max : 1.0f;
  axis_.set_extent(extent);
  for (auto* view : heatmaps_) view->update();
  for (auto* chart : charts_) chart->update();
  cluster_panel_->refresh();
  ruler_->update();
}

void PlotStack::set_channel(ExpertChannel channel) {
  style_.channel = channel;
  refresh();
}

void PlotStack::set_color_scale(ScaleKind scale) {
  style_.scale = scale;
  for (auto* view : heatmaps_) view->update();
  cluster_panel_->set_color_scale(scale);
}

void PlotStack::set_expert_series(ExpertChannel channel) {
  expert_series_ = channel;
  rebuild_chart_lines();
}

void PlotStack::set_selected_experts(std::vector<int> experts) {
  std::sort(experts.begin(), experts.end());
  experts.erase(std::unique(experts.begin(), experts.end()), experts.end());
  if (experts == style_.selected_experts) return;
  style_.selected_experts = std::move(experts);
  rebuild_chart_lines();
  for (auto* view : heatmaps_) view->update();
  emit selected_experts_changed();
}

void PlotStack::toggle_expert(int expert) {
  std::vector<int> experts = style_.selected_experts;
  const auto found = std::find(experts.begin(), experts.end(), expert);
  if (found == experts.end()) {
    experts.push_back(expert);
    axis_.set_highlighted_expert(expert);
  } else {
    experts.erase(found);
    if (axis_.highlighted_expert() == expert) axis_.set_highlighted_expert(-1);
  }
  set_selected_experts(std::move(experts));
}

std::int64_t PlotStack::frames_painted() const {
  std::int64_t frames = 0;
  for (const auto* view : heatmaps_) frames += view->frames_painted();
  for (const auto* chart : charts_) frames += chart->frames_painted();
  return frames + cluster_panel_->frames_painted();
}

QImage PlotStack::render_image() {
  QImage image(size(), QImage::Format_ARGB32_Premultiplied);
  image.fill(palette().window().color());
  render(&image);
  return image;
}

std::string PlotStack::series_csv_text() const {
  const auto first = static_cast<std::int64_t>(std::floor(axis_.first()));
  const auto last = std::min(static_cast<std::int64_t>(std::ceil(axis_.last())), axis_.limit());
  return series_csv(runs_, first, last, experts_for_expert_chart(), expert_series_);
}

std::vector<std::pair<std::string, std::string>> PlotStack::heatmap_csv_texts() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto* view : heatmaps_) out.emplace_back(view->run().label(), heatmap_csv(view->current_raster()));
  return out;
}

QByteArray PlotStack::save_layout() const { return outer_->saveState(); }
void PlotStack::restore_layout(const QByteArray& state) { outer_->restoreState(state); }

}  // namespace routelab::gui
