#pragma once
// The scrubber under the plots: drag to show the run only up to a window (the views clip there),
// Play to replay it, Live to follow the data again.
#include <QTimer>
#include <QWidget>

class QLabel;
class QSlider;
class QToolButton;

namespace routelab::gui {

class TimeAxis;

class ReplayBar : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kReplayTickMs = 33;       // ~30 frames/s
  static constexpr int kReplayTicksPerRun = 300;  // a whole replay takes ~10 s whatever the run length

  explicit ReplayBar(TimeAxis& axis, QWidget* parent = nullptr);

  QSlider* slider() const { return slider_; }
  bool playing() const { return timer_.isActive(); }
  void play();
  void stop();

 private:
  void sync_from_axis();
  void advance();

  TimeAxis& axis_;
  QToolButton* play_button_;
  QToolButton* live_button_;
  QSlider* slider_;
  QLabel* position_;
  QTimer timer_;
  bool syncing_ = false;
};

}  // namespace routelab::gui
