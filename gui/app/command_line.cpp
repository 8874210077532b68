#include "gui/app/command_line.hpp"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

#include <exception>
#include <limits>
#include <optional>

#include "core/errors.hpp"
#include "engine/tick_limits.hpp"
#include "gui/saved_runs/saved_run_reader.hpp"
#include "gui/sweeps/sqlite_catalog.hpp"
#include "gui/sweeps/sweep_point.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::gui {

namespace {

constexpr int kMinWindowSide = 320;
constexpr int kMaxWindowSide = 8192;
// The pair the docs screenshot shows: a content-blind hash against a load-aware router.
const char* const kPreferredDefaultRouters[] = {"hash", "greedy"};

ParsedArguments bad(const QString& message) {
  ParsedArguments parsed;
  parsed.outcome = ParsedArguments::Outcome::bad_arguments;
  parsed.text = message;
  return parsed;
}

QString join_names(const std::vector<std::string>& names) {
  QStringList list;
  for (const auto& name : names) list << QString::fromStdString(name);
  return list.join(", ");
}

// Qt's help names the program from QCoreApplication, which does not exist yet when the command line
// is parsed (it would say "Usage: <executable_name>"), so the usage line is written here.
QString help_text(const QCommandLineParser& parser) {
  const QString qt_text = parser.helpText();
  QString text = "Usage: routelab-gui [options]" + qt_text.mid(qt_text.indexOf('\n'));
  text += "\nExamples:\n"
          "  routelab-gui --scenario zipf-hot --routers hash,greedy --run\n"
          "  routelab-gui --scenario default --seed 7 --replication 2 --window-ticks 800\n"
          "  routelab-gui --scenario default --run --screenshot view.png --quit-when-done   (offscreen)\n"
          "  routelab-gui --open-run saved-run          (a `routelab compare --out saved-run` directory)\n"
          "  routelab-gui --open-sweep sweep.sqlite [--sweep-run RUN_ID]\n"
          "Keyboard shortcuts: Help > Keyboard shortcuts (F1) in the app.\n";
  return text;
}

// --open-run, --open-sweep and --sweep-run: read here, before any window, so a wrong path or a
// damaged result is exit code 2 with the reader's message (file and field) rather than a dialog.
QString check_opened_results(GuiOptions& options, std::optional<std::uint64_t> replication, const RouterRegistry& registry) {
  if (!options.open_run.isEmpty()) {
    if (!QFileInfo(options.open_run).isDir())
      return "--open-run: '" + options.open_run + "' is not a directory (give a `routelab run/compare --out` directory)";
    try {
      const SavedRun saved = read_saved_run(options.open_run.toStdString());
      options.open_run_replication = replication.value_or(saved.replications.front());
      if (runs_of_replication(saved, options.open_run_replication).empty())
        return QString("--replication: '%1' holds no run of replication %2")
            .arg(options.open_run)
            .arg(options.open_run_replication);
      for (const std::string& router : saved.routers) registry.find(router);
    } catch (const std::exception& e) {
      return "--open-run: " + QString::fromStdString(e.what());
    }
  }
  if (!options.open_sweep.isEmpty()) {
    if (!QFileInfo(options.open_sweep).isFile()) return "--open-sweep: '" + options.open_sweep + "' is not a file";
    try {
      const SqliteCatalog catalog(options.open_sweep.toStdString());
    } catch (const std::exception& e) {
      return "--open-sweep: " + QString::fromStdString(e.what());
    }
  }
  if (!options.sweep_run_id.isEmpty()) {
    try {
      locate_sweep_run(options.open_sweep.toStdString(), options.sweep_run_id.toStdString(), registry);
    } catch (const std::exception& e) {
      return "--sweep-run: " + QString::fromStdString(e.what());
    }
  }
  return {};
}

}  // namespace

std::vector<std::string> default_routers(const ScenarioSpec& scenario, const RouterRegistry& registry) {
  std::vector<std::string> names;
  for (const RouterSpec& router : scenario.routers) names.push_back(router.name);
  if (!names.empty()) return names;
  for (const char* name : kPreferredDefaultRouters) {
    try {
      registry.find(name);
      names.emplace_back(name);
    } catch (const UnknownNameError&) {
    }
  }
  if (names.empty()) {
    for (const auto& name : registry.names()) {
      if (names.size() == 2) break;
      names.push_back(name);
    }
  }
  return names;
}

