#pragma once
// Runs the `routelab` CLI built beside the tests (ROUTELAB_CLI), for tests of what it writes.
#include <QByteArray>
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

}  // namespace routelab::gui::tests
