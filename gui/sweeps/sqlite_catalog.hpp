#pragma once
// A read-only look into any SQLite results file: its tables, their columns and rows. The schema is
// discovered (sqlite_schema + PRAGMA table_info), not assumed, so the browser works with whatever
// the sweep writer stores; runs_table() only guesses which table lists the runs. Built on the
// project's one SQLite wrapper (results/sqlite_database.hpp).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "results/sqlite_database.hpp"

namespace routelab::gui {

struct ColumnInfo {
  std::string name;
  std::string declared_type;  // as written in CREATE TABLE (may be empty)
};

struct TableInfo {
  std::string name;
  std::vector<ColumnInfo> columns;
  std::int64_t rows = 0;
};

using CellValue = results::Cell;  // NULL, INTEGER, REAL, TEXT (a BLOB shows as "<blob N bytes>")

struct TablePage {
  std::vector<std::string> columns;
  std::vector<std::vector<CellValue>> rows;
};

class SqliteCatalog {
 public:
  // Opens read-only; throws IoError naming the file when it is missing or not a SQLite database.
  explicit SqliteCatalog(const std::string& path);
  ~SqliteCatalog();
  SqliteCatalog(const SqliteCatalog&) = delete;
  SqliteCatalog& operator=(const SqliteCatalog&) = delete;

  const std::string& path() const { return path_; }
  const std::vector<TableInfo>& tables() const { return tables_; }
  const TableInfo* find_table(const std::string& name) const;

  // The table that most likely lists one row per run: named "runs", else the table with the most
  // of the columns scenario/router/replication/seed. Empty when nothing looks like it.
  std::optional<std::string> runs_table() const;

  // Up to `limit` rows starting at `offset`, in rowid order where there is one. Throws IoError on an
  // unknown table or a failed query.
  TablePage read(const std::string& table, std::int64_t limit, std::int64_t offset = 0) const;

 private:
  void discover();

  std::string path_;
  std::unique_ptr<results::Database> db_;
  std::vector<TableInfo> tables_;
};

std::string cell_text(const CellValue& value);

}  // namespace routelab::gui
