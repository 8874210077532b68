#include "scenarios/sweeps/sweep_expression.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "scenarios/sweeps/sweep_values.hpp"

namespace routelab::sweeps {

namespace {

// How deep an expression tree may be, parentheses, `not` and unary minus included. The parser and
// the evaluator recurse once per level; without a bound a hostile `--filter` of 9,000 '(' overflows
// the stack. Real constraints nest a handful of levels; 256 keeps the worst recursion under a few
// hundred kilobytes even in a sanitizer build on a worker thread. Chains of `and`/`or` are n-ary
// nodes, so a flat list of 50,000 `or` terms is one level, not 50,000.
constexpr std::size_t kMaxDepth = 256;

enum class Op {
  literal, variable, negate, logical_not, logical_and, logical_or,
  add, subtract, multiply, divide, modulo,
  equal, not_equal, less, less_equal, greater, greater_equal, in_list, not_in_list
};

enum class TokenKind { number, string, name, symbol, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;
  double number = 0;
  std::size_t column = 1;
};

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const std::size_t column = i + 1;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      std::size_t end = i;
      while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
      if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
        std::size_t exponent = end + 1;
        if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
        if (exponent < text.size() && std::isdigit(static_cast<unsigned char>(text[exponent]))) {
          end = exponent;
          while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        }
      }
      Token token{TokenKind::number, std::string(text.substr(i, end - i)), 0, column};
      const auto parsed = std::from_chars(token.text.data(), token.text.data() + token.text.size(), token.number);
      if (parsed.ec != std::errc() || parsed.ptr != token.text.data() + token.text.size())
        throw ExpressionError(column, "malformed number '" + token.text + "'");
      if (end < text.size() && is_ident_start(text[end]))
        throw ExpressionError(end + 1, "unexpected '" + std::string(1, text[end]) + "' after a number");
      tokens.push_back(std::move(token));
      i = end;
    } else if (c == '"' || c == '\'') {
      std::string value;
      std::size_t j = i + 1;
      for (;; ++j) {
        if (j >= text.size()) throw ExpressionError(column, "unterminated string");
        if (text[j] == c) break;
        if (text[j] == '\\') {
          if (j + 1 >= text.size() || (text[j + 1] != '"' && text[j + 1] != '\'' && text[j + 1] != '\\'))
            throw ExpressionError(j + 1, "unknown escape (only \\\" \\' \\\\ are allowed)");
          ++j;
        }
        value += text[j];
      }
      tokens.push_back(Token{TokenKind::string, std::move(value), 0, column});
      i = j + 1;
    } else if (is_ident_start(c)) {
      std::size_t end = i;
      for (;;) {
        while (end < text.size() && is_ident_char(text[end])) ++end;
        if (end + 1 < text.size() && text[end] == '.' && is_ident_start(text[end + 1])) {
          ++end;
          continue;
        }
        break;
      }
      tokens.push_back(Token{TokenKind::name, std::string(text.substr(i, end - i)), 0, column});
      i = end;
    } else {
      static constexpr std::string_view kTwoChar[] = {"==", "!=", "<=", ">=", "&&", "||"};
      std::string symbol(1, c);
      if (i + 1 < text.size()) {
        const std::string pair(text.substr(i, 2));
        if (std::find(std::begin(kTwoChar), std::end(kTwoChar), pair) != std::end(kTwoChar)) symbol = pair;
      }
      if (symbol.size() == 1 && std::string_view("+-*/%<>!()[],").find(c) == std::string_view::npos) {
        std::string hint = c == '=' ? " (use '==' to compare)" : c == '&' ? " (use '&&')" : c == '|' ? " (use '||')" : "";
        throw ExpressionError(column, "unexpected character '" + symbol + "'" + hint);
      }
      tokens.push_back(Token{TokenKind::symbol, symbol, 0, column});
      i += symbol.size();
    }
  }
  tokens.push_back(Token{TokenKind::end, "", 0, text.size() + 1});
  return tokens;
}

}  // namespace

struct Expression::Node {
  Op op = Op::literal;
  std::size_t column = 1;
  ExprValue value;       // literal
  std::size_t slot = 0;  // variable
  std::size_t depth = 1; // levels of this subtree, bounded by kMaxDepth
  std::vector<std::unique_ptr<Node>> children;
};

