#pragma once
// The time axis every stacked view shares: the visible window range, the replay limit, the cursor
// and the highlighted expert. Views read it when painting and repaint when it changes.
#include <QObject>

#include <cstdint>

#include "core/types.hpp"

namespace routelab::gui {

class TimeAxis : public QObject {
  Q_OBJECT

 public:
  static constexpr double kMinSpanWindows = 4;  // zooming further shows 4 windows across the view

  explicit TimeAxis(QObject* parent = nullptr) : QObject(parent) {}

  double first() const { return first_; }
  double last() const { return last_; }
  double span() const { return last_ - first_; }
  std::int64_t extent() const { return extent_; }   // windows available (longest run)
  std::int64_t limit() const { return live_ ? extent_ : limit_; }  // windows shown (replay position)
  bool live() const { return live_; }
  bool following() const { return following_; }    // the range tracks the whole run as it grows
  double cursor() const { return cursor_; }         // < 0: none
  int highlighted_expert() const { return highlighted_expert_; }  // < 0: none

  // The axis counts windows; a window is this many ticks (the runs' window length), so views can
  // label the axis in ticks, the unit of every scenario (the library reads 1 tick as 1 us).
  Tick window_ticks() const { return window_ticks_; }
  void set_window_ticks(Tick ticks);
  double ticks_of(double window) const { return window * static_cast<double>(window_ticks_); }

  void set_extent(std::int64_t windows);
  void set_range(double first, double last);  // clamps; stops following
  void zoom(double factor, double anchor);    // factor < 1 zooms in around window `anchor`
  void pan(double windows);
  void fit();                                 // whole run, follows it as it grows
  void set_limit(std::int64_t windows);       // replay: show windows [0, windows) only
  void go_live();
  void set_cursor(double window);
  void set_highlighted_expert(int expert);
  void jump_to(double window, int expert);    // centres the view on window, keeps the zoom
  void reset();

 signals:
  void changed();

 private:
  double max_last() const;
  void apply_range(double first, double last);

  double first_ = 0;
  double last_ = kMinSpanWindows;
  std::int64_t extent_ = 0;
  std::int64_t limit_ = 0;
  bool live_ = true;
  bool following_ = true;
  double cursor_ = -1;
  int highlighted_expert_ = -1;
  Tick window_ticks_ = 1;
};

}  // namespace routelab::gui
