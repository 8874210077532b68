// The constraint/filter language: grammar, precedence, types, errors with columns.
#include "scenarios/sweeps/sweep_expression.hpp"

#include <gtest/gtest.h>

namespace routelab::sweeps {
namespace {

const std::vector<std::string> kNames = {"routing.k", "tokens.zipf_s", "router", "flag", "table"};

ExprValue eval(const std::string& text, double k = 2, double s = 0.8, const std::string& router = "greedy",
               bool flag = true) {
  const std::vector<ExprValue> values = {k, s, router, flag};
  const std::vector<const ExprValue*> slots = {&values[0], &values[1], &values[2], &values[3], nullptr};
  return Expression(text, kNames).evaluate(slots);
}

bool truth(const std::string& text) { return std::get<bool>(eval(text)); }
double number(const std::string& text) { return std::get<double>(eval(text)); }

std::size_t error_column(const std::string& text) {
  try {
    eval(text);
  } catch (const ExpressionError& error) {
    return error.column();
  }
  ADD_FAILURE() << "no error for: " << text;
  return 0;
}

TEST(SweepExpression, ArithmeticFollowsUsualPrecedence) {
  EXPECT_DOUBLE_EQ(number("1 + 2 * 3"), 7);
  EXPECT_DOUBLE_EQ(number("(1 + 2) * 3"), 9);
  EXPECT_DOUBLE_EQ(number("10 - 4 - 3"), 3);  // left associative
  EXPECT_DOUBLE_EQ(number("2 * -routing.k"), -4);
  EXPECT_DOUBLE_EQ(number("7 % 4 + 1.5e1 / 3"), 8);
  EXPECT_DOUBLE_EQ(number(".5 + routing.k"), 2.5);
}

TEST(SweepExpression, ComparisonsAndLogic) {
  EXPECT_TRUE(truth("routing.k == 2 and tokens.zipf_s < 1"));
  EXPECT_TRUE(truth("routing.k >= 2 && !(tokens.zipf_s > 1)"));
  EXPECT_FALSE(truth("routing.k != 2 || tokens.zipf_s >= 1"));
  EXPECT_TRUE(truth("not flag or router == 'greedy'"));
  EXPECT_TRUE(truth("true and not false"));
  EXPECT_TRUE(truth("router == \"greedy\""));
  EXPECT_TRUE(truth("router < 'hash'"));  // strings order lexicographically
  // `and` binds tighter than `or`.
  EXPECT_TRUE(truth("true or false and false"));
  EXPECT_FALSE(truth("(true or false) and false"));
}

TEST(SweepExpression, InLists) {
  EXPECT_TRUE(truth("router in ['hash', 'greedy']"));
  EXPECT_FALSE(truth("router in []"));
  EXPECT_TRUE(truth("router not in ['hash']"));
  EXPECT_TRUE(truth("routing.k in [1, 2, 4]"));
  EXPECT_TRUE(truth("routing.k * 2 in [4]"));
}

TEST(SweepExpression, RightSideOfAndOrOnlyWhenNeeded) {
  // The right side would divide by zero; it must not be evaluated.
  EXPECT_FALSE(truth("routing.k > 5 and 1 / 0 > 1"));
  EXPECT_TRUE(truth("routing.k < 5 or 1 / 0 > 1"));
}

TEST(SweepExpression, ReportsUsedSlots) {
  const Expression expression("router == 'x' or routing.k > router_count", {"routing.k", "router", "router_count"});
  EXPECT_EQ(expression.used_slots(), (std::vector<std::size_t>{1, 0, 2}));
}

TEST(SweepExpression, SyntaxErrorsPointAtTheColumn) {
  EXPECT_EQ(error_column("routing.k = 2"), 11u);       // single '=' (with a hint)
  EXPECT_EQ(error_column("routing.k == "), 14u);       // value missing at the end
  EXPECT_EQ(error_column("(routing.k == 2"), 16u);     // unclosed parenthesis
  EXPECT_EQ(error_column("1 < routing.k < 3"), 15u);   // comparisons do not chain
  EXPECT_EQ(error_column("router == 'greedy"), 11u);   // unterminated string
  EXPECT_EQ(error_column("routing.kk > 1"), 1u);       // unknown name
  EXPECT_EQ(error_column("routing.k > 1 junk"), 15u);  // trailing input
  EXPECT_EQ(error_column("2x > 1"), 2u);
  EXPECT_EQ(error_column("routing.k $ 1"), 11u);
  EXPECT_EQ(error_column(""), 1u);
  EXPECT_EQ(error_column("and"), 1u);
}

TEST(SweepExpression, TypeErrorsAreErrorsNotFalse) {
  EXPECT_EQ(error_column("router == 2"), 8u);
  EXPECT_EQ(error_column("router + 1 > 0"), 8u);
  EXPECT_EQ(error_column("routing.k and true"), 11u);
  EXPECT_EQ(error_column("flag < true"), 6u);
  EXPECT_EQ(error_column("routing.k / 0 > 1"), 11u);
  EXPECT_EQ(error_column("table == 1"), 1u);  // a list/table value has no scalar meaning
  EXPECT_THROW(Expression("routing.k + 1", kNames).evaluate_bool({}), ExpressionError);
}

TEST(SweepExpression, UnknownNameMessageListsTheValidNames) {
  try {
    Expression("zipf > 1", kNames);
    FAIL();
  } catch (const ExpressionError& error) {
    EXPECT_NE(std::string(error.what()).find("unknown name 'zipf'"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("tokens.zipf_s"), std::string::npos);
  }
}

std::string repeat(std::string_view piece, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += piece;
  return text;
}

std::string depth_error(const std::string& text) {
  try {
    Expression(text, kNames);
  } catch (const ExpressionError& error) {
    return error.what();
  }
  return "no error";
}

// Issue 16 item 1: these overflowed the stack (exit 139) in the parser and the evaluator.
TEST(SweepExpression, DeepNestingIsAnErrorNotAStackOverflow) {
  const std::string too_deep = "nests more than 256 levels";
  EXPECT_NE(depth_error(repeat("(", 9000) + "true" + repeat(")", 9000)).find(too_deep), std::string::npos);
  EXPECT_NE(depth_error(repeat("not ", 60000) + "true").find(too_deep), std::string::npos);
  EXPECT_NE(depth_error(repeat("!", 60000) + "true").find(too_deep), std::string::npos);
  EXPECT_NE(depth_error(repeat("-", 60000) + "1 > 0").find(too_deep), std::string::npos);
  EXPECT_NE(depth_error("1" + repeat(" + 1", 50000) + " > 0").find(too_deep), std::string::npos);
  EXPECT_NE(depth_error("routing.k in [" + repeat("(", 5000) + "1" + repeat(")", 5000) + "]").find(too_deep),
            std::string::npos);
  EXPECT_EQ(error_column("true and " + repeat("(", 300) + "true" + repeat(")", 300)), 266u);
}

TEST(SweepExpression, NestingWithinTheLimitStillEvaluates) {
  EXPECT_TRUE(truth(repeat("(", 200) + "routing.k == 2" + repeat(")", 200)));
  EXPECT_TRUE(truth(repeat("not ", 200) + "flag"));
  EXPECT_DOUBLE_EQ(number(repeat("-", 200) + "routing.k"), 2);
  EXPECT_DOUBLE_EQ(number("0" + repeat(" + 1", 200)), 200);
}

TEST(SweepExpression, LongFlatAndOrChainsAreOneLevel) {
  // 50,000 `or` terms: a correct result, evaluated in a loop rather than 50,000 frames deep.
  EXPECT_TRUE(truth(repeat("routing.k == 3 or ", 50000) + "routing.k == 2"));
  EXPECT_FALSE(truth(repeat("routing.k == 3 or ", 50000) + "routing.k == 4"));
  EXPECT_TRUE(truth(repeat("flag and ", 50000) + "true"));
  EXPECT_FALSE(truth(repeat("flag && ", 50000) + "false"));
  EXPECT_TRUE(truth("false or false or false or true"));
  EXPECT_FALSE(truth("true and true and false and true"));
  // Short-circuit still holds across a chain: the division by zero is never reached.
  EXPECT_TRUE(truth("false or routing.k == 2 or 1 / 0 > 1"));
  EXPECT_FALSE(truth("true and routing.k == 3 and 1 / 0 > 1"));
}

TEST(SweepExpression, Describe) {
  EXPECT_EQ(describe(ExprValue(2.0)), "2");
  EXPECT_EQ(describe(ExprValue(0.25)), "0.25");
  EXPECT_EQ(describe(ExprValue(std::string("a\"b"))), "\"a\\\"b\"");
  EXPECT_EQ(describe(ExprValue(true)), "true");
}

}  // namespace
}  // namespace routelab::sweeps