ParsedArguments parse_arguments(const QStringList& arguments, const RouterRegistry& registry) {
  QCommandLineParser parser;
  parser.setApplicationDescription("routelab-gui: watch routers spread tokens over experts, live and side by side.");
  parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
  const QCommandLineOption help({"h", "help"}, "Show this help and exit.");
  const QCommandLineOption version("version", "Show the version and exit.");
  const QCommandLineOption scenario("scenario", "Scenario: a library name (see `routelab scenarios`) or a .toml file.", "NAME");
  const QCommandLineOption routers("routers", "Comma-separated routers to compare (see `routelab routers`).", "a,b");
  const QCommandLineOption run("run", "Start running at once (fast: no repaint until done when scripted).");
  const QCommandLineOption screenshot("screenshot", "When the run is done, save the window as this PNG.", "FILE");
  const QCommandLineOption quit("quit-when-done", "Quit when the run is done (after the screenshot).");
  const QCommandLineOption size("size", "Window size, e.g. 1600x1000.", "WxH");
  const QCommandLineOption replication(
      "replication", "Replication index: the run `routelab compare` reports as replication N (default 0).", "N", "0");
  const QCommandLineOption seed("seed", "Master seed, as `routelab compare --seed S` (default: the scenario's).", "S");
  const QCommandLineOption window_ticks(
      "window-ticks",
      "Length of the views' windows in ticks (default: the scenario's batch interval, finer for short runs, at "
      "least 200 windows). Only the views change; results equal `routelab compare`'s.",
      "N");
  const QCommandLineOption summary_json(
      "summary-json",
      "When the run is done, write its results as `routelab compare --format json` does (the same routers array).",
      "FILE");
  const QCommandLineOption open_run(
      "open-run",
      "Open a `routelab run/compare --out` directory as File > Open run results does: re-run it (replication "
      "--replication, default its first) and check its fingerprints.",
      "DIR");
  const QCommandLineOption open_sweep("open-sweep", "Open a sweep SQLite database (`routelab sweep run --db`) as charts.",
                                      "DB");
  const QCommandLineOption sweep_run(
      "sweep-run", "With --open-sweep: also open this run (the runs table's run_id) as a run, as Open as run does.", "RUN_ID");
  parser.addOptions({help, version, scenario, routers, run, screenshot, quit, size, replication, seed, window_ticks,
                     summary_json, open_run, open_sweep, sweep_run});
  // QApplication's own options: accepted here, handled by QApplication.
  for (const char* qt_option : {"platform", "style", "display", "qwindowgeometry", "qwindowtitle", "stylesheet", "plugin"}) {
    QCommandLineOption option(qt_option, "Qt option", "value");
    option.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(option);
  }
  for (const char* qt_flag : {"reverse", "widgetcount"}) {
    QCommandLineOption option(qt_flag, "Qt option");
    option.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(option);
  }

  if (!parser.parse(arguments)) return bad(parser.errorText());
  if (!parser.positionalArguments().isEmpty())
    return bad("unexpected argument '" + parser.positionalArguments().first() + "' (options start with --)");
  ParsedArguments parsed;
  if (parser.isSet(help) || parser.isSet(version)) {
    parsed.outcome = ParsedArguments::Outcome::print_and_exit;
    parsed.text = parser.isSet(help) ? help_text(parser) : QString("routelab-gui %1\n").arg(ROUTELAB_VERSION);
    return parsed;
  }
  GuiOptions& options = parsed.options;
  options.run = parser.isSet(run);
  options.quit_when_done = parser.isSet(quit);

  ScenarioSpec spec;
  try {
    const std::string key = parser.isSet(scenario) ? parser.value(scenario).toStdString() : kDefaultScenario;
    spec = resolve_scenario(key);
    if (parser.isSet(scenario)) options.scenario_key = parser.value(scenario);
  } catch (const UnknownNameError& e) {
    return bad(QString("--scenario: %1").arg(QString::fromStdString(e.what())));
  } catch (const std::exception& e) {
    return bad(QString("--scenario: %1").arg(QString::fromStdString(e.what())));
  }

  if (parser.isSet(routers)) {
    for (const QString& name : parser.value(routers).split(',', Qt::SkipEmptyParts)) {
      const std::string router = name.trimmed().toStdString();
      try {
        registry.find(router);
      } catch (const UnknownNameError&) {
        return bad(QString("--routers: unknown router '%1' (valid: %2)")
                       .arg(QString::fromStdString(router), join_names(registry.names())));
      }
      options.routers.push_back(router);
    }
    if (options.routers.empty()) return bad("--routers: give at least one router name, e.g. --routers hash,greedy");
  }

  if (parser.isSet(screenshot)) {
    options.screenshot = parser.value(screenshot);
    if (QFileInfo(options.screenshot).suffix().compare("png", Qt::CaseInsensitive) != 0)
      return bad("--screenshot: '" + options.screenshot + "' must end in .png");
    const QFileInfo directory(QFileInfo(options.screenshot).absolutePath());
    if (!directory.isDir() || !directory.isWritable())
      return bad("--screenshot: directory '" + directory.filePath() + "' does not exist or is not writable");
  }

  options.open_run = parser.value(open_run);
  options.open_sweep = parser.value(open_sweep);
  options.sweep_run_id = parser.value(sweep_run);
  if (!options.open_run.isEmpty() && !options.open_sweep.isEmpty()) return bad("--open-run and --open-sweep: give one");
  if (!options.sweep_run_id.isEmpty() && options.open_sweep.isEmpty())
    return bad("--sweep-run needs --open-sweep DB (the database the run is in)");
  if (options.opens_run()) {
    // The opened run fixes these; a second source for them would be silently ignored.
    for (const QCommandLineOption* fixed : {&scenario, &routers, &seed})
      if (parser.isSet(*fixed))
        return bad(QString("--%1: the opened run brings its own; leave it out with --open-run/--sweep-run")
                       .arg(fixed->names().constLast()));
    if (!options.sweep_run_id.isEmpty() && parser.isSet(replication))
      return bad("--replication: the sweep run brings its own; leave it out with --sweep-run");
  }

  if (parser.isSet(summary_json)) {
    options.summary_json = parser.value(summary_json);
    const QFileInfo directory(QFileInfo(options.summary_json).absolutePath());
    if (!directory.isDir() || !directory.isWritable())
      return bad("--summary-json: directory '" + directory.filePath() + "' does not exist or is not writable");
    if (!options.run && !options.opens_run())
      return bad("--summary-json needs --run, --open-run or --sweep-run (it reports the run's results)");
  }

  if (parser.isSet(size)) {
    static const QRegularExpression pattern("^(\\d{1,5})x(\\d{1,5})$");
    const auto match = pattern.match(parser.value(size));
    const int width = match.hasMatch() ? match.captured(1).toInt() : 0;
    const int height = match.hasMatch() ? match.captured(2).toInt() : 0;
    if (width < kMinWindowSide || height < kMinWindowSide || width > kMaxWindowSide || height > kMaxWindowSide)
      return bad(QString("--size: '%1' is not WIDTHxHEIGHT with sides between %2 and %3 pixels")
                     .arg(parser.value(size))
                     .arg(kMinWindowSide)
                     .arg(kMaxWindowSide));
    options.window_size = QSize(width, height);
  }

  bool ok = false;
  const qulonglong replica = parser.value(replication).toULongLong(&ok);
  // The app's replication box holds an int; replications of a comparison count from 0 upwards.
  if (!ok || replica > static_cast<qulonglong>(std::numeric_limits<int>::max()))
    return bad("--replication: '" + parser.value(replication) + "' is not an integer from 0 to 2147483647");
  options.run_settings.replication = replica;
  if (parser.isSet(seed)) {
    const qulonglong value = parser.value(seed).toULongLong(&ok);
    if (!ok) return bad("--seed: '" + parser.value(seed) + "' is not a non-negative integer");
    options.run_settings.seed = value;
  }
  if (parser.isSet(window_ticks)) {
    const qlonglong value = parser.value(window_ticks).toLongLong(&ok);
    if (!ok || value < 1 || value > kMaxTick)
      return bad(QString("--window-ticks: '%1' is not a whole number of ticks from 1 to %2")
                     .arg(parser.value(window_ticks))
                     .arg(kMaxTick));
    options.run_settings.window_ticks = value;
  }

  const QString opened = check_opened_results(
      options, parser.isSet(replication) ? std::optional<std::uint64_t>(replica) : std::nullopt, registry);
  if (!opened.isEmpty()) return bad(opened);

  if (options.run && options.routers.empty() && !options.opens_run()) options.routers = default_routers(spec, registry);
  return parsed;
}

}  // namespace routelab::gui
