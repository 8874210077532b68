#pragma once
// Reads the generic JSON Lines trace format (docs/scenarios.md, "Trace formats"): one object per
// line, {"tick": 0, "key": "text" or 123, "experts": [3, 17]} with `experts` and `layer`
// (default 1) optional; other fields are ignored; blank lines are skipped. Ticks must not go
// down within a layer. A string key is hashed with hash_string, as token texts are.
#include <filesystem>
#include <istream>

#include "scenarios/traces/routing_trace.hpp"
#include "scenarios/traces/trace_expectations.hpp"

namespace routelab {

// A row whose expert id is not below expected.num_experts is a malformed row (file:line). Rows may
// record fewer experts than others (they are padded), but the widest row must offer expected.k.
RoutingTrace read_jsonl_trace(const std::filesystem::path& path, bool skip_bad_rows,
                              const TraceExpectations& expected = {});
RoutingTrace read_jsonl_trace(std::istream& input, const std::string& name, bool skip_bad_rows,
                              const TraceExpectations& expected = {});

}  // namespace routelab
