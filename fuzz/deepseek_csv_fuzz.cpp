// libFuzzer harness: the DeepSeek CSV trace reader. The first byte picks the reading mode
// (skip_bad_rows, and whether the scenario's experts.count = 64 and routing.k = 2 are checked);
// the rest is one prompt file's text.
#include "fuzz/fuzz_input.hpp"
#include "scenarios/traces/deepseek_trace_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool skip_bad_rows = (data[0] & 1) != 0;
  const routelab::TraceExpectations expected = (data[0] & 2) != 0 ? routelab::TraceExpectations{64, 2}
                                                                   : routelab::TraceExpectations{};
  const std::string_view text = routelab::fuzz::as_text(data + 1, size - 1);
  routelab::fuzz::expect_only_typed_errors([&] {
    routelab::RoutingTrace trace;
    routelab::read_deepseek_csv(text, "fuzz.csv", 0, skip_bad_rows, trace, expected);
    // The table the readers promise: keys x recorded_k experts per layer.
    for (const auto& layer : trace.layers)
      if (layer.experts.size() != layer.size() * static_cast<std::size_t>(trace.recorded_k)) __builtin_trap();
  });
  return 0;
}