namespace {

using Node = Expression::Node;

std::unique_ptr<Node> make(Op op, std::size_t column) {
  auto node = std::make_unique<Node>();
  node->op = op;
  node->column = column;
  return node;
}

[[noreturn]] void too_deep(std::size_t column) {
  throw ExpressionError(column, "the expression nests more than " + std::to_string(kMaxDepth) +
                                    " levels deep (parentheses, 'not', '-' and chained operators count); "
                                    "split it into several constraints");
}

// Every child goes in through here, so no tree deeper than kMaxDepth is ever built.
void adopt(Node& parent, std::unique_ptr<Node> child) {
  parent.depth = std::max(parent.depth, child->depth + 1);
  if (parent.depth > kMaxDepth) too_deep(parent.column);
  parent.children.push_back(std::move(child));
}

class Parser {
 public:
  Parser(std::string_view text, const std::vector<std::string>& names, std::vector<std::size_t>& used)
      : tokens_(tokenize(text)), names_(names), used_(used) {}

  std::unique_ptr<Node> parse_all() {
    if (peek().kind == TokenKind::end) throw ExpressionError(1, "empty expression");
    auto node = parse_or();
    if (peek().kind != TokenKind::end) throw ExpressionError(peek().column, "unexpected '" + peek().text + "'");
    return node;
  }

 private:
  const Token& peek() const { return tokens_[position_]; }
  const Token& next() { return tokens_[position_++]; }
  bool accept(std::string_view symbol_or_keyword) {
    const Token& token = peek();
    if ((token.kind == TokenKind::symbol || token.kind == TokenKind::name) && token.text == symbol_or_keyword) {
      ++position_;
      return true;
    }
    return false;
  }
  // Counts the parser's own recursion (which runs before any node exists, e.g. for "((((...").
  class NestingGuard {
   public:
    NestingGuard(Parser& parser, std::size_t column) : parser_(parser) {
      if (++parser_.nesting_ > kMaxDepth) too_deep(column);
    }
    ~NestingGuard() { --parser_.nesting_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

   private:
    Parser& parser_;
  };

  void expect(std::string_view symbol, const char* context) {
    if (!accept(symbol))
      throw ExpressionError(peek().column, "expected '" + std::string(symbol) + "' " + context + ", got " +
                                               (peek().kind == TokenKind::end ? "the end" : "'" + peek().text + "'"));
  }

  std::unique_ptr<Node> binary(Op op, std::size_t column, std::unique_ptr<Node> left, std::unique_ptr<Node> right) {
    auto node = make(op, column);
    adopt(*node, std::move(left));
    adopt(*node, std::move(right));
    return node;
  }

  // `a or b or c` is one n-ary node: the evaluator walks its children in a loop.
  std::unique_ptr<Node> parse_or() {
    auto first = parse_and();
    const std::size_t column = peek().column;
    if (!accept("||") && !accept("or")) return first;
    auto node = make(Op::logical_or, column);
    adopt(*node, std::move(first));
    do adopt(*node, parse_and());
    while (accept("||") || accept("or"));
    return node;
  }

  std::unique_ptr<Node> parse_and() {
    auto first = parse_not();
    const std::size_t column = peek().column;
    if (!accept("&&") && !accept("and")) return first;
    auto node = make(Op::logical_and, column);
    adopt(*node, std::move(first));
    do adopt(*node, parse_not());
    while (accept("&&") || accept("and"));
    return node;
  }

  std::unique_ptr<Node> parse_not() {
    const std::size_t column = peek().column;
    if (accept("!") || accept("not")) {
      const NestingGuard guard(*this, column);
      auto node = make(Op::logical_not, column);
      adopt(*node, parse_not());
      return node;
    }
    return parse_comparison();
  }

  std::unique_ptr<Node> parse_comparison() {
    auto left = parse_sum();
    const std::size_t column = peek().column;
    static const std::pair<std::string_view, Op> kComparisons[] = {
        {"==", Op::equal}, {"!=", Op::not_equal}, {"<=", Op::less_equal},
        {">=", Op::greater_equal}, {"<", Op::less}, {">", Op::greater}};
    for (const auto& [symbol, op] : kComparisons)
      if (accept(symbol)) return no_chain(binary(op, column, std::move(left), parse_sum()));
    bool negated = false;
    if (peek().kind == TokenKind::name && peek().text == "not" && tokens_[position_ + 1].text == "in") {
      ++position_;
      negated = true;
    }
    if (accept("in")) {
      auto node = make(negated ? Op::not_in_list : Op::in_list, column);
      adopt(*node, std::move(left));
      expect("[", "to start the list after 'in'");
      if (!accept("]")) {
        do adopt(*node, parse_sum());
        while (accept(","));
        expect("]", "to close the list");
      }
      return no_chain(std::move(node));
    }
    return left;
  }

