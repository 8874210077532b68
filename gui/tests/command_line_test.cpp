// routelab-gui's arguments: the automation set parses, every bad argument is refused with a
// message naming the option (main turns that into exit code 2).
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "gui/app/command_line.hpp"
#include "gui/tests/cli_process.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "routers/router_registry.hpp"

namespace routelab::gui::tests {

class CommandLineTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();
  ParsedArguments parse(QStringList arguments) {
    arguments.prepend("routelab-gui");
    return parse_arguments(arguments, registry_);
  }
  void expect_bad(const QStringList& arguments, const QString& fragment) {
    const ParsedArguments parsed = parse(arguments);
    QVERIFY2(parsed.outcome == ParsedArguments::Outcome::bad_arguments, qPrintable(arguments.join(' ')));
    QVERIFY2(parsed.text.contains(fragment), qPrintable(parsed.text));
  }

 private slots:
  void automation_arguments() {
    const QString png = QDir::temp().filePath("routelab-shot.png");
    const ParsedArguments parsed = parse({"--scenario", "default", "--routers", "hash,greedy", "--run", "--screenshot",
                                          png, "--quit-when-done", "--size", "800x600", "-platform", "offscreen"});
    QVERIFY2(parsed.outcome == ParsedArguments::Outcome::start, qPrintable(parsed.text));
    const GuiOptions& options = parsed.options;
    QCOMPARE(options.scenario_key, QString("default"));
    QCOMPARE(options.routers, (std::vector<std::string>{"hash", "greedy"}));
    QVERIFY(options.run && options.quit_when_done && options.scripted());
    QCOMPARE(options.screenshot, png);
    QCOMPARE(options.window_size, QSize(800, 600));
  }

  void run_without_routers_uses_the_defaults() {
    const ParsedArguments parsed = parse({"--run"});
    QVERIFY(parsed.outcome == ParsedArguments::Outcome::start);
    QCOMPARE(parsed.options.routers, (std::vector<std::string>{"hash", "greedy"}));
    QVERIFY(!parsed.options.scripted());
  }

  void bad_arguments_are_named() {
    expect_bad({"--scenario", "nope"}, "valid choices: ");  // lists the valid names
    expect_bad({"--scenario", "nope"}, "default, ");
    expect_bad({"--scenario", "/no/such/file.toml"}, "--scenario");
    expect_bad({"--routers", "hash,nope"}, "unknown router 'nope'");
    expect_bad({"--routers", ","}, "at least one router");
    expect_bad({"--size", "100x100"}, "--size");
    expect_bad({"--size", "wide"}, "--size");
    expect_bad({"--screenshot", "shot.jpg"}, "must end in .png");
    expect_bad({"--screenshot", "/no/such/dir/shot.png"}, "does not exist");
    expect_bad({"--replication", "-1"}, "--replication");
    expect_bad({"--replication", "4294967296"}, "--replication");
    expect_bad({"--seed", "x"}, "--seed");
    expect_bad({"--seed", "-3"}, "--seed");
    expect_bad({"--window-ticks", "0"}, "--window-ticks");
    expect_bad({"--window-ticks", "1.5"}, "--window-ticks");
    expect_bad({"--window-ticks", "9007199254740993"}, "--window-ticks");  // above the engine's 2^53
    expect_bad({"--bogus"}, "bogus");
    expect_bad({"stray"}, "unexpected argument 'stray'");
    expect_bad({"--scenario"}, "scenario");
  }

  void saved_runs_and_sweeps_open_from_the_command_line() {
    QTemporaryDir scratch;
    const QString saved = scratch.filePath("saved-run");
    QVERIFY(!run_cli({"compare", "--scenario", "zipf-hot", "--routers", "hash", "--tokens", "4096", "--set",
                      "replications=2", "--out", saved})
                 .isEmpty());
    ParsedArguments parsed = parse({"--open-run", saved, "--replication", "1", "--window-ticks", "500"});
    QVERIFY2(parsed.outcome == ParsedArguments::Outcome::start, qPrintable(parsed.text));
    QCOMPARE(parsed.options.open_run, saved);
    QCOMPARE(parsed.options.open_run_replication, std::uint64_t{1});
    QVERIFY(parsed.options.opens_run() && !parsed.options.scripted());
    QVERIFY(parsed.options.routers.empty());  // the saved run's routers, not the defaults
    parsed = parse({"--open-run", saved, "--run", "--quit-when-done"});  // as documented_commands.py runs it
    QVERIFY2(parsed.outcome == ParsedArguments::Outcome::start, qPrintable(parsed.text));
    QCOMPARE(parsed.options.open_run_replication, std::uint64_t{0});  // the first one saved

    expect_bad({"--open-run", scratch.filePath("nothing-here")}, "is not a directory");
    expect_bad({"--open-run", scratch.path()}, "summary.json");  // a directory, but no result
    expect_bad({"--open-run", saved, "--replication", "5"}, "no run of replication 5");
    expect_bad({"--open-run", saved, "--scenario", "default"}, "--scenario: the opened run brings its own");
    expect_bad({"--open-run", saved, "--seed", "3"}, "--seed");
    expect_bad({"--open-run", saved, "--open-sweep", saved}, "give one");
    expect_bad({"--open-sweep", scratch.filePath("none.sqlite")}, "is not a file");
    expect_bad({"--open-sweep", QDir(saved).filePath("summary.json")}, "not a database");
    expect_bad({"--sweep-run", "0123456789abcdef"}, "needs --open-sweep");
  }

  void help_prints_and_exits() {
    const ParsedArguments parsed = parse({"--help"});
    QVERIFY(parsed.outcome == ParsedArguments::Outcome::print_and_exit);
    QVERIFY(parsed.text.contains("--screenshot"));
    QVERIFY(!parsed.text.contains("platform"));  // Qt's own options stay out of the help
    // A real usage line: before QApplication exists Qt would name the program "<executable_name>".
    QVERIFY2(parsed.text.startsWith("Usage: routelab-gui [options]"), qPrintable(parsed.text.left(80)));
    QVERIFY(!parsed.text.contains("<executable_name>"));
    for (const char* option : {"--seed", "--replication", "--window-ticks", "--summary-json", "--open-run", "--open-sweep",
                               "--sweep-run"})
      QVERIFY2(parsed.text.contains(option), option);
  }

  void run_settings_are_parsed_for_interactive_runs_too() {
    const ParsedArguments parsed = parse({"--seed", "18446744073709551615", "--replication", "3", "--window-ticks", "250"});
    QVERIFY2(parsed.outcome == ParsedArguments::Outcome::start, qPrintable(parsed.text));
    QVERIFY(!parsed.options.scripted());
    const RunSettings& settings = parsed.options.run_settings;
    QVERIFY(settings.seed.has_value());
    QCOMPARE(*settings.seed, std::uint64_t{18446744073709551615ULL});
    QCOMPARE(settings.replication, std::uint64_t{3});
    QCOMPARE(settings.window_ticks, Tick{250});
    const RunSettings defaults = parse({}).options.run_settings;
    QVERIFY(!defaults.seed.has_value());
    QCOMPARE(defaults.window_ticks, Tick{0});  // the scenario's default length
    QCOMPARE(defaults.replication, std::uint64_t{0});
  }
};

std::unique_ptr<QObject> make_command_line_test() { return std::make_unique<CommandLineTest>(); }

}  // namespace routelab::gui::tests

#include "command_line_test.moc"
