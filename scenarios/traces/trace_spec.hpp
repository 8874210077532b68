#pragma once
// The `[trace]` section of a scenario: which recorded token stream to replay, and how.
#include <memory>
#include <string>

namespace routelab {

struct RoutingTrace;

enum class TraceFormat {
  deepseek_csv,  // the DeepSeek-V2-Lite CSV files: one file per prompt, rows per (layer, token)
  jsonl,         // the generic JSON Lines format: {"tick": .., "key": .., "experts": [..]} per line
};

struct TraceSpec {
  std::string path;              // file or directory, resolved when the scenario was read
  TraceFormat format = TraceFormat::deepseek_csv;
  int layer = 1;                 // 1-based layer to replay; 0 = every layer (a layered run)
  bool skip_bad_rows = false;    // count and skip malformed rows instead of failing
  std::shared_ptr<const RoutingTrace> data;  // filled by load_trace_data(); shared by every run

  bool enabled() const { return !path.empty(); }
};

}  // namespace routelab
