#pragma once
// Runs the `routelab` CLI built beside the tests (ROUTELAB_CLI), for tests of what it writes.
#include <QByteArray>
#include <QDir>
#include <QProcess>
#include <QStringList>
#include <QtGlobal>

namespace routelab::gui::tests {

// `routelab ARGS`: its stdout, or an empty array (with stderr as a warning) when it fails.
inline QByteArray run_cli(const QStringList& arguments) {
  constexpr int kTimeoutMs = 120000;
  QProcess process;
  process.start(ROUTELAB_CLI, arguments);
  if (!process.waitForFinished(kTimeoutMs)) return {};
  if (process.exitCode() != 0) qWarning("routelab failed: %s", process.readAllStandardError().constData());
  return process.exitCode() == 0 ? process.readAllStandardOutput() : QByteArray();
}

// `routelab sweep run` of examples/sweeps/capacity-vs-skew.toml into `database`, only the runs
// `filter` keeps (a few, so the tests stay short); false when it fails.
inline bool run_example_sweep(const QString& database, const QString& filter) {
  return !run_cli({"sweep", "run", QDir(ROUTELAB_EXAMPLES_DIR).filePath("sweeps/capacity-vs-skew.toml"), "--db", database,
                   "--jobs", "2", "--filter", filter})
              .isEmpty();
}

}  // namespace routelab::gui::tests
