#include "gui/app/run_toolbar.hpp"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <cmath>
#include <limits>

#include "gui/run/run_group.hpp"

namespace routelab::gui {

namespace {
// A spin box holds an int; a window longer than 2^31 ticks would give no useful plot anyway
// (--window-ticks takes any length up to the engine's limit).
constexpr int kMaxWindowBoxTicks = std::numeric_limits<int>::max();
}  // namespace

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
  add_run_settings();
}

void RunToolbar::add_run_settings() {
  addSeparator();
  addWidget(new QLabel(" Window ", this));
  window_box_ = new QSpinBox(this);
  window_box_->setObjectName("window_box");
  window_box_->setRange(0, kMaxWindowBoxTicks);
  window_box_->setSpecialValueText("auto");
  window_box_->setSuffix(" ticks");
  window_box_->setToolTip("Length of the views' windows in ticks; auto: the batch interval, finer for short runs "
                          "(at least 200 windows). Only the views change: results equal `routelab compare`'s");
  addWidget(window_box_);
  addWidget(new QLabel(" Seed ", this));
  seed_edit_ = new QLineEdit(this);
  seed_edit_->setObjectName("seed_edit");
  seed_edit_->setPlaceholderText("scenario's");
  seed_edit_->setValidator(new QRegularExpressionValidator(QRegularExpression("\\d{0,20}"), seed_edit_));
  seed_edit_->setMaximumWidth(110);
  seed_edit_->setToolTip("Master seed (as routelab compare --seed); empty: the scenario's own");
  addWidget(seed_edit_);
  addWidget(new QLabel(" Replication ", this));
  replication_box_ = new QSpinBox(this);
  replication_box_->setObjectName("replication_box");
  replication_box_->setRange(0, std::numeric_limits<int>::max());
  replication_box_->setToolTip("Replication index: the token stream's stream (as in routelab compare's replications)");
  addWidget(replication_box_);
  connect(window_box_, &QSpinBox::editingFinished, this, [this] { emit run_settings_changed(); });
  connect(seed_edit_, &QLineEdit::editingFinished, this, [this] { emit run_settings_changed(); });
  connect(replication_box_, &QSpinBox::editingFinished, this, [this] { emit run_settings_changed(); });
}

RunSettings RunToolbar::run_settings() const {
  RunSettings settings;
  settings.window_ticks = window_box_->value();
  bool ok = false;
  const qulonglong seed = seed_edit_->text().toULongLong(&ok);
  if (ok) settings.seed = seed;
  settings.replication = static_cast<std::uint64_t>(replication_box_->value());
  return settings;
}

void RunToolbar::set_run_settings(const RunSettings& settings) {
  const QSignalBlocker block_window(window_box_);
  const QSignalBlocker block_seed(seed_edit_);
  const QSignalBlocker block_replication(replication_box_);
  window_box_->setValue(static_cast<int>(std::clamp<Tick>(settings.window_ticks, 0, kMaxWindowBoxTicks)));
  seed_edit_->setText(settings.seed ? QString::number(static_cast<qulonglong>(*settings.seed)) : QString());
  replication_box_->setValue(static_cast<int>(std::min<std::uint64_t>(settings.replication, std::numeric_limits<int>::max())));
}

void RunToolbar::show_window_in_use(Tick window_ticks) {
  window_box_->setSpecialValueText(QString("auto (%1)").arg(window_ticks));
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
