// routelab-gui: the Qt 6 desktop app. Arguments are checked before QApplication exists, so a bad
// argument exits with 2 and a clear message even where no display is available.
#include <QApplication>
#include <QSettings>
#include <QTimer>

#include <cstdio>

#include "gui/app/command_line.hpp"
#include "gui/app/main_window.hpp"
#include "gui/app/scenario_panel.hpp"
#include "gui/app/run_toolbar.hpp"
#include "gui/app/scripted_run.hpp"

namespace {
constexpr QSize kScriptedWindowSize(1600, 1000);  // the docs screenshot's size

// Whether Qt will find somewhere to draw: a platform chosen explicitly (QT_QPA_PLATFORM or
// -platform), or a display server named in the environment. Without one, Qt's xcb plugin aborts.
bool display_available(const QStringList& arguments) {
  if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) return true;
  if (arguments.contains("-platform") || arguments.contains("--platform")) return true;
  return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}
}  // namespace

int main(int argc, char** argv) {
  using namespace routelab::gui;
  QStringList arguments;
  for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
  const routelab::RouterRegistry registry = routelab::builtin_router_registry();
  const ParsedArguments parsed = parse_arguments(arguments, registry);
  if (parsed.outcome == ParsedArguments::Outcome::bad_arguments) {
    std::fprintf(stderr, "routelab-gui: error: %s\nRun routelab-gui --help for the options.\n",
                 parsed.text.toLocal8Bit().constData());
    return kExitBadArguments;
  }
  if (parsed.outcome == ParsedArguments::Outcome::print_and_exit) {
    std::fputs(parsed.text.toLocal8Bit().constData(), stdout);
    return 0;
  }

  if (!display_available(arguments)) {
    if (!parsed.options.scripted()) {
      std::fputs("routelab-gui: error: no display: DISPLAY and WAYLAND_DISPLAY are unset. Run it in a desktop "
                 "session, under Xvfb (xvfb-run routelab-gui ...), or scripted (--run --screenshot FILE "
                 "--quit-when-done), which renders offscreen.\n",
                 stderr);
      return kExitBadArguments;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");  // a scripted run needs no screen
  }
  QApplication app(argc, argv);
  QApplication::setOrganizationName("routelab");
  QApplication::setApplicationName("routelab-gui");
  const GuiOptions& options = parsed.options;

  MainWindow window(registry);
  window.set_persist_settings(!options.scripted());
  if (!options.scripted()) {
    QSettings settings;
    window.restore_settings(settings);
  }
  window.run_toolbar()->set_run_settings(options.run_settings);  // after the saved settings: the command line wins
  if (!options.scenario_key.isEmpty()) window.scenario_panel()->select_scenario(options.scenario_key);
  if (!options.routers.empty()) {
    QStringList routers;
    for (const auto& name : options.routers) routers << QString::fromStdString(name);
    window.scenario_panel()->select_routers(routers);
  }
  if (options.window_size.isValid()) {
    window.resize(options.window_size);
  } else if (options.scripted()) {
    window.resize(kScriptedWindowSize);
  }
  window.show();

  ScriptedRun script(window, options);
  if (options.scripted() || options.opens_results()) {
    QTimer::singleShot(0, &script, &ScriptedRun::start);  // in the loop, so that its exit() ends the loop
  } else if (options.run) {
    QString error;
    if (window.start_from_selection(&error)) window.group()->run();
  }
  return QApplication::exec();
}
