#pragma once
// Automation: --run [--screenshot FILE] [--summary-json FILE] --quit-when-done. Runs the routers
// fast (no repaint until done), fits the view, renders the whole window into an image (independent
// of the screen's colour depth), saves it as PNG, writes the results as `routelab compare --format
// json` does, and quits with 0; with 1 if a router could not run or a write fails. start() must be
// called from the event loop (QTimer::singleShot), so that every way out ends the loop.
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
  void finish();
  void fail(const QString& message);
  bool write_summary();  // false (after fail()) when the file cannot be written

  MainWindow& window_;
  GuiOptions options_;
};

}  // namespace routelab::gui
