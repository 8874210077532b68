#pragma once
// The small expression language of sweep constraints and `--filter`: arithmetic, comparisons,
// `in` lists and boolean logic over named values. Parsed once into a tree, names bound to slots
// once, then evaluated per run; nothing is ever executed but this evaluator (no eval of code).
//
// Grammar (docs/sweeps.md repeats it for users):
//   expression := or
//   or         := and { ("||" | "or") and }
//   and        := not { ("&&" | "and") not }
//   not        := ("!" | "not") not | comparison
//   comparison := sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=") sum | ["not"] "in" list ]
//   list       := "[" [ sum { "," sum } ] "]"
//   sum        := product { ("+" | "-") product }
//   product    := unary { ("*" | "/" | "%") unary }
//   unary      := "-" unary | primary
//   primary    := NUMBER | STRING | "true" | "false" | NAME | "(" expression ")"
//   NAME       := IDENT { "." IDENT }   with IDENT := [A-Za-z_][A-Za-z0-9_]*
//   STRING     := "..." or '...'        (\" \' \\ are the only escapes)
// Values are numbers (doubles), strings and booleans; mixing kinds in one operation is an error,
// as is dividing by zero. `and`/`or` evaluate their right side only when needed.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/errors.hpp"

namespace routelab::sweeps {

// A syntax, name or type error; `column` (1-based) points into the expression text.
class ExpressionError : public Error {
 public:
  ExpressionError(std::size_t column, const std::string& what)
      : Error("column " + std::to_string(column) + ": " + what), column_(column), what_(what) {}
  std::size_t column() const { return column_; }
  const std::string& detail() const { return what_; }

 private:
  std::size_t column_;
  std::string what_;
};

using ExprValue = std::variant<double, std::string, bool>;

class Expression {
 public:
  // Parses `text`; every name it uses must be one of `names` (the slots of `evaluate`).
  Expression(std::string_view text, const std::vector<std::string>& names);
  // Copies share the parsed tree, which is never modified after parsing.

  const std::string& text() const { return text_; }
  // The slot indices this expression reads (to skip work when none of them changed).
  const std::vector<std::size_t>& used_slots() const { return used_slots_; }

  // `slots[i]` is the value of names[i]; reading a null slot (a list or table value, which has no
  // scalar meaning) is an error naming the variable.
  ExprValue evaluate(const std::vector<const ExprValue*>& slots) const;
  bool evaluate_bool(const std::vector<const ExprValue*>& slots) const;  // result must be a boolean

  struct Node;

 private:
  std::string text_;
  std::vector<std::string> names_;
  std::vector<std::size_t> used_slots_;
  std::shared_ptr<const Node> root_;
};

std::string describe(const ExprValue& value);  // for messages: 1.5, "greedy", true

}  // namespace routelab::sweeps
