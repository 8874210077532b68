#pragma once
// Line charts on the shared time axis. Each pixel column draws the min..max envelope of the
// windows it covers (PlotJuggler-style), so a 100,000-window series costs one line per pixel.
#include <QColor>
#include <QString>

#include <memory>
#include <vector>

#include "gui/data/run_history.hpp"
#include "gui/data/series_source.hpp"
#include "gui/views/time_view.hpp"

namespace routelab::gui {

struct AxisLabel {
  double y = 0;  // baseline, kept inside the widget
  QString text;
};

struct ChartLine {
  QString label;
  QColor colour;
  Qt::PenStyle style = Qt::SolidLine;
  std::shared_ptr<const SeriesSource> source;
};

// Overload events of one run, drawn as ticks along the chart's bottom edge.
struct EventTrack {
  const RunHistory* run = nullptr;
  QColor colour;
};

class LineChartView : public TimeView {
  Q_OBJECT

 public:
  static constexpr int kMaxEventTicks = 5000;  // per run and frame; beyond it one tick per pixel

  LineChartView(TimeAxis& axis, QString title, QWidget* parent = nullptr);

  // A line of a per-window count (SeriesSource::per_window_count) is kept as its rate
  // (series_rate.hpp), so lines() returns what the chart draws.
  void set_lines(std::vector<ChartLine> lines);
  void set_event_tracks(std::vector<EventTrack> tracks);
  void set_percent(bool percent) { percent_ = percent; }
  void set_title(QString title) { title_ = std::move(title); update(); }
  const std::vector<ChartLine>& lines() const { return lines_; }
  const QString& title() const { return title_; }
  // The value labels as painted at the current size (a squeezed chart keeps every other one).
  std::vector<AxisLabel> value_axis_labels() const;
  // Where the latest line's data ends, in windows, and the windows shown (up to the replay limit):
  // the chart hatches [data_end_window(), data_windows()), the rest of a partial last window.
  double data_end_window() const;
  std::int64_t data_windows() const;
  // What the chart hatches on screen: that, and the rest of each layer's partial last window,
  // where no line has data.
  std::vector<UncoveredSpan> uncovered() const;

  QSize minimumSizeHint() const override { return {320, 60}; }

 protected:
  int top_margin() const override { return 16; }
  void paint_content(QPainter& painter) override;

 private:
  double visible_maximum() const;
  void paint_line(QPainter& painter, const QRect& plot, const ChartLine& line, double y_max) const;
  void paint_value_axis(QPainter& painter, const QRect& plot, double y_max) const;
  std::vector<double> value_ticks(const QRect& plot, double y_max) const;
  std::vector<AxisLabel> value_labels(const QRect& plot, double y_max) const;
  double padded_maximum() const;
  void paint_legend(QPainter& painter, const QRect& plot) const;
  void paint_event_tracks(QPainter& painter, const QRect& plot) const;
  QString format_value(double value) const;

  QString title_;
  std::vector<ChartLine> lines_;
  std::vector<EventTrack> tracks_;
  bool percent_ = false;
};

// The labelled time scale under the stack.
class TimeRuler : public TimeView {
  Q_OBJECT

 public:
  explicit TimeRuler(TimeAxis& axis, QWidget* parent = nullptr);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override { return sizeHint(); }

 protected:
  void paint_content(QPainter& painter) override;
};

}  // namespace routelab::gui
