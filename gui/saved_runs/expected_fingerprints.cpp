#include "gui/saved_runs/expected_fingerprints.hpp"

#include "engine/metrics.hpp"

namespace routelab::gui {

std::optional<std::string> fingerprint_mismatch(const std::vector<ExpectedFingerprint>& expected,
                                                const std::vector<RunResult>& results) {
  for (const ExpectedFingerprint& want : expected) {
    const RunResult* found = nullptr;
    for (const RunResult& result : results)
      if (result.router == want.router && result.replication == want.replication && result.layer == want.layer)
        found = &result;
    std::string run = "router '" + want.router + "', replication " + std::to_string(want.replication);
    if (want.layer > 0) run += ", layer " + std::to_string(want.layer);
    if (found == nullptr) return want.where + ": the re-run has no result for " + run;
    const std::string got = fingerprint_hex(found->summary.fingerprint);
    if (got != want.fingerprint)
      return want.where + ": the re-run of " + run + " has fingerprint " + got + ", not " + want.fingerprint +
             " (made by another program version, or edited)";
  }
  return std::nullopt;
}

}  // namespace routelab::gui
