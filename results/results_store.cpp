#include "results/results_store.hpp"

#include <charconv>
#include <set>
#include <system_error>

namespace routelab::results {

namespace {

// Marks our files (PRAGMA application_id): 'RLSW', "routelab sweep".
constexpr std::int64_t kApplicationId = 0x524C5357;
// Bump when the layout of the fixed tables changes; older files are then refused, not misread.
constexpr std::int64_t kSchemaVersion = 1;
constexpr const char* kFormatName = "routelab sweep results";

const char* kFixedColumnsSql = R"(
  run_id TEXT PRIMARY KEY NOT NULL,
  params_fingerprint TEXT NOT NULL,
  point_id TEXT NOT NULL,
  plan_index INTEGER NOT NULL,
  parameters TEXT NOT NULL,
  router TEXT NOT NULL,
  router_name TEXT NOT NULL,
  router_params TEXT NOT NULL,
  replication INTEGER NOT NULL,
  master_seed TEXT NOT NULL,
  workload_seed TEXT NOT NULL,
  router_seed TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error TEXT,
  program_version TEXT NOT NULL)";

const char* kWindowsSql = R"(CREATE TABLE windows (
  run_id TEXT NOT NULL, window INTEGER NOT NULL, start_tick INTEGER NOT NULL, end_tick INTEGER NOT NULL,
  arrivals INTEGER NOT NULL, drops INTEGER NOT NULL, peak_queue INTEGER NOT NULL, max_over_mean REAL NOT NULL,
  utilization_mean REAL NOT NULL, utilization_max REAL NOT NULL, PRIMARY KEY (run_id, window)) WITHOUT ROWID;)";

ColumnRole parse_role(const std::string& text, const Database& db) {
  if (text == "parameter") return ColumnRole::parameter;
  if (text == "metric") return ColumnRole::metric;
  if (text == "wall") return ColumnRole::wall;
  throw ResultsError("database '" + db.file() + "' is corrupt: unknown column role '" + text + "'");
}

ColumnType parse_type(const std::string& text, const Database& db) {
  if (text == "INTEGER") return ColumnType::integer;
  if (text == "REAL") return ColumnType::real;
  if (text == "TEXT") return ColumnType::text;
  if (text == "") return ColumnType::any;
  throw ResultsError("database '" + db.file() + "' is corrupt: unknown column type '" + text + "'");
}

void write_meta(Database& db, const std::string& key, const std::string& value) {
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").bind(1, key).bind(2, value).run();
}

std::string read_meta(const Database& db, const std::string& key) {
  Statement statement = db.prepare("SELECT value FROM meta WHERE key = ?");
  statement.bind(1, key);
  if (!statement.step()) throw ResultsError("database '" + db.file() + "' is corrupt: no '" + key + "' in its meta table");
  return statement.text(0);
}

// A number kept as text in the meta table; a damaged value is named, not a raw "stoll" (issue 16).
std::int64_t meta_integer(const Database& db, const std::string& key) {
  const std::string text = read_meta(db, key);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || value < 0)
    throw ResultsError("'" + db.file() + "' is damaged: meta." + key + " is '" + text.substr(0, 40) +
                       "', expected a count >= 0");
  return value;
}

// The runs and windows tables have the columns this store reads and writes; a damaged or edited
// table is named here rather than failing later with raw SQL (issue 16).
void check_tables(const Database& db, const std::vector<ColumnSpec>& columns) {
  std::set<std::string> have;
  Statement info = db.prepare("SELECT name FROM pragma_table_info('runs')");
  while (info.step()) have.insert(info.text(0));
  std::vector<std::string> wanted = fixed_run_columns();
  for (const auto& column : columns) wanted.push_back(column.name);
  for (const auto& name : wanted)
    if (!have.count(name))
      throw ResultsError("'" + db.file() + "' is damaged: its runs table has no column '" + name +
                         "' (use a new database, or rerun the sweep)");
  Statement windows = db.prepare("SELECT count(*) FROM pragma_table_info('windows')");
  if (!windows.step() || windows.text(0) == "0")
    throw ResultsError("'" + db.file() + "' is damaged: it has no windows table");
}

// Checks, in order, that the file is SQLite, is ours, has our schema and is intact; each failure
// gets its own message, since "corrupt" and "someone else's database" call for different fixes.
void check_database(const Database& db) {
  std::string application;
  try {
    application = db.single_text("PRAGMA application_id");
  } catch (const ResultsError& error) {
    throw ResultsError("'" + db.file() + "' is not a SQLite database, or it is damaged (" + error.what() + ")");
  }
  if (std::stoll(application) != kApplicationId) {
    std::string tables;
    Statement list = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name LIMIT 8");
    while (list.step()) tables += (tables.empty() ? "" : ", ") + list.text(0);
    throw ResultsError("'" + db.file() + "' is a SQLite database but not a routelab results database (tables: " +
                       (tables.empty() ? "none" : tables) + ")");
  }
  const std::int64_t version = std::stoll(db.single_text("PRAGMA user_version"));
  if (version != kSchemaVersion)
    throw ResultsError("'" + db.file() + "' has results schema version " + std::to_string(version) +
                       "; this routelab reads version " + std::to_string(kSchemaVersion));
  std::string check;
  try {
    check = db.single_text("PRAGMA quick_check");
  } catch (const ResultsError& error) {
    throw ResultsError("'" + db.file() + "' is damaged: " + error.what());
  }
  if (check != "ok") throw ResultsError("'" + db.file() + "' is damaged: integrity check says: " + check);
}

