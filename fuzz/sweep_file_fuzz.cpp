// libFuzzer harness: the sweep-file parser (TOML text of a sweep file: scenario, routers, set,
// grid, constraints). Relative scenario paths resolve in the current directory, where there are
// none to find.
#include "fuzz/fuzz_input.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/sweeps/sweep_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const routelab::RouterRegistry registry = routelab::builtin_router_registry();
  const std::string_view text = routelab::fuzz::as_text(data, size);
  if (routelab::fuzz::names_a_device(text)) return 0;
  routelab::fuzz::expect_only_typed_errors([&] {
    const auto sweep = routelab::sweeps::parse_sweep_file(text, "fuzz-sweep.toml", ".", registry);
    (void)sweep.combinations();
    (void)sweep.expression_names();
  });
  return 0;
}
