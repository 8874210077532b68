#include "scenarios/traces/trace_loader.hpp"

#include <filesystem>
#include <numeric>

#include "core/errors.hpp"
#include "scenarios/traces/deepseek_trace_reader.hpp"
#include "scenarios/traces/jsonl_trace_reader.hpp"

namespace routelab {

TraceFormat trace_format_for_path(const std::string& path) {
  const auto extension = std::filesystem::path(path).extension();
  return extension == ".jsonl" || extension == ".ndjson" ? TraceFormat::jsonl : TraceFormat::deepseek_csv;
}

std::shared_ptr<const RoutingTrace> read_trace(const TraceSpec& spec) {
  if (spec.format == TraceFormat::jsonl)
    return std::make_shared<const RoutingTrace>(read_jsonl_trace(spec.path, spec.skip_bad_rows));
  return std::make_shared<const RoutingTrace>(read_deepseek_trace(spec.path, spec.skip_bad_rows));
}

void load_trace_data(ScenarioSpec& spec) {
  if (!spec.trace.enabled() || spec.trace.data) return;
  auto data = read_trace(spec.trace);
  if (data->layer_count() == 0 || data->rows == 0)
    throw ConfigError("trace.path", "trace '" + spec.trace.path + "' holds no tokens");
  if (spec.trace.layer > data->layer_count())
    throw ConfigError("trace.layer", "the trace has layers 1.." + std::to_string(data->layer_count()) + ", not " +
                                         std::to_string(spec.trace.layer));
  if (data->max_expert >= spec.simulation.num_experts)
    throw ConfigError("experts.count", "the trace records expert " + std::to_string(data->max_expert) +
                                           ": expected experts.count >= " + std::to_string(data->max_expert + 1));
  spec.trace.data = std::move(data);
}

std::vector<int> layers_to_run(const ScenarioSpec& spec) {
  if (!spec.trace.enabled()) return {0};
  if (spec.trace.layer > 0) return {spec.trace.layer};
  if (!spec.trace.data) throw Error("layers_to_run: the trace is not loaded (call load_trace_data first)");
  std::vector<int> layers(static_cast<std::size_t>(spec.trace.data->layer_count()));
  std::iota(layers.begin(), layers.end(), 1);
  return layers;
}

}  // namespace routelab
