#pragma once
// The results of one sweep plan in one SQLite file (schema in docs/sweeps.md). One row per run in
// `runs`, optional per-window rows in `windows`, the plan's identity in `meta`, and the dynamic
// columns (parameters, metrics, wall-clock figures) described in `columns`. WAL mode; every run
// is committed in its own transaction, so killing the writer loses at most runs not yet inserted.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "results/sqlite_database.hpp"

namespace routelab::results {

enum class ColumnRole { parameter, metric, wall };  // wall: wall-clock figures, excluded from comparisons
enum class ColumnType { integer, real, text, any };

struct ColumnSpec {
  std::string name;
  ColumnRole role = ColumnRole::metric;
  ColumnType type = ColumnType::any;
  bool operator==(const ColumnSpec&) const = default;
};

// What makes two databases hold results of the same thing.
struct StoreIdentity {
  std::string plan_fingerprint;
  std::string program_version;
  std::string sweep_name;
  std::string sweep_text;     // the sweep file, verbatim
  std::string base_scenario;  // its source
  std::int64_t planned_runs = 0;
  std::vector<ColumnSpec> columns;  // the dynamic columns of `runs`, in order
};

struct WindowRow {
  std::int64_t index = 0;
  std::int64_t start_tick = 0;
  std::int64_t end_tick = 0;
  std::int64_t arrivals = 0;
  std::int64_t drops = 0;
  std::int64_t peak_queue = 0;
  double max_over_mean = 0;
  double utilization_mean = 0;
  double utilization_max = 0;
};

struct RunRecord {
  std::string run_id;
  std::string params_fingerprint;
  std::string point_id;
  std::int64_t plan_index = 0;
  std::string parameters;  // canonical "key = value, ..."
  std::string router;      // label
  std::string router_name;
  std::string router_params;
  std::int64_t replication = 0;
  std::string master_seed;  // decimal: seeds are unsigned 64-bit, SQLite integers are signed
  std::string workload_seed;
  std::string router_seed;
  bool ok = true;
  std::string error;
  std::vector<Cell> cells;  // aligned with StoreIdentity::columns
  std::vector<WindowRow> windows;
};

struct ExistingRun {
  std::string params_fingerprint;
  bool ok = true;
};

// A run as the report reads it back.
struct StoredRun {
  std::string point_id;
  std::string parameters;
  std::int64_t plan_index = 0;
  std::string router;
  bool ok = true;
  std::string error;
  std::vector<Cell> cells;  // aligned with StoreIdentity::columns
};

class ResultsStore {
 public:
  // Creates a new database (refuses an existing file); written under "<path>.partial" and renamed,
  // so a crash never leaves a half-made database under the real name.
  static ResultsStore create(const std::filesystem::path& path, const StoreIdentity& identity);
  // Opens and checks an existing database: SQLite, ours (application id), our schema version,
  // passes quick_check. Throws ResultsError with a message that says which of these failed.
  static ResultsStore open(const std::filesystem::path& path, bool writable);

  ~ResultsStore();
  ResultsStore(ResultsStore&&) noexcept;
  ResultsStore& operator=(ResultsStore&&) = delete;

  const StoreIdentity& identity() const { return identity_; }
  const std::string& file() const;
  Database& database();

  std::map<std::string, ExistingRun> existing_runs() const;
  std::int64_t run_count() const;
  void insert(const RunRecord& record);  // one transaction
  std::int64_t delete_failed_runs();     // for --retry-failed
  void set_meta(const std::string& key, const std::string& value);
  std::string meta(const std::string& key) const;

  void for_each_run(const std::function<void(const StoredRun&)>& visit) const;  // in plan order

 private:
  ResultsStore(std::unique_ptr<Database> database, StoreIdentity identity);
  void prepare_writes();

  std::unique_ptr<Database> database_;
  StoreIdentity identity_;
  std::unique_ptr<Statement> insert_run_;
  std::unique_ptr<Statement> insert_window_;
};

// The fixed columns of `runs`, before the dynamic ones (documented in docs/sweeps.md).
const std::vector<std::string>& fixed_run_columns();
std::string to_string(ColumnRole role);
std::string to_string(ColumnType type);

}  // namespace routelab::results
