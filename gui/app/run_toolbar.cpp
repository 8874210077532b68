#include "gui/app/run_toolbar.hpp"

#include <QAction>
#include <QLabel>
#include <QSlider>

#include <cmath>

#include "gui/run/run_group.hpp"

namespace routelab::gui {

RunToolbar::RunToolbar(QWidget* parent)
    : QToolBar("Run controls", parent),
      run_(addAction("Run")),
      pause_(addAction("Pause")),
      step_(addAction("Step")),
      fast_(addAction("Fast")),
      until_overload_(addAction("Until overload")),
      reset_(addAction("New run")),
      speed_(new QSlider(Qt::Horizontal, this)),
      speed_label_(new QLabel(this)) {
  setObjectName("run_toolbar");
  run_->setShortcut(QKeySequence("F5"));
  run_->setToolTip("Run (F5): batches at the speed limit, repainting ~30 times a second");
  pause_->setShortcut(QKeySequence("F6"));
  pause_->setToolTip("Pause (F6)");
  step_->setShortcut(QKeySequence("F10"));
  step_->setToolTip("Step one batch in every run (F10)");
  fast_->setToolTip("Fast: run to the end without the speed limit or repaints, then show everything");
  until_overload_->setToolTip("Run until any router reports the next overload event, then pause all");
  reset_->setToolTip("Discard the current runs; the next Run starts again from the selection");
  addSeparator();
  addWidget(new QLabel(" Speed ", this));
  speed_->setObjectName("speed_slider");
  speed_->setRange(0, kSpeedSteps);
  speed_->setValue(kDefaultSpeedPosition);
  speed_->setFixedWidth(140);
  speed_->setToolTip("Speed limit in batches per second (rightmost: no limit)");
  addWidget(speed_);
  speed_label_->setMinimumWidth(110);
  addWidget(speed_label_);
  connect(speed_, &QSlider::valueChanged, this, [this] {
    update_speed_label();
    emit speed_changed(batches_per_second());
  });
  update_speed_label();
}

double RunToolbar::batches_per_second_at(int position) {
  if (position >= kSpeedSteps) return 0;
  return std::pow(10.0, position / 10.0);
}

double RunToolbar::batches_per_second() const { return batches_per_second_at(speed_->value()); }

void RunToolbar::update_speed_label() {
  const double rate = batches_per_second();
  speed_label_->setText(rate <= 0 ? " no limit" : QString(" %1 batches/s").arg(rate, 0, 'g', 3));
}

void RunToolbar::set_state(bool has_group, GroupState state) {
  // A finished or failed group is replaced by the next Run/Step/Fast, so those stay enabled.
  const bool running = has_group && state == GroupState::running;
  run_->setEnabled(!running);
  pause_->setEnabled(running);
  step_->setEnabled(!running);
  reset_->setEnabled(has_group);
}

}  // namespace routelab::gui
