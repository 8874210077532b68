#pragma once
// Reads the DeepSeek-V2-Lite routing trace (tests/data/traces/deepseek-v2-lite/README.md): CSV
// files with the header `Layer ID,Batch Number,Token,Activated Expert IDs`, one row per (layer,
// token), the experts as a bracketed list "[8, 42, 46, 48, 56, 25]". A directory is read file by
// file in name order (*.csv), each file one prompt (one group).
#include <filesystem>
#include <string_view>

#include "scenarios/traces/routing_trace.hpp"
#include "scenarios/traces/trace_expectations.hpp"

namespace routelab {

// Throws TraceError (file:line) on a malformed row unless `skip_bad_rows`, which counts it instead;
// IoError when the path cannot be read. Rows that do not fit `expected` (an expert id beyond
// experts.count, fewer experts than routing.k) are malformed rows too.
RoutingTrace read_deepseek_trace(const std::filesystem::path& path, bool skip_bad_rows,
                                 const TraceExpectations& expected = {});

// One file's text appended to `trace` as group `group`; `name` is used in messages.
void read_deepseek_csv(std::string_view text, const std::string& name, std::uint64_t group, bool skip_bad_rows,
                       RoutingTrace& trace, const TraceExpectations& expected = {});

}  // namespace routelab
