#pragma once
// The Help menu: a dialog listing every keyboard shortcut (read from the window's actions, so the
// list cannot fall behind the menus) plus the plots' own keys and mouse gestures, and About.
#include <QString>
#include <QStringList>

class QMainWindow;

namespace routelab::gui {

// One line per shortcut, "F5  Run", for every action of `window` that has one, then the plots' keys.
QStringList shortcut_lines(const QMainWindow& window);

// Adds Help > Keyboard shortcuts (F1) and Help > About to the window's menu bar.
void add_help_menu(QMainWindow& window);

QString about_text();

}  // namespace routelab::gui
