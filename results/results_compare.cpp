#include "results/results_compare.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace routelab::results {

namespace {

std::string spell(const Cell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return "null";
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&cell)) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", *d);
    return std::string(buffer) + "r";
  }
  return "'" + std::get<std::string>(cell) + "'";
}

// The columns of `runs` that comparisons read: everything but the wall-clock ones.
std::string compared_columns(const StoreIdentity& identity) {
  std::string names;
  for (const auto& name : fixed_run_columns()) names += (names.empty() ? "" : ", ") + name;
  for (const auto& column : identity.columns)
    if (column.role != ColumnRole::wall) names += ", " + quote_identifier(column.name);
  return names;
}

std::string row_text(const Statement& statement) {
  std::string text;
  for (int i = 0; i < statement.columns(); ++i)
    text += (i ? " | " : "") + statement.column_name(i) + "=" + spell(statement.cell(i));
  return text;
}

std::map<std::string, std::string> rows_by_id(ResultsStore& store) {
  std::map<std::string, std::string> rows;
  Statement statement = store.database().prepare("SELECT " + compared_columns(store.identity()) + " FROM runs");
  while (statement.step()) rows[statement.text(0)] = row_text(statement);
  Statement windows = store.database().prepare("SELECT * FROM windows ORDER BY run_id, window");
  while (windows.step()) rows[windows.text(0)] += "\n  window " + row_text(windows);
  return rows;
}

}  // namespace

std::vector<std::string> canonical_rows(ResultsStore& store) {
  std::vector<std::string> rows;
  for (auto& [id, row] : rows_by_id(store)) rows.push_back(std::move(row));
  return rows;
}

std::string canonical_run(Database& db, const std::string& schema, const StoreIdentity& identity,
                          const std::string& run_id) {
  Statement statement =
      db.prepare("SELECT " + compared_columns(identity) + " FROM " + quote_identifier(schema) + ".runs WHERE run_id = ?");
  statement.bind(1, run_id);
  return statement.step() ? row_text(statement) : std::string();
}

std::vector<std::string> compare_stores(ResultsStore& a, ResultsStore& b, std::size_t limit) {
  std::vector<std::string> differences;
  const StoreIdentity& x = a.identity();
  const StoreIdentity& y = b.identity();
  if (x.plan_fingerprint != y.plan_fingerprint)
    differences.push_back("plans differ: " + x.plan_fingerprint + " vs " + y.plan_fingerprint);
  if (x.program_version != y.program_version)
    differences.push_back("program versions differ: " + x.program_version + " vs " + y.program_version);
  if (x.columns != y.columns) differences.push_back("the column sets differ");
  if (!differences.empty()) return differences;
  const auto left = rows_by_id(a);
  const auto right = rows_by_id(b);
  auto i = left.begin();
  auto j = right.begin();
  while ((i != left.end() || j != right.end()) && differences.size() < limit) {
    if (j == right.end() || (i != left.end() && i->first < j->first)) {
      differences.push_back("run " + i->first + " only in " + a.file());
      ++i;
    } else if (i == left.end() || j->first < i->first) {
      differences.push_back("run " + j->first + " only in " + b.file());
      ++j;
    } else {
      if (i->second != j->second)
        differences.push_back("run " + i->first + " differs:\n  " + a.file() + ": " + i->second + "\n  " + b.file() +
                              ": " + j->second);
      ++i;
      ++j;
    }
  }
  return differences;
}

}  // namespace routelab::results
