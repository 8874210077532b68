#include "gui/app/command_line.hpp"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

#include <exception>
#include <limits>

#include "core/errors.hpp"
#include "engine/tick_limits.hpp"
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
          "Keyboard shortcuts: Help > Keyboard shortcuts (F1) in the app.\n";
  return text;
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
  parser.addOptions(
      {help, version, scenario, routers, run, screenshot, quit, size, replication, seed, window_ticks, summary_json});
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

  if (parser.isSet(summary_json)) {
    options.summary_json = parser.value(summary_json);
    const QFileInfo directory(QFileInfo(options.summary_json).absolutePath());
    if (!directory.isDir() || !directory.isWritable())
      return bad("--summary-json: directory '" + directory.filePath() + "' does not exist or is not writable");
    if (!options.run) return bad("--summary-json needs --run (it reports the run's results)");
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

  if (options.run && options.routers.empty()) options.routers = default_routers(spec, registry);
  return parsed;
}

}  // namespace routelab::gui
