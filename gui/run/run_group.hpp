#pragma once
// The runs the window shows side by side: one RunSession per router, all on the same scenario and
// replication, so every router sees the same token stream (common random numbers). Broadcasts the
// run controls and drains the rings on a ~30 Hz timer; views repaint on data_arrived. A router
// that cannot run fails alone (router_failed); the others run on. The group has finished when
// every session has finished or failed, and has failed only when every session failed.
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

#include "gui/run/run_session.hpp"
#include "scenarios/run_builder/run_builder.hpp"

namespace routelab::gui {

enum class GroupState { paused, running, finished, failed };

class RunGroup : public QObject {
  Q_OBJECT

 public:
  // 30 ms: ~33 polls a second, above the 30 frames/s goal, and a short enough hand-over that the
  // ring rarely holds more than a few hundred windows.
  static constexpr int kPollIntervalMs = 30;

  // Builds every session (throws for an unknown router name or a trace that cannot be read); all
  // start paused. The builder must outlive the group. `window_ticks`: the views' window length
  // (0: display_window.hpp's default for the scenario).
  RunGroup(const RunBuilder& builder, const ScenarioSpec& scenario, const std::vector<RouterSpec>& routers,
           std::uint64_t replication, Tick window_ticks, std::size_t detail_budget_bytes, QObject* parent = nullptr);
  ~RunGroup() override;

  const ScenarioSpec& scenario() const { return scenario_; }
  std::vector<RunSession*> sessions() const;
  std::vector<const RunHistory*> histories() const;

  void run();
  void pause();
  void step();
  void fast();
  void run_until_overload();
  void set_batches_per_second(double rate);

  GroupState state() const { return state_; }
  bool fast_mode() const { return mode_ == RunMode::fast; }
  bool all_finished() const;      // every session finished or failed
  QString failure() const { return failure_; }  // the failures so far, one line per router
  std::uint64_t replication() const { return replication_; }
  Tick window_ticks() const { return window_ticks_; }  // of every history
  std::int64_t batches() const;  // dispatched so far by the furthest run

  // At most this many windows per run move into the history per poll while repainting, so a frame
  // stays short (~3 us a window at 256 experts) even when the simulation outruns the UI; the rest
  // waits in the ring. Fast mode and the end of a run drain everything.
  static constexpr std::size_t kMaxWindowsPerPoll = 2048;

  // True while the runs are being brought to one batch count after "Until overload" paused them.
  bool aligning() const { return aligning_; }

  // Drains every session now (the timer calls it); true if anything new arrived.
  bool poll(bool everything = false);

 signals:
  void data_arrived(bool repaint);  // repaint is false in fast mode: views wait for the end
  void state_changed();
  void finished();
  void router_failed(const QString& message);  // one router could not run; the others go on
  void failed(const QString& message);         // every router failed

 private:
  void broadcast_mode(RunMode mode);
  void on_session_finished();
  void on_session_failed(RunSession* session, const QString& message);
  void on_paused_at_overload();
  bool align_paused_runs();
  void set_state(GroupState state);

  ScenarioSpec scenario_;
  std::uint64_t replication_ = 0;
  Tick window_ticks_ = 1;
  std::vector<std::unique_ptr<RunSession>> sessions_;
  QTimer poll_timer_;
  RunMode mode_ = RunMode::paused;
  GroupState state_ = GroupState::paused;
  QString failure_;
  bool finish_reported_ = false;
  bool aligning_ = false;  // paused at an overload; the runs behind catch up once every run is idle
};

}  // namespace routelab::gui
