// libFuzzer harness: the expression language of sweep constraints and --filter. The input is the
// expression; it is parsed over a fixed set of names and evaluated with fixed values of each kind
// (number, string, boolean, and a null slot as a list-valued parameter has).
#include <vector>

#include "fuzz/fuzz_input.hpp"
#include "scenarios/sweeps/sweep_expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using routelab::sweeps::ExprValue;
  static const std::vector<std::string> names{"routing.k", "experts.count", "router", "replication", "hot", "speeds"};
  static const ExprValue k = 2.0, count = 64.0, router = std::string("greedy"), replication = 0.0, hot = true;
  static const std::vector<const ExprValue*> slots{&k, &count, &router, &replication, &hot, nullptr};
  const std::string_view text = routelab::fuzz::as_text(data, size);
  routelab::fuzz::expect_only_typed_errors([&] {
    const routelab::sweeps::Expression expression(text, names);
    for (const std::size_t slot : expression.used_slots())
      if (slot >= names.size()) __builtin_trap();
    routelab::fuzz::expect_only_typed_errors([&] { (void)expression.evaluate(slots); });
    (void)expression.evaluate_bool(slots);
  });
  return 0;
}