std::string sql_type(ColumnType type) { return to_string(type); }

}  // namespace

std::string to_string(ColumnRole role) {
  switch (role) {
    case ColumnRole::parameter: return "parameter";
    case ColumnRole::metric: return "metric";
    case ColumnRole::wall: return "wall";
  }
  return "metric";
}

std::string to_string(ColumnType type) {
  switch (type) {
    case ColumnType::integer: return "INTEGER";
    case ColumnType::real: return "REAL";
    case ColumnType::text: return "TEXT";
    case ColumnType::any: return "";
  }
  return "";
}

const std::vector<std::string>& fixed_run_columns() {
  static const std::vector<std::string> columns = {
      "run_id", "params_fingerprint", "point_id", "plan_index", "parameters", "router", "router_name",
      "router_params", "replication", "master_seed", "workload_seed", "router_seed", "status", "error",
      "program_version"};
  return columns;
}

ResultsStore::ResultsStore(std::unique_ptr<Database> database, StoreIdentity identity)
    : database_(std::move(database)), identity_(std::move(identity)) {}

ResultsStore::~ResultsStore() = default;
ResultsStore::ResultsStore(ResultsStore&&) noexcept = default;

const std::string& ResultsStore::file() const { return database_->file(); }
Database& ResultsStore::database() { return *database_; }

ResultsStore ResultsStore::create(const std::filesystem::path& path, const StoreIdentity& identity) {
  if (std::filesystem::exists(path))
    throw ResultsError("'" + path.string() + "' already exists (pass --resume to continue it, or choose a new file)");
  for (const auto& column : identity.columns)
    for (const auto& fixed : fixed_run_columns())
      if (column.name == fixed)
        throw ResultsError("column '" + column.name + "' would clash with a fixed column of the runs table");
  const std::filesystem::path partial = path.string() + ".partial";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(partial.string() + suffix);
  {
    Database db(partial, Database::Mode::create);
    // WAL first, so that building the schema costs one sync (at close) instead of one per step.
    db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA application_id = " +
               std::to_string(kApplicationId) + "; PRAGMA user_version = " + std::to_string(kSchemaVersion) + ";");
    std::string runs = std::string("CREATE TABLE runs (") + kFixedColumnsSql;
    for (const auto& column : identity.columns) runs += ",\n  " + quote_identifier(column.name) + " " + sql_type(column.type);
    runs += ") WITHOUT ROWID;";
    db.execute("BEGIN");
    db.execute(runs);
    db.execute("CREATE INDEX runs_by_point ON runs (point_id, router);");
    db.execute(kWindowsSql);
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;");
    db.execute("CREATE TABLE columns (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, "
               "type TEXT NOT NULL);");
    Statement column = db.prepare("INSERT INTO columns (position, name, role, type) VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < identity.columns.size(); ++i)
      column.bind(1, static_cast<std::int64_t>(i))
          .bind(2, identity.columns[i].name)
          .bind(3, to_string(identity.columns[i].role))
          .bind(4, sql_type(identity.columns[i].type))
          .run();
    write_meta(db, "format", kFormatName);
    write_meta(db, "plan_fingerprint", identity.plan_fingerprint);
    write_meta(db, "program_version", identity.program_version);
    write_meta(db, "sweep_name", identity.sweep_name);
    write_meta(db, "sweep_text", identity.sweep_text);
    write_meta(db, "base_scenario", identity.base_scenario);
    write_meta(db, "planned_runs", std::to_string(identity.planned_runs));
    db.execute("COMMIT");
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) throw ResultsError("cannot rename '" + partial.string() + "' to '" + path.string() + "': " + error.message());
  return open(path, true);
}

ResultsStore ResultsStore::open(const std::filesystem::path& path, bool writable) {
  auto db = std::make_unique<Database>(path, writable ? Database::Mode::read_write : Database::Mode::read_only);
  check_database(*db);
  StoreIdentity identity;
  if (read_meta(*db, "format") != kFormatName) throw ResultsError("'" + db->file() + "' is corrupt: wrong format name");
  identity.plan_fingerprint = read_meta(*db, "plan_fingerprint");
  identity.program_version = read_meta(*db, "program_version");
  identity.sweep_name = read_meta(*db, "sweep_name");
  identity.sweep_text = read_meta(*db, "sweep_text");
  identity.base_scenario = read_meta(*db, "base_scenario");
  identity.planned_runs = meta_integer(*db, "planned_runs");
  Statement columns = db->prepare("SELECT name, role, type FROM columns ORDER BY position");
  while (columns.step())
    identity.columns.push_back(ColumnSpec{columns.text(0), parse_role(columns.text(1), *db), parse_type(columns.text(2), *db)});
  check_tables(*db, identity.columns);
  if (writable) db->execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  ResultsStore store(std::move(db), std::move(identity));
  if (writable) store.prepare_writes();
  return store;
}

