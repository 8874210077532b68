#pragma once
// Run controls: run, pause, step one batch, fast (no repaint until done), run until the next
// overload, and the speed limit in batches per second (log scale; the top end is "no limit").
#include <QToolBar>

class QAction;
class QLabel;
class QSlider;

namespace routelab::gui {

enum class GroupState;

class RunToolbar : public QToolBar {
  Q_OBJECT

 public:
  static constexpr int kSpeedSteps = 40;           // 10 steps per decade: 1 .. 10^4 batches/s, then max
  static constexpr int kDefaultSpeedPosition = 20;  // 100 batches/s: the default scenario in 2 s

  explicit RunToolbar(QWidget* parent = nullptr);

  QAction* run_action() const { return run_; }
  QAction* pause_action() const { return pause_; }
  QAction* step_action() const { return step_; }
  QAction* fast_action() const { return fast_; }
  QAction* until_overload_action() const { return until_overload_; }
  QAction* reset_action() const { return reset_; }
  QSlider* speed_slider() const { return speed_; }

  double batches_per_second() const;  // 0: no limit
  static double batches_per_second_at(int position);
  void set_state(bool has_group, GroupState state);

 signals:
  void speed_changed(double batches_per_second);

 private:
  void update_speed_label();

  QAction* run_;
  QAction* pause_;
  QAction* step_;
  QAction* fast_;
  QAction* until_overload_;
  QAction* reset_;
  QSlider* speed_;
  QLabel* speed_label_;
};

}  // namespace routelab::gui
