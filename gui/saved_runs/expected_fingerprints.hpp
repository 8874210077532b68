#pragma once
// What a re-run must reproduce: the trajectory fingerprint of each (router, replication, layer)
// as a saved result recorded it, and where (file and field), so a mismatch names what to look at.
// Opening a saved run or a sweep point re-runs it through the run builder; this is the check that
// the re-run is the run that was saved, not merely one like it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/run_builder/run_result.hpp"

namespace routelab::gui {

struct ExpectedFingerprint {
  std::string router;
  std::uint64_t replication = 0;
  int layer = 0;
  std::string fingerprint;  // 16 hex digits, as summary.json and the sweep database write it
  std::string where;        // "DIR/summary.json: routers[1].fingerprint"
};

// The first expected run the results disagree with (a different fingerprint, or no result for
// it), as a message naming the file and field; nullopt when every expected run matches.
std::optional<std::string> fingerprint_mismatch(const std::vector<ExpectedFingerprint>& expected,
                                                const std::vector<RunResult>& results);

}  // namespace routelab::gui
