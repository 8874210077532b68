// libFuzzer harness: the JSON Lines trace reader. The first byte picks the reading mode as in
// deepseek_csv_fuzz.cpp; the rest is the file's text.
#include <sstream>

#include "fuzz/fuzz_input.hpp"
#include "scenarios/traces/jsonl_trace_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool skip_bad_rows = (data[0] & 1) != 0;
  const routelab::TraceExpectations expected = (data[0] & 2) != 0 ? routelab::TraceExpectations{64, 2}
                                                                   : routelab::TraceExpectations{};
  std::istringstream input(std::string(routelab::fuzz::as_text(data + 1, size - 1)));
  routelab::fuzz::expect_only_typed_errors([&] {
    const routelab::RoutingTrace trace = routelab::read_jsonl_trace(input, "fuzz.jsonl", skip_bad_rows, expected);
    for (const auto& layer : trace.layers) {
      if (layer.experts.size() != layer.size() * static_cast<std::size_t>(trace.recorded_k)) __builtin_trap();
      for (std::size_t i = 1; i < layer.groups.size(); ++i)
        if (layer.groups[i] < layer.groups[i - 1]) __builtin_trap();  // ticks never go back in a layer
    }
  });
  return 0;
}
