#pragma once
// The fingerprints of the runs a window shows and of those a summary.json lists, keyed alike, so a
// test compares a re-run with a saved run in one QCOMPARE.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <string>

#include "gui/app/main_window.hpp"
#include "gui/run/run_session.hpp"

namespace routelab::gui::tests {

using Fingerprints = std::map<std::string, std::string>;  // "router/replication" -> hex

inline Fingerprints fingerprints_of(const MainWindow& window) {
  Fingerprints out;
  for (RunSession* session : window.group()->sessions())
    for (const RunResult& result : session->results())
      out[result.router + "/" + std::to_string(result.replication)] = fingerprint_hex(result.summary.fingerprint);
  return out;
}

// Every run of a summary.json (`routelab compare --out`, `--format json`).
inline Fingerprints fingerprints_in(const QByteArray& json) {
  Fingerprints out;
  for (const auto& run : QJsonDocument::fromJson(json).object()["routers"].toArray()) {
    const QJsonObject o = run.toObject();
    out[o["router"].toString().toStdString() + "/" + std::to_string(o["replication"].toInt())] =
        o["fingerprint"].toString().toStdString();
  }
  return out;
}

}  // namespace routelab::gui::tests
