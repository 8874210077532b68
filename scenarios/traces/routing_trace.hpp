#pragma once
// A recorded token stream, as read from a trace file: per layer, the tokens in order with their
// keys, their group (the batch unit of `arrival = "trace"`: a prompt file, or a tick) and the
// experts the recording router chose.
#include <cstdint>
#include <string>
#include <vector>

#include "core/types.hpp"

namespace routelab {

struct TraceLayer {
  std::vector<std::uint64_t> keys;    // hash_string(token text), or the integer key as written
  std::vector<std::uint64_t> groups;  // prompt index (DeepSeek CSV) or recorded tick (JSON Lines)
  std::vector<ExpertId> experts;      // keys.size() x recorded_k, padded with kNoExpert

  std::size_t size() const { return keys.size(); }
};

struct RoutingTrace {
  std::string source;               // the file or directory read
  bool groups_are_ticks = false;    // true for JSON Lines (groups hold arrival ticks)
  int recorded_k = 0;               // expert choices per token; 0 when the trace has none
  ExpertId max_expert = kNoExpert;  // largest recorded expert id
  std::vector<TraceLayer> layers;   // layers[0] is layer 1
  std::vector<std::string> group_names;  // DeepSeek: the prompt file of each group
  std::int64_t rows = 0;            // data rows accepted
  std::int64_t rows_skipped = 0;    // malformed rows skipped (skip_bad_rows)
  std::string first_skipped;        // "file:line: why" of the first skipped row, for the report

  int layer_count() const { return static_cast<int>(layers.size()); }
};

}  // namespace routelab
