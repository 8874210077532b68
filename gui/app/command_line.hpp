#pragma once
// routelab-gui's command line, parsed and validated before any window (or display connection)
// exists, so a bad argument gets a clear message and exit code 2 even on a machine without X.
#include <QSize>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

#include "gui/run/run_settings.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_spec.hpp"

namespace routelab::gui {

inline constexpr int kExitBadArguments = 2;
inline constexpr int kExitRunFailed = 1;

struct GuiOptions {
  QString scenario_key;             // empty: the last one used (settings), else the library default
  std::vector<std::string> routers;  // empty: the last ones used, else the defaults
  bool run = false;
  QString screenshot;               // PNG path; empty: none
  bool quit_when_done = false;
  QSize window_size;                // invalid: the saved layout
  RunSettings run_settings;         // --window-ticks, --seed, --replication (interactive runs too)
  QString summary_json;             // JSON results path (as `routelab compare --format json`); empty: none
  // Results opened at start (File > Open run results / Open sweep database): checked readable here.
  QString open_run;                 // a `routelab run/compare --out` directory; empty: none
  std::uint64_t open_run_replication = 0;  // --replication, else the directory's first replication
  QString open_sweep;               // a sweep SQLite database; empty: none
  QString sweep_run_id;             // a run of open_sweep to re-run in the window (--sweep-run); empty: none

  bool opens_run() const { return !open_run.isEmpty() || !sweep_run_id.isEmpty(); }
  bool opens_results() const { return opens_run() || !open_sweep.isEmpty(); }

  // Scripted runs neither read nor write the user's settings, so they are reproducible.
  bool scripted() const { return !screenshot.isEmpty() || quit_when_done || !summary_json.isEmpty(); }
};

struct ParsedArguments {
  enum class Outcome { start, print_and_exit, bad_arguments };
  Outcome outcome = Outcome::start;
  GuiOptions options;
  QString text;  // help/version text, or the error message
};

// `arguments` includes the program name (as QCoreApplication::arguments()). Qt's own options
// (-platform, -style, -display, ...) are accepted and left for QApplication.
ParsedArguments parse_arguments(const QStringList& arguments, const RouterRegistry& registry);

// The routers a run compares when none are named: the scenario's own list if it has one, else these.
std::vector<std::string> default_routers(const ScenarioSpec& scenario, const RouterRegistry& registry);

}  // namespace routelab::gui
