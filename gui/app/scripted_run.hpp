#pragma once
// Automation: --run --screenshot FILE --quit-when-done. Runs the routers fast (no repaint until
// done), fits the view, renders the whole window into an image (independent of the screen's colour
// depth), saves it as PNG and quits with 0; with 1 if the run or the write fails.
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

  MainWindow& window_;
  GuiOptions options_;
};

}  // namespace routelab::gui
