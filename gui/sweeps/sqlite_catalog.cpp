#include "gui/sweeps/sqlite_catalog.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

#include "engine/errors.hpp"

namespace routelab::gui {

namespace {

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql, const std::string& path) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK)
      throw IoError("'" + path + "': " + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return statement_; }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

std::string quoted_identifier(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string column_text(sqlite3_stmt* statement, int column) {
  const auto* text = sqlite3_column_text(statement, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}

}  // namespace

SqliteCatalog::SqliteCatalog(const std::string& path) : path_(path) {
  if (!std::filesystem::is_regular_file(path)) throw IoError("'" + path + "': no such file");
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "cannot open";
    sqlite3_close(db_);
    db_ = nullptr;
    throw IoError("'" + path + "': " + message);
  }
  try {
    discover();  // the first read reports "file is not a database" for a non-SQLite file
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

SqliteCatalog::~SqliteCatalog() { sqlite3_close(db_); }

void SqliteCatalog::discover() {
  Statement tables(db_, "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name", path_);
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(tables.get())) == SQLITE_ROW) tables_.push_back(TableInfo{column_text(tables.get(), 0), {}, 0});
  if (rc != SQLITE_DONE) throw IoError("'" + path_ + "': " + sqlite3_errmsg(db_));
  for (TableInfo& table : tables_) {
    Statement info(db_, "PRAGMA table_info(" + quoted_identifier(table.name) + ")", path_);
    while (sqlite3_step(info.get()) == SQLITE_ROW)
      table.columns.push_back(ColumnInfo{column_text(info.get(), 1), column_text(info.get(), 2)});
    Statement count(db_, "SELECT COUNT(*) FROM " + quoted_identifier(table.name), path_);
    if (sqlite3_step(count.get()) == SQLITE_ROW) table.rows = sqlite3_column_int64(count.get(), 0);
  }
}

const TableInfo* SqliteCatalog::find_table(const std::string& name) const {
  for (const TableInfo& table : tables_)
    if (table.name == name) return &table;
  return nullptr;
}

std::optional<std::string> SqliteCatalog::runs_table() const {
  for (const TableInfo& table : tables_)
    if (lower(table.name) == "runs") return table.name;
  constexpr std::array<const char*, 4> kRunColumns = {"scenario", "router", "replication", "seed"};
  std::optional<std::string> best;
  int best_score = 1;  // at least two of the run columns
  for (const TableInfo& table : tables_) {
    int score = 0;
    for (const ColumnInfo& column : table.columns)
      for (const char* name : kRunColumns) score += lower(column.name) == name ? 1 : 0;
    if (score > best_score) {
      best_score = score;
      best = table.name;
    }
  }
  return best;
}

TablePage SqliteCatalog::read(const std::string& table, std::int64_t limit, std::int64_t offset) const {
  const TableInfo* info = find_table(table);
  if (!info) throw IoError("'" + path_ + "': no table named '" + table + "'");
  Statement statement(db_, "SELECT * FROM " + quoted_identifier(table) + " LIMIT ? OFFSET ?", path_);
  sqlite3_bind_int64(statement.get(), 1, limit);
  sqlite3_bind_int64(statement.get(), 2, offset);
  TablePage page;
  const int columns = sqlite3_column_count(statement.get());
  for (int c = 0; c < columns; ++c) page.columns.emplace_back(sqlite3_column_name(statement.get(), c));
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    auto& row = page.rows.emplace_back();
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(statement.get(), c)) {
        case SQLITE_INTEGER: row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement.get(), c))); break;
        case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(statement.get(), c)); break;
        case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
        case SQLITE_BLOB: row.emplace_back("<blob " + std::to_string(sqlite3_column_bytes(statement.get(), c)) + " bytes>"); break;
        default: row.emplace_back(column_text(statement.get(), c)); break;
      }
    }
  }
  if (rc != SQLITE_DONE) throw IoError("'" + path_ + "': " + sqlite3_errmsg(db_));
  return page;
}

std::string cell_text(const CellValue& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", v);
      return buffer;
    }
    std::string operator()(const std::string& v) const { return v; }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace routelab::gui
