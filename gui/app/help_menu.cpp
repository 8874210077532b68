#include "gui/app/help_menu.hpp"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace routelab::gui {

namespace {

// Keys and gestures the plots handle themselves (TimeView), not through actions.
const char* const kPlotGestures[][2] = {
    {"Wheel", "zoom the time axis around the mouse"},
    {"Shift+Wheel", "pan the time axis"},
    {"Drag", "pan the time axis"},
    {"Click", "place the cursor (a heatmap row: select that expert)"},
    {"Double click, Home", "fit the whole run"},
    {"+ / -", "zoom in / out (plot focused)"},
    {"Left / Right", "pan by a tenth of the view (plot focused)"},
};

QString action_title(const QAction* action) {
  QString text = action->text();
  text.remove('&');
  text.remove("...");
  return text;
}

}  // namespace

QStringList shortcut_lines(const QMainWindow& window) {
  QStringList lines;
  for (const QAction* action : window.findChildren<QAction*>()) {
    if (action->shortcut().isEmpty()) continue;
    const QString line = action->shortcut().toString(QKeySequence::NativeText).leftJustified(20) + action_title(action);
    if (!lines.contains(line)) lines << line;
  }
  std::sort(lines.begin(), lines.end());
  lines << "" << "In the plots:";
  for (const auto& gesture : kPlotGestures) lines << QString(gesture[0]).leftJustified(20) + gesture[1];
  return lines;
}

QString about_text() {
  return QString("routelab-gui %1\n\nWatch mixture-of-experts routers spread tokens over experts, live and side by "
                 "side, on the same runs `routelab compare` reports (same fingerprints).\n\nApache-2.0; Qt 6 under the "
                 "LGPL-3. Documentation: docs/gui.md.")
      .arg(ROUTELAB_VERSION);
}

void add_help_menu(QMainWindow& window) {
  QMenu* help = window.menuBar()->addMenu("&Help");
  QAction* shortcuts = help->addAction("Keyboard shortcuts...");
  shortcuts->setObjectName("shortcuts_action");
  shortcuts->setShortcut(QKeySequence::HelpContents);
  QObject::connect(shortcuts, &QAction::triggered, &window, [&window] {
    QDialog dialog(&window);
    dialog.setObjectName("shortcuts_dialog");
    dialog.setWindowTitle("Keyboard shortcuts");
    auto* layout = new QVBoxLayout(&dialog);
    auto* text = new QPlainTextEdit(shortcut_lines(window).join('\n'), &dialog);
    text->setReadOnly(true);
    text->setFont(QFont("monospace"));
    text->setMinimumSize(520, 360);
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.exec();
  });
  QAction* about = help->addAction("About routelab-gui");
  about->setObjectName("about_action");
  QObject::connect(about, &QAction::triggered, &window,
                   [&window] { QMessageBox::about(&window, "About routelab-gui", about_text()); });
}

}  // namespace routelab::gui
