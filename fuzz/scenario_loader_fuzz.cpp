// libFuzzer harness: the scenario loader (TOML text of a scenario file). An input must load or
// fail with a typed error; never crash, hang, overflow or throw anything else.
#include "fuzz/fuzz_input.hpp"
#include "scenarios/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = routelab::fuzz::as_text(data, size);
  if (routelab::fuzz::names_a_device(text)) return 0;
  routelab::fuzz::expect_only_typed_errors([&] { routelab::parse_scenario(text, "fuzz.toml"); });
  return 0;
}
