#pragma once
// Merging shard databases (one per Slurm array task) into one. All inputs must hold the same plan
// (plan fingerprint), come from the same program version and have the same columns; a run present
// in several inputs is kept once when its results agree and refused when they differ.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace routelab::results {

struct MergeSummary {
  std::int64_t runs = 0;                  // rows in the merged database
  std::int64_t failed = 0;                // of those, failed runs
  std::int64_t identical_duplicates = 0;  // runs found in more than one input (results equal)
  std::int64_t planned = 0;               // runs in the plan
  bool written = false;                   // false: --require-complete found runs missing
};

// Writes `output` (which must not exist) atomically: under a temporary name, renamed at the end.
// With `require_complete`, a merge that lacks planned runs writes nothing (`written` is false), so a
// job array's final step never leaves an incomplete database that looks like a result.
MergeSummary merge_stores(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& output,
                          bool require_complete = false);

}  // namespace routelab::results
