#include "gui/sweeps/sqlite_catalog.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include "core/errors.hpp"
#include "gui/sweeps/number_text.hpp"

namespace routelab::gui {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

SqliteCatalog::SqliteCatalog(const std::string& path) : path_(path) {
  if (!std::filesystem::is_regular_file(path)) throw IoError("'" + path + "': no such file");
  db_ = std::make_unique<results::Database>(path, results::Database::Mode::read_only);
  discover();  // the first read reports "file is not a database" for a non-SQLite file
}

SqliteCatalog::~SqliteCatalog() = default;

void SqliteCatalog::discover() {
  auto tables = db_->prepare(
      "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name");
  while (tables.step()) tables_.push_back(TableInfo{tables.text(0), {}, 0});
  for (TableInfo& table : tables_) {
    auto info = db_->prepare("PRAGMA table_info(" + results::quote_identifier(table.name) + ")");
    while (info.step()) table.columns.push_back(ColumnInfo{info.text(1), info.text(2)});
    auto count = db_->prepare("SELECT COUNT(*) FROM " + results::quote_identifier(table.name));
    if (count.step()) table.rows = count.integer(0);
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
  auto statement = db_->prepare("SELECT * FROM " + results::quote_identifier(table) + " LIMIT ? OFFSET ?");
  statement.bind(1, limit).bind(2, offset);
  TablePage page;
  const int columns = statement.columns();
  for (int c = 0; c < columns; ++c) page.columns.push_back(statement.column_name(c));
  while (statement.step()) {
    auto& row = page.rows.emplace_back();
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (statement.is_blob(c)) {
        row.emplace_back("<blob " + std::to_string(statement.byte_count(c)) + " bytes>");
      } else {
        row.push_back(statement.cell(c));
      }
    }
  }
  return page;
}

std::string cell_text(const CellValue& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return shortest_text(v); }  // exact, without "%.17g" noise
    std::string operator()(const std::string& v) const { return v; }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace routelab::gui
