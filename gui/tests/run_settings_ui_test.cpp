// The main window's run settings and help, driven as a person would: the toolbar's window, seed and
// replication controls start a fresh run that uses them; Step moves the cursor to the newest
// window; the axis is labelled in ticks; Help lists every shortcut the window has.
#include <QAction>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>

#include <memory>

#include "gui/app/help_menu.hpp"
#include "gui/app/main_window.hpp"
#include "gui/app/run_toolbar.hpp"
#include "gui/app/scenario_panel.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/views/time_axis.hpp"
#include "routers/router_registry.hpp"

namespace routelab::gui::tests {

namespace {
constexpr int kLongWaitMs = 60000;  // generous: the CI machine may be busy; never a timing assertion
}  // namespace

class RunSettingsUiTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();

  std::unique_ptr<MainWindow> make_window() {
    auto window = std::make_unique<MainWindow>(registry_);
    window->set_persist_settings(false);
    window->scenario_panel()->select_scenario("default");
    window->scenario_panel()->select_routers({"hash", "greedy"});
    return window;
  }

 private slots:
  void changing_a_setting_starts_a_fresh_run_with_it() {
    auto window = make_window();
    RunToolbar& toolbar = *window->run_toolbar();
    toolbar.step_action()->trigger();
    QVERIFY(window->group() != nullptr);
    const RunGroup* first = window->group();
    QVERIFY(first->window_ticks() > 0);
    QCOMPARE(window->axis().window_ticks(), first->window_ticks());  // the axis knows its unit

    toolbar.window_box()->setValue(640);
    emit toolbar.window_box()->editingFinished();
    QVERIFY(window->group() != nullptr);
    QCOMPARE(window->group()->window_ticks(), Tick{640});
    QCOMPARE(window->axis().window_ticks(), Tick{640});
    QCOMPARE(window->group()->sessions()[0]->history().window_ticks(), Tick{640});

    toolbar.seed_edit()->setText("11");
    emit toolbar.seed_edit()->editingFinished();
    QCOMPARE(window->group()->scenario().simulation.master_seed, std::uint64_t{11});
    toolbar.replication_box()->setValue(4);
    emit toolbar.replication_box()->editingFinished();
    QCOMPARE(window->group()->replication(), std::uint64_t{4});
    QCOMPARE(window->group()->sessions()[0]->replication(), std::uint64_t{4});
    QCOMPARE(window->group()->window_ticks(), Tick{640});  // the other settings stay

    toolbar.seed_edit()->clear();
    emit toolbar.seed_edit()->editingFinished();
    QCOMPARE(window->group()->scenario().simulation.master_seed,
             window->scenario_panel()->current_scenario().simulation.master_seed);
  }

  void step_moves_the_cursor_to_the_newest_window() {
    auto window = make_window();
    RunToolbar& toolbar = *window->run_toolbar();
    toolbar.window_box()->setValue(400);  // 4 windows a batch
    // A window closes when the next activity after its end happens, so batch k (one every 1,600
    // ticks) has brought the 4 (k - 1) windows before it once it is dispatched.
    for (int step = 1; step <= 4; ++step) {
      toolbar.step_action()->trigger();
      QTRY_VERIFY_WITH_TIMEOUT(window->group()->batches() == step, kLongWaitMs);
      if (step == 1) continue;
      QTRY_VERIFY_WITH_TIMEOUT(window->axis().extent() >= 4 * (step - 1), kLongWaitMs);
      QTRY_COMPARE_WITH_TIMEOUT(window->axis().cursor(), static_cast<double>(window->axis().extent()) - 0.5,
                                kLongWaitMs);
    }
    QVERIFY(window->axis().extent() >= 12);
  }

  void help_lists_every_shortcut() {
    auto window = make_window();
    const QStringList lines = shortcut_lines(*window);
    int with_shortcut = 0;
    for (const QAction* action : window->findChildren<QAction*>()) {
      if (action->shortcut().isEmpty()) continue;
      ++with_shortcut;
      const QString key = action->shortcut().toString(QKeySequence::NativeText);
      bool listed = false;
      for (const QString& line : lines) listed = listed || line.startsWith(key + " ");
      QVERIFY2(listed, qPrintable(key + " (" + action->text() + ") is not in the shortcuts list"));
    }
    QVERIFY(with_shortcut >= 6);  // F5, F6, F10, Ctrl+0, Ctrl+E, Ctrl+Shift+E, Quit, F1 ...
    QVERIFY(lines.join('\n').contains("Wheel"));
    QVERIFY(window->findChild<QAction*>("shortcuts_action") != nullptr);
    QVERIFY(window->findChild<QAction*>("about_action") != nullptr);
    QVERIFY(about_text().contains("routelab-gui"));
  }
};

std::unique_ptr<QObject> make_run_settings_ui_test() { return std::make_unique<RunSettingsUiTest>(); }

}  // namespace routelab::gui::tests

#include "run_settings_ui_test.moc"
