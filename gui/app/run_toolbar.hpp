#pragma once
// Run controls: run, pause, step one batch, fast (no repaint until done), run until the next
// overload, the speed limit in batches per second (log scale; the top end is "no limit"), and
// the run settings: the views' window length, the seed and the replication (changing one starts
// a fresh run).
#include <QToolBar>

#include "gui/run/run_settings.hpp"

class QAction;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;

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

  QSpinBox* window_box() const { return window_box_; }
  QLineEdit* seed_edit() const { return seed_edit_; }
  QSpinBox* replication_box() const { return replication_box_; }

  double batches_per_second() const;  // 0: no limit
  RunSettings run_settings() const;
  void set_run_settings(const RunSettings& settings);  // emits nothing
  // Shows the window length a run actually uses (the default resolved for its scenario).
  void show_window_in_use(Tick window_ticks);
  static double batches_per_second_at(int position);
  void set_state(bool has_group, GroupState state);

 signals:
  void speed_changed(double batches_per_second);
  void run_settings_changed();  // a person changed the window length, the seed or the replication

 private:
  void update_speed_label();
  void add_run_settings();

  QAction* run_;
  QAction* pause_;
  QAction* step_;
  QAction* fast_;
  QAction* until_overload_;
  QAction* reset_;
  QSlider* speed_;
  QLabel* speed_label_;
  QSpinBox* window_box_ = nullptr;
  QLineEdit* seed_edit_ = nullptr;
  QSpinBox* replication_box_ = nullptr;
};

}  // namespace routelab::gui
