#include "gui/views/replay_bar.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

#include <algorithm>

#include "gui/views/time_axis.hpp"

namespace routelab::gui {

ReplayBar::ReplayBar(TimeAxis& axis, QWidget* parent)
    : QWidget(parent),
      axis_(axis),
      play_button_(new QToolButton(this)),
      live_button_(new QToolButton(this)),
      slider_(new QSlider(Qt::Horizontal, this)),
      position_(new QLabel(this)) {
  play_button_->setText("Replay");
  play_button_->setToolTip("Replay the run from the scrubber position");
  live_button_->setText("Live");
  live_button_->setToolTip("Show every window received so far");
  slider_->setObjectName("scrubber");
  slider_->setToolTip("Scrub: show the run up to this window");
  position_->setMinimumWidth(160);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 0, 4, 0);
  layout->addWidget(play_button_);
  layout->addWidget(live_button_);
  layout->addWidget(slider_, 1);
  layout->addWidget(position_);

  timer_.setInterval(kReplayTickMs);
  connect(&timer_, &QTimer::timeout, this, &ReplayBar::advance);
  connect(play_button_, &QToolButton::clicked, this, [this] { playing() ? stop() : play(); });
  connect(live_button_, &QToolButton::clicked, this, [this] {
    stop();
    axis_.go_live();
  });
  connect(slider_, &QSlider::valueChanged, this, [this](int value) {
    if (syncing_) return;
    axis_.set_limit(value);
    axis_.set_cursor(std::max(0, value - 1) + 0.5);
  });
  connect(&axis_, &TimeAxis::changed, this, &ReplayBar::sync_from_axis);
  sync_from_axis();
}

void ReplayBar::sync_from_axis() {
  syncing_ = true;
  const auto extent = static_cast<int>(axis_.extent());
  slider_->setRange(0, extent);
  slider_->setValue(static_cast<int>(axis_.limit()));
  syncing_ = false;
  // Windows, with their length: the axis above is in ticks.
  position_->setText(axis_.live() ? QString("live: %1 windows of %2 ticks").arg(extent).arg(axis_.window_ticks())
                                  : QString("replay: window %1 / %2 (%3 ticks each)")
                                        .arg(axis_.limit())
                                        .arg(extent)
                                        .arg(axis_.window_ticks()));
  play_button_->setText(playing() ? "Stop" : "Replay");
}

void ReplayBar::play() {
  if (axis_.extent() == 0) return;
  if (axis_.live() || axis_.limit() >= axis_.extent()) axis_.set_limit(0);
  timer_.start();
  sync_from_axis();
}

void ReplayBar::stop() {
  timer_.stop();
  sync_from_axis();
}

void ReplayBar::advance() {
  const std::int64_t step = std::max<std::int64_t>(1, axis_.extent() / kReplayTicksPerRun);
  const std::int64_t next = std::min(axis_.extent(), axis_.limit() + step);
  axis_.set_limit(next);
  axis_.set_cursor(static_cast<double>(std::max<std::int64_t>(next - 1, 0)) + 0.5);
  if (next >= axis_.extent()) stop();
}

}  // namespace routelab::gui