void ResultsStore::prepare_writes() {
  std::string names;
  std::string marks;
  for (const auto& name : fixed_run_columns()) {
    names += (names.empty() ? "" : ", ") + name;
    marks += marks.empty() ? "?" : ", ?";
  }
  for (const auto& column : identity_.columns) {
    names += ", " + quote_identifier(column.name);
    marks += ", ?";
  }
  insert_run_ = std::make_unique<Statement>(database_->prepare("INSERT INTO runs (" + names + ") VALUES (" + marks + ")"));
  insert_window_ = std::make_unique<Statement>(database_->prepare(
      "INSERT INTO windows (run_id, window, start_tick, end_tick, arrivals, drops, peak_queue, max_over_mean, "
      "utilization_mean, utilization_max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
}

std::map<std::string, ExistingRun> ResultsStore::existing_runs() const {
  std::map<std::string, ExistingRun> runs;
  Statement statement = database_->prepare("SELECT run_id, params_fingerprint, status FROM runs");
  while (statement.step()) runs[statement.text(0)] = ExistingRun{statement.text(1), statement.text(2) == "ok"};
  return runs;
}

std::int64_t ResultsStore::run_count() const { return std::stoll(database_->single_text("SELECT count(*) FROM runs")); }

void ResultsStore::insert(const RunRecord& record) {
  if (!insert_run_) throw ResultsError("database '" + file() + "' was opened read-only");
  if (record.cells.size() != identity_.columns.size())
    throw ResultsError("internal error: a run record has " + std::to_string(record.cells.size()) + " values for " +
                       std::to_string(identity_.columns.size()) + " columns");
  database_->execute("BEGIN IMMEDIATE");
  try {
    const std::vector<Cell> fixed = {
        record.run_id, record.params_fingerprint, record.point_id, record.plan_index, record.parameters,
        record.router, record.router_name, record.router_params, record.replication, record.master_seed,
        record.workload_seed, record.router_seed, std::string(record.ok ? "ok" : "failed"),
        record.ok ? Cell{} : Cell{record.error}, identity_.program_version};
    Statement& run = *insert_run_;
    int i = 1;
    for (const auto& cell : fixed) run.bind(i++, cell);
    for (const auto& cell : record.cells) run.bind(i++, cell);
    run.run();
    for (const auto& w : record.windows) {
      const std::vector<Cell> cells = {record.run_id, w.index, w.start_tick, w.end_tick, w.arrivals,
                                       w.drops, w.peak_queue, w.max_over_mean, w.utilization_mean,
                                       w.utilization_max};
      for (std::size_t c = 0; c < cells.size(); ++c) insert_window_->bind(static_cast<int>(c) + 1, cells[c]);
      insert_window_->run();
    }
    database_->execute("COMMIT");
  } catch (...) {
    insert_run_->reset();
    insert_window_->reset();
    // SQLite may have rolled back already (it does on a full disk); a failing ROLLBACK then
    // ("cannot rollback - no transaction is active") must not hide the error that matters.
    try {
      database_->execute("ROLLBACK");
    } catch (const ResultsError&) {
    }
    throw;
  }
}

std::int64_t ResultsStore::delete_failed_runs() {
  database_->execute("BEGIN IMMEDIATE");
  const std::int64_t count = std::stoll(database_->single_text("SELECT count(*) FROM runs WHERE status = 'failed'"));
  database_->execute("DELETE FROM windows WHERE run_id IN (SELECT run_id FROM runs WHERE status = 'failed');"
                     "DELETE FROM runs WHERE status = 'failed'; COMMIT;");
  return count;
}

void ResultsStore::set_meta(const std::string& key, const std::string& value) { write_meta(*database_, key, value); }
std::string ResultsStore::meta(const std::string& key) const { return read_meta(*database_, key); }

void ResultsStore::for_each_run(const std::function<void(const StoredRun&)>& visit) const {
  std::string names = "point_id, parameters, plan_index, router, status, error";
  for (const auto& column : identity_.columns) names += ", " + quote_identifier(column.name);
  Statement statement = database_->prepare("SELECT " + names + " FROM runs ORDER BY plan_index, run_id");
  StoredRun run;
  while (statement.step()) {
    run.point_id = statement.text(0);
    run.parameters = statement.text(1);
    run.plan_index = statement.integer(2);
    run.router = statement.text(3);
    run.ok = statement.text(4) == "ok";
    run.error = statement.text(5);
    run.cells.clear();
    for (std::size_t i = 0; i < identity_.columns.size(); ++i) run.cells.push_back(statement.cell(static_cast<int>(i) + 6));
    visit(run);
  }
}

}  // namespace routelab::results
