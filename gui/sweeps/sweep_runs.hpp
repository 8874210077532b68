#pragma once
// The runs table of a routelab sweep database, read for charting: per run its router label,
// replication, status, the swept parameters' values and every numeric metric. Which columns are
// parameters and which metrics comes from the database's own `columns` table (docs/sweeps.md),
// so a metric added to the summary later is chartable without a change here.
#include <cstdint>
#include <string>
#include <vector>

#include "gui/sweeps/sqlite_catalog.hpp"

namespace routelab::gui {

struct SweepRun {
  std::string run_id;
  std::string router;  // the sweep's label
  std::uint64_t replication = 0;
  bool ok = false;
  std::vector<CellValue> parameters;  // one per SweepRuns::parameter_keys
  std::vector<double> metrics;        // one per SweepRuns::metric_names; NaN where NULL
};

struct SweepRuns {
  std::vector<std::string> parameter_keys;
  std::vector<std::string> metric_names;  // numeric metrics (INTEGER or REAL), in column order
  std::vector<SweepRun> runs;
};

// True when the file has what load_sweep_runs needs (tables runs and columns); other SQLite files
// are browsed as tables only.
bool is_sweep_database(const SqliteCatalog& catalog);

// Throws IoError naming the file, table and column when a needed column is missing.
SweepRuns load_sweep_runs(const SqliteCatalog& catalog);

}  // namespace routelab::gui
