#pragma once
// A thin RAII layer over the SQLite C API: one connection, prepared statements, and errors that
// name the database file. The one SQLite wrapper: the results store and the app's sweep browser
// (gui/sweeps/sqlite_catalog) both use it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include "core/errors.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace routelab::results {

// A results database could not be used: missing, not SQLite, not ours, corrupt, or another plan.
class ResultsError : public IoError {
 public:
  using IoError::IoError;
};

using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql, const std::string& file);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  Statement& bind(int index, const Cell& value);  // 1-based
  bool step();           // true while a row is available
  void run();            // steps to completion, then resets for reuse
  void reset();
  int columns() const;
  Cell cell(int column) const;  // 0-based; a BLOB reads as its bytes
  bool is_blob(int column) const;
  std::int64_t byte_count(int column) const;
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  std::string column_name(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  const std::string* file_;
};

class Database {
 public:
  enum class Mode { read_only, read_write, create };
  Database(const std::filesystem::path& path, Mode mode);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;

  void execute(std::string_view sql);  // one or more statements without results
  Statement prepare(std::string_view sql) const;
  std::string single_text(std::string_view sql) const;  // first column of the first row
  const std::string& file() const { return file_; }
  [[noreturn]] void fail(const std::string& what) const;  // adds SQLite's message and the file

 private:
  sqlite3* db_ = nullptr;
  std::string file_;
};

std::string quote_identifier(std::string_view name);  // "name" with embedded quotes doubled

}  // namespace routelab::results
