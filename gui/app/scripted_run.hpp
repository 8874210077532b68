#pragma once
// Automation: --run [--screenshot FILE] [--summary-json FILE] --quit-when-done. Runs the routers
// fast (no repaint until done), fits the view, renders the whole window into an image (independent
// of the screen's colour depth), saves it as PNG, writes the results as `routelab compare --format
// json` does, and quits with 0; with 1 if a router could not run or a write fails. start() must be
// called from the event loop (QTimer::singleShot), so that every way out ends the loop.
// It also opens what --open-run, --open-sweep and --sweep-run name (interactive starts too, where
// it never quits): a reopened run is done when its fingerprint check is (exit 1 on a mismatch);
// with --open-sweep alone the screenshot shows the sweep browser.
#include <QObject>

#include "gui/app/command_line.hpp"

namespace routelab::gui {

class MainWindow;

class ScriptedRun : public QObject {
  Q_OBJECT

 public:
  ScriptedRun(MainWindow& window, GuiOptions options, QObject* parent = nullptr);
  void start();  // after the window is shown

 private:
  void open_run();  // --open-run or --sweep-run
  void finish();
  void fail(const QString& message);
  bool write_summary();  // false (after fail()) when the file cannot be written

  MainWindow& window_;
  GuiOptions options_;
  QWidget* browser_ = nullptr;  // the sweep browser --open-sweep opened (owned by the window)
};

}  // namespace routelab::gui