  std::unique_ptr<Node> no_chain(std::unique_ptr<Node> node) {
    static constexpr std::string_view kComparisonTokens[] = {"==", "!=", "<", "<=", ">", ">=", "in"};
    if (std::find(std::begin(kComparisonTokens), std::end(kComparisonTokens), peek().text) !=
            std::end(kComparisonTokens) &&
        peek().kind != TokenKind::string)
      throw ExpressionError(peek().column, "comparisons do not chain; combine them with 'and'");
    return node;
  }

  std::unique_ptr<Node> parse_sum() {
    auto left = parse_product();
    for (;;) {
      const std::size_t column = peek().column;
      if (accept("+")) {
        left = binary(Op::add, column, std::move(left), parse_product());
      } else if (accept("-")) {
        left = binary(Op::subtract, column, std::move(left), parse_product());
      } else {
        return left;
      }
    }
  }

  std::unique_ptr<Node> parse_product() {
    auto left = parse_unary();
    for (;;) {
      const std::size_t column = peek().column;
      if (accept("*")) {
        left = binary(Op::multiply, column, std::move(left), parse_unary());
      } else if (accept("/")) {
        left = binary(Op::divide, column, std::move(left), parse_unary());
      } else if (accept("%")) {
        left = binary(Op::modulo, column, std::move(left), parse_unary());
      } else {
        return left;
      }
    }
  }

  std::unique_ptr<Node> parse_unary() {
    const std::size_t column = peek().column;
    if (accept("-")) {
      const NestingGuard guard(*this, column);
      auto node = make(Op::negate, column);
      adopt(*node, parse_unary());
      return node;
    }
    return parse_primary();
  }

  std::unique_ptr<Node> parse_primary() {
    const Token& token = next();
    auto node = make(Op::literal, token.column);
    switch (token.kind) {
      case TokenKind::number: node->value = token.number; return node;
      case TokenKind::string: node->value = token.text; return node;
      case TokenKind::end: throw ExpressionError(token.column, "expected a value, got the end");
      case TokenKind::symbol:
        if (token.text == "(") {
          const NestingGuard guard(*this, token.column);
          auto inner = parse_or();
          expect(")", "to close '('");
          return inner;
        }
        throw ExpressionError(token.column, "expected a value, got '" + token.text + "'");
      case TokenKind::name: break;
    }
    if (token.text == "true" || token.text == "false") {
      node->value = token.text == "true";
      return node;
    }
    static constexpr std::string_view kKeywords[] = {"and", "or", "not", "in"};
    if (std::find(std::begin(kKeywords), std::end(kKeywords), token.text) != std::end(kKeywords))
      throw ExpressionError(token.column, "expected a value, got the keyword '" + token.text + "'");
    const auto found = std::find(names_.begin(), names_.end(), token.text);
    if (found == names_.end()) {
      std::string valid;
      for (const auto& name : names_) valid += (valid.empty() ? "" : ", ") + name;
      throw ExpressionError(token.column, "unknown name '" + token.text + "' (valid names: " + valid + ")");
    }
    node->op = Op::variable;
    node->slot = static_cast<std::size_t>(found - names_.begin());
    if (std::find(used_.begin(), used_.end(), node->slot) == used_.end()) used_.push_back(node->slot);
    return node;
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
  std::size_t nesting_ = 0;
  const std::vector<std::string>& names_;
  std::vector<std::size_t>& used_;
};

const char* kind_name(const ExprValue& value) {
  if (std::holds_alternative<double>(value)) return "a number";
  if (std::holds_alternative<std::string>(value)) return "a string";
  return "a boolean";
}

class Evaluator {
 public:
  Evaluator(const std::vector<std::string>& names, const std::vector<const ExprValue*>& slots)
      : names_(names), slots_(slots) {}

