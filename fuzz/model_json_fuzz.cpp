// libFuzzer harness: trained-model JSON files, read by the three learned routers. The first byte
// picks the router; the rest is the model text. The expert count is the one the model states
// (when it is a small positive integer), so a valid header gets past the count check and the
// router's own settings and parameter arrays are fuzzed too.
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_input.hpp"
#include "routers/router_registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const routelab::RouterRegistry registry = routelab::builtin_router_registry();
  static const char* const routers[] = {"softmax_topk", "signature", "learned_seed"};
  if (size == 0) return 0;
  routelab::RouterConfig config;
  config.name = routers[data[0] % 3];
  config.k = 2;
  config.model_json = std::string(routelab::fuzz::as_text(data + 1, size - 1));
  config.model_source = "fuzz-model.json";
  const auto document = nlohmann::json::parse(config.model_json, nullptr, /*allow_exceptions=*/false);
  config.num_experts = 8;
  if (document.is_object()) {
    const auto experts = document.find("experts");
    if (experts != document.end() && experts->is_number_integer() && experts->get<std::int64_t>() >= 1 &&
        experts->get<std::int64_t>() <= 4096)
      config.num_experts = experts->get<int>();
  }
  routelab::fuzz::expect_only_typed_errors([&] { (void)registry.create(config); });
  return 0;
}
