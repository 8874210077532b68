#pragma once
// Comparing results databases by content: every row of `runs` and `windows` as text, in run id
// order, without the wall-clock columns. Equal texts mean equal results, whatever order the runs
// were written in (any --jobs, any number of kills and resumes, any sharding).
#include <string>
#include <vector>

#include "results/results_store.hpp"

namespace routelab::results {

std::vector<std::string> canonical_rows(ResultsStore& store);

// One run's row of `runs` in `schema` ("main" or an attached name), as canonical_rows spells it.
std::string canonical_run(Database& db, const std::string& schema, const StoreIdentity& identity,
                          const std::string& run_id);

// Human-readable differences between two databases (at most `limit`), empty when they hold the
// same plan and the same results.
std::vector<std::string> compare_stores(ResultsStore& a, ResultsStore& b, std::size_t limit);

}  // namespace routelab::results