  ExprValue eval(const Node& node) const {
    switch (node.op) {
      case Op::literal: return node.value;
      case Op::variable: {
        const ExprValue* value = node.slot < slots_.size() ? slots_[node.slot] : nullptr;
        if (!value)
          throw ExpressionError(node.column, "'" + names_[node.slot] + "' has a list or table value here, "
                                                                         "which expressions cannot use");
        return *value;
      }
      case Op::negate: return -number(node, eval(*node.children[0]));
      case Op::logical_not: return !boolean(node, eval(*node.children[0]));
      case Op::logical_and:
      case Op::logical_or: {
        // Short-circuit: stop at the first child that decides the result.
        const bool decisive = node.op == Op::logical_or;
        for (const auto& child : node.children)
          if (boolean(node, eval(*child)) == decisive) return decisive;
        return !decisive;
      }
      case Op::in_list:
      case Op::not_in_list: {
        const ExprValue needle = eval(*node.children[0]);
        bool found = false;
        for (std::size_t i = 1; i < node.children.size() && !found; ++i) found = equal(node, needle, eval(*node.children[i]));
        return node.op == Op::in_list ? found : !found;
      }
      case Op::equal: return equal(node, eval(*node.children[0]), eval(*node.children[1]));
      case Op::not_equal: return !equal(node, eval(*node.children[0]), eval(*node.children[1]));
      default: break;
    }
    const ExprValue left = eval(*node.children[0]);
    const ExprValue right = eval(*node.children[1]);
    switch (node.op) {
      case Op::less: return order(node, left, right) < 0;
      case Op::less_equal: return order(node, left, right) <= 0;
      case Op::greater: return order(node, left, right) > 0;
      case Op::greater_equal: return order(node, left, right) >= 0;
      case Op::add: return number(node, left) + number(node, right);
      case Op::subtract: return number(node, left) - number(node, right);
      case Op::multiply: return number(node, left) * number(node, right);
      case Op::divide:
      case Op::modulo: {
        const double a = number(node, left);
        const double b = number(node, right);
        if (b == 0) throw ExpressionError(node.column, "division by zero");
        return node.op == Op::divide ? a / b : std::fmod(a, b);
      }
      default: throw ExpressionError(node.column, "internal error: unknown operation");
    }
  }

 private:
  static double number(const Node& node, const ExprValue& value) {
    if (const double* n = std::get_if<double>(&value)) return *n;
    throw ExpressionError(node.column, std::string("expected a number, got ") + kind_name(value) + " (" +
                                           describe(value) + ")");
  }
  static bool boolean(const Node& node, const ExprValue& value) {
    if (const bool* b = std::get_if<bool>(&value)) return *b;
    throw ExpressionError(node.column, std::string("expected a boolean, got ") + kind_name(value) + " (" +
                                           describe(value) + ")");
  }
  static void same_kind(const Node& node, const ExprValue& a, const ExprValue& b) {
    if (a.index() != b.index())
      throw ExpressionError(node.column, std::string("cannot compare ") + kind_name(a) + " (" + describe(a) +
                                             ") with " + kind_name(b) + " (" + describe(b) + ")");
  }
  static bool equal(const Node& node, const ExprValue& a, const ExprValue& b) {
    same_kind(node, a, b);
    return a == b;
  }
  static int order(const Node& node, const ExprValue& a, const ExprValue& b) {
    same_kind(node, a, b);
    if (std::holds_alternative<bool>(a)) throw ExpressionError(node.column, "booleans have no order");
    return a < b ? -1 : (b < a ? 1 : 0);
  }

  const std::vector<std::string>& names_;
  const std::vector<const ExprValue*>& slots_;
};

}  // namespace

Expression::Expression(std::string_view text, const std::vector<std::string>& names)
    : text_(text), names_(names) {
  root_ = Parser(text, names_, used_slots_).parse_all();
}

ExprValue Expression::evaluate(const std::vector<const ExprValue*>& slots) const {
  return Evaluator(names_, slots).eval(*root_);
}

bool Expression::evaluate_bool(const std::vector<const ExprValue*>& slots) const {
  const ExprValue value = evaluate(slots);
  if (const bool* b = std::get_if<bool>(&value)) return *b;
  throw ExpressionError(1, std::string("expected the expression to be true or false, got ") + kind_name(value) +
                               " (" + describe(value) + ")");
}

std::string describe(const ExprValue& value) {
  if (const double* n = std::get_if<double>(&value)) {
    if (std::isfinite(*n) && *n == std::floor(*n) && std::fabs(*n) < 1e15) return std::to_string(static_cast<long long>(*n));
    return canonical_float(*n);
  }
  if (const bool* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  return canonical_string(std::get<std::string>(value));
}

}  // namespace routelab::sweeps
