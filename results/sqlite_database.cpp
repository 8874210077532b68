#include "results/sqlite_database.hpp"

#include <sqlite3.h>

namespace routelab::results {

namespace {

// How long a statement waits for another connection's lock before failing: long enough to ride
// out a concurrent reader's checkpoint, short enough to report a second writer promptly.
constexpr int kBusyTimeoutMs = 5000;

[[noreturn]] void throw_sqlite(sqlite3* db, int code, const std::string& file, const std::string& what) {
  const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  const int primary = (db ? sqlite3_extended_errcode(db) : code) & 0xff;
  if (primary == SQLITE_FULL)  // say it plainly: the fix is room on the disk, not the database
    throw ResultsError("database '" + file + "': disk full (" + what + ": " + message +
                       "); every run stored before is kept: free space, then --resume");
  throw ResultsError("database '" + file + "': " + what + ": " + message);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql, const std::string& file) : db_(db), file_(&file) {
  const int code = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr);
  if (code != SQLITE_OK) throw_sqlite(db, code, file, "cannot prepare \"" + std::string(sql.substr(0, 80)) + "\"");
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), statement_(other.statement_), file_(other.file_) {
  other.statement_ = nullptr;
}

Statement& Statement::bind(int index, const Cell& value) {
  int code = SQLITE_OK;
  if (std::holds_alternative<std::monostate>(value)) {
    code = sqlite3_bind_null(statement_, index);
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    code = sqlite3_bind_int64(statement_, index, *i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    code = sqlite3_bind_double(statement_, index, *d);
  } else {
    const std::string& s = std::get<std::string>(value);
    code = sqlite3_bind_text(statement_, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  if (code != SQLITE_OK) throw_sqlite(db_, code, *file_, "cannot bind a value");
  return *this;
}

bool Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  const std::string sql = sqlite3_sql(statement_) ? sqlite3_sql(statement_) : "";
  sqlite3_reset(statement_);
  throw_sqlite(db_, code, *file_, "\"" + sql.substr(0, 80) + "\" failed");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int Statement::columns() const { return sqlite3_column_count(statement_); }

Cell Statement::cell(int column) const {
  switch (sqlite3_column_type(statement_, column)) {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(statement_, column));
    case SQLITE_FLOAT: return sqlite3_column_double(statement_, column);
    case SQLITE_NULL: return std::monostate{};
    default: return text(column);
  }
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  return bytes ? std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
               : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

bool Statement::is_blob(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_BLOB; }

std::int64_t Statement::byte_count(int column) const { return sqlite3_column_bytes(statement_, column); }

std::string Statement::column_name(int column) const { return sqlite3_column_name(statement_, column); }

Database::Database(const std::filesystem::path& path, Mode mode) : file_(path.string()) {
  if (mode != Mode::create && !std::filesystem::exists(path)) throw ResultsError("no results database at '" + file_ + "'");
  const int flags = mode == Mode::read_only    ? SQLITE_OPEN_READONLY
                    : mode == Mode::read_write ? SQLITE_OPEN_READWRITE
                                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int code = sqlite3_open_v2(file_.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    sqlite3_close(db_);
    db_ = nullptr;
    throw ResultsError("cannot open database '" + file_ + "': " + message);
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close(db_); }

Database::Database(Database&& other) noexcept : db_(other.db_), file_(std::move(other.file_)) { other.db_ = nullptr; }

void Database::execute(std::string_view sql) {
  char* message = nullptr;
  const int code = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    const std::string what = message ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    throw ResultsError("database '" + file_ + "': \"" + std::string(sql.substr(0, 80)) + "\" failed: " + what);
  }
}

Statement Database::prepare(std::string_view sql) const { return Statement(db_, sql, file_); }

std::string Database::single_text(std::string_view sql) const {
  Statement statement = prepare(sql);
  return statement.step() ? statement.text(0) : std::string();
}

void Database::fail(const std::string& what) const { throw_sqlite(db_, SQLITE_ERROR, file_, what); }

std::string quote_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace routelab::results
