#pragma once
// The rules of the Chrome trace-event format (what https://ui.perfetto.dev and chrome://tracing
// read) that a comparison's trace.json must keep, and the tracks routelab promises in it
// (docs/cli-json.md): checked event by event, each broken rule reported with the event.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace routelab::testing {

struct TraceCheck {
  std::vector<std::string> violations;          // empty: the trace keeps every rule
  std::map<std::int64_t, std::int64_t> batches;    // pid -> batch slices
  std::map<std::int64_t, std::int64_t> overloads;  // pid -> overload slices
};

// `runs`: processes 1..runs are the comparison's runs (process 0 holds the provenance); each must
// have counter tracks "expert E" with `arrivals` and `queue_peak` for every expert and "run"
// with `dropped`.
inline TraceCheck check_trace(const std::string& text, int runs, int experts) {
  TraceCheck check;
  auto& violations = check.violations;
  nlohmann::json trace;
  try {
    trace = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    violations.push_back(std::string("the file is not one JSON document: ") + error.what());
    return check;
  }
  if (!trace.is_object() || !trace.contains("traceEvents") || !trace["traceEvents"].is_array()) {
    violations.push_back("no traceEvents array");
    return check;
  }
  std::set<std::int64_t> pids, named;
  std::map<std::int64_t, std::set<std::string>> counters;  // pid -> "track:series"
  std::size_t index = 0;
  for (const auto& event : trace["traceEvents"]) {
    const std::string where = "event " + std::to_string(index++) + " " + event.dump().substr(0, 160) + ": ";
    if (!event.is_object()) {
      violations.push_back(where + "not an object");
      continue;
    }
    if (!event.contains("ph") || !event["ph"].is_string() || !event.contains("name") || !event["name"].is_string()) {
      violations.push_back(where + "needs string ph and name");
      continue;
    }
    const std::string ph = event["ph"];
    const std::string name = event["name"];
    if (!event.contains("pid") || !event["pid"].is_number_integer() || !event.contains("tid") ||
        !event["tid"].is_number_integer()) {
      violations.push_back(where + "pid and tid must be integers");
      continue;
    }
    const auto pid = event["pid"].get<std::int64_t>();
    pids.insert(pid);
    if (ph != "M" || event.contains("ts")) {
      if (!event.contains("ts") || !event["ts"].is_number() || event["ts"].get<double>() < 0)
        violations.push_back(where + "ts must be a number >= 0");
    }
    if (ph == "X") {
      if (!event.contains("dur") || !event["dur"].is_number() || event["dur"].get<double>() < 0)
        violations.push_back(where + "a complete (X) event needs dur >= 0");
      const std::string category = event.value("cat", "");
      if (category == "batch") ++check.batches[pid];
      if (category == "overload") ++check.overloads[pid];
    } else if (ph == "C") {
      if (!event.contains("args") || !event["args"].is_object() || event["args"].empty()) {
        violations.push_back(where + "a counter (C) event needs args");
        continue;
      }
      for (const auto& [series, value] : event["args"].items()) {
        if (!value.is_number()) violations.push_back(where + "counter value '" + series + "' is not a number");
        counters[pid].insert(name + ":" + series);
      }
    } else if (ph == "M") {
      if (name == "process_name") {
        if (event.contains("args") && event["args"].contains("name") && event["args"]["name"].is_string())
          named.insert(pid);
        else
          violations.push_back(where + "process_name needs args.name");
      }
    } else {
      violations.push_back(where + "phase '" + ph + "' is none of M, C, X (the ones routelab writes)");
    }
  }
  for (const auto pid : pids)
    if (!named.count(pid)) violations.push_back("process " + std::to_string(pid) + " has no process_name event");
  for (std::int64_t run = 1; run <= runs; ++run) {
    const auto& tracks = counters[run];
    std::vector<std::string> wanted{"run:dropped"};
    for (int e = 0; e < experts; ++e)
      for (const char* series : {"arrivals", "queue_peak"}) wanted.push_back("expert " + std::to_string(e) + ":" + series);
    for (const auto& track : wanted)
      if (!tracks.count(track)) violations.push_back("process " + std::to_string(run) + " has no counter " + track);
  }
  return check;
}

}  // namespace routelab::testing
