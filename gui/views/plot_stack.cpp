#include "gui/views/plot_stack.hpp"

#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "gui/data/view_csv_export.hpp"
#include "gui/views/replay_bar.hpp"
#include "gui/views/time_axis.hpp"

namespace routelab::gui {

namespace {

// Tableau's ten colours: distinct and familiar from matplotlib.
constexpr QRgb kRunColours[] = {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd,
                                0x8c564b, 0xe377c2, 0x17becf, 0x7f7f7f, 0xbcbd22};
constexpr Qt::PenStyle kExpertStyles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};

QString label_of(const RunHistory& run) { return QString::fromStdString(run.label()); }

}  // namespace

QColor run_colour(int index) { return QColor::fromRgb(kRunColours[index % std::size(kRunColours)]); }

PlotStack::PlotStack(TimeAxis& axis, QWidget* parent)
    : QWidget(parent),
      axis_(axis),
      outer_(new QSplitter(Qt::Vertical, this)),
      heatmap_splitter_(new QSplitter(Qt::Vertical)),
      chart_splitter_(new QSplitter(Qt::Vertical)),
      load_chart_(new LineChartView(axis, "Load per window: max (solid), mean (dashed)")),
      drop_chart_(new LineChartView(axis, "Drop rate per window")),
      latency_chart_(new LineChartView(axis, "Latency p99 per window (ticks, tokens completed in it)")),
      queue_chart_(new LineChartView(axis, "Queue length (peak per window)")),
      ruler_(new TimeRuler(axis)),
      replay_bar_(new ReplayBar(axis)) {
  outer_->setObjectName("plot_splitter");
  outer_->setChildrenCollapsible(false);
  heatmap_splitter_->setChildrenCollapsible(false);
  chart_splitter_->setChildrenCollapsible(false);
  drop_chart_->set_percent(true);
  charts_ = {load_chart_, drop_chart_, latency_chart_, queue_chart_};
  for (auto* chart : charts_) chart_splitter_->addWidget(chart);
  outer_->addWidget(heatmap_splitter_);
  outer_->addWidget(chart_splitter_);
  outer_->setStretchFactor(0, 3);
  outer_->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(outer_, 1);
  layout->addWidget(ruler_);
  layout->addWidget(replay_bar_);
  connect(&axis_, &TimeAxis::changed, this, [this] {
    if (axis_.highlighted_expert() != charted_highlight_) rebuild_chart_lines();
  });
}

void PlotStack::set_runs(std::vector<const RunHistory*> runs) {
  for (auto* view : heatmaps_) delete view;
  heatmaps_.clear();
  runs_ = std::move(runs);
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    auto* view = new HeatmapView(axis_, *runs_[i], style_, run_colour(static_cast<int>(i)));
    view->setObjectName(QString("heatmap_%1").arg(i));
    heatmap_splitter_->addWidget(view);
    heatmaps_.push_back(view);
  }
  rebuild_chart_lines();
  refresh();
}

std::vector<int> PlotStack::experts_for_queue_chart() const {
  std::vector<int> experts = selected_experts_;
  const int highlighted = axis_.highlighted_expert();
  if (highlighted >= 0 && std::find(experts.begin(), experts.end(), highlighted) == experts.end())
    experts.push_back(highlighted);
  return experts;
}

void PlotStack::rebuild_chart_lines() {
  charted_highlight_ = axis_.highlighted_expert();
  std::vector<ChartLine> load, drops, latency, queue;
  std::vector<EventTrack> tracks;
  const std::vector<int> experts = experts_for_queue_chart();
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    const RunHistory& run = *runs_[i];
    const QColor colour = run_colour(static_cast<int>(i));
    const QString name = label_of(run);
    load.push_back({name + " max", colour, Qt::SolidLine, scalar_series(run, WindowScalar::max_load)});
    load.push_back({name + " mean", colour, Qt::DashLine, scalar_series(run, WindowScalar::mean_load)});
    drops.push_back({name, colour, Qt::SolidLine, scalar_series(run, WindowScalar::drop_rate)});
    latency.push_back({name, colour, Qt::SolidLine, scalar_series(run, WindowScalar::latency_p99)});
    if (experts.empty()) {
      queue.push_back({name + " max over experts", colour, Qt::SolidLine, scalar_series(run, WindowScalar::max_queue)});
    }
    for (std::size_t k = 0; k < experts.size(); ++k) {
      queue.push_back({QString("%1 e%2").arg(name).arg(experts[k]), colour, kExpertStyles[k % std::size(kExpertStyles)],
                       expert_series(run, ExpertChannel::queue, experts[k])});
    }
    tracks.push_back({&run, colour});
  }
  load_chart_->set_lines(std::move(load));
  load_chart_->set_event_tracks(std::move(tracks));
  drop_chart_->set_lines(std::move(drops));
  latency_chart_->set_lines(std::move(latency));
  queue_chart_->set_lines(std::move(queue));
}

void PlotStack::refresh() {
  std::int64_t extent = 0;
  float scale_max = 0;
  for (const auto* run : runs_) {
    extent = std::max(extent, run->windows());
    scale_max = std::max(scale_max, run->channel(style_.channel).max_value());
  }
  style_.scale_max = scale_max > 0 ? scale_max : 1.0f;
  axis_.set_extent(extent);
  for (auto* view : heatmaps_) view->update();
  for (auto* chart : charts_) chart->update();
  ruler_->update();
}

void PlotStack::set_channel(ExpertChannel channel) {
  style_.channel = channel;
  refresh();
}

void PlotStack::set_selected_experts(std::vector<int> experts) {
  selected_experts_ = std::move(experts);
  rebuild_chart_lines();
}

std::int64_t PlotStack::frames_painted() const {
  std::int64_t frames = 0;
  for (const auto* view : heatmaps_) frames += view->frames_painted();
  for (const auto* chart : charts_) frames += chart->frames_painted();
  return frames;
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
  return series_csv(runs_, first, last, experts_for_queue_chart());
}

std::vector<std::pair<std::string, std::string>> PlotStack::heatmap_csv_texts() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto* view : heatmaps_) out.emplace_back(view->run().label(), heatmap_csv(view->current_raster()));
  return out;
}

QByteArray PlotStack::save_layout() const { return outer_->saveState(); }
void PlotStack::restore_layout(const QByteArray& state) { outer_->restoreState(state); }

}  // namespace routelab::gui
