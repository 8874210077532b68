#include "scenarios/traces/trace_loader.hpp"

#include <filesystem>
#include <algorithm>

#include "core/errors.hpp"
#include "scenarios/traces/deepseek_trace_reader.hpp"
#include "scenarios/traces/jsonl_trace_reader.hpp"

namespace routelab {

TraceFormat trace_format_for_path(const std::string& path) {
  const auto extension = std::filesystem::path(path).extension();
  return extension == ".jsonl" || extension == ".ndjson" ? TraceFormat::jsonl : TraceFormat::deepseek_csv;
}

std::shared_ptr<const RoutingTrace> read_trace(const TraceSpec& spec, const TraceExpectations& expected) {
  if (spec.format == TraceFormat::jsonl)
    return std::make_shared<const RoutingTrace>(read_jsonl_trace(spec.path, spec.skip_bad_rows, expected));
  return std::make_shared<const RoutingTrace>(read_deepseek_trace(spec.path, spec.skip_bad_rows, expected));
}

std::vector<int> layers_present(const RoutingTrace& trace) {
  std::vector<int> layers;
  for (int layer = 1; layer <= trace.layer_count(); ++layer)
    if (trace.layers[static_cast<std::size_t>(layer - 1)].size() > 0) layers.push_back(layer);
  return layers;
}

std::string describe_layers(const std::vector<int>& layers) {
  std::string text;
  for (std::size_t i = 0; i < layers.size();) {
    std::size_t end = i;
    while (end + 1 < layers.size() && layers[end + 1] == layers[end] + 1) ++end;
    if (!text.empty()) text += ", ";
    text += std::to_string(layers[i]);
    if (end > i) text += ".." + std::to_string(layers[end]);
    i = end + 1;
  }
  return text;
}

void load_trace_data(ScenarioSpec& spec) {
  if (!spec.trace.enabled() || spec.trace.data) return;
  auto data = read_trace(spec.trace, TraceExpectations{spec.simulation.num_experts, spec.simulation.k});
  if (data->layer_count() == 0 || data->rows == 0)
    throw ConfigError("trace.path", "trace '" + spec.trace.path + "' holds no tokens");
  const std::vector<int> present = layers_present(*data);
  if (spec.trace.layer > 0 && std::find(present.begin(), present.end(), spec.trace.layer) == present.end())
    throw ConfigError("trace.layer", "trace '" + spec.trace.path + "' holds no rows of layer " +
                                         std::to_string(spec.trace.layer) + "; it has layer" +
                                         (present.size() == 1 ? " " : "s ") + describe_layers(present));
  if (data->max_expert >= spec.simulation.num_experts)
    throw ConfigError("experts.count", "the trace records expert " + std::to_string(data->max_expert) +
                                           ": expected experts.count >= " + std::to_string(data->max_expert + 1));
  spec.trace.data = std::move(data);
}

std::vector<int> layers_to_run(const ScenarioSpec& spec) {
  if (!spec.trace.enabled()) return {0};
  if (spec.trace.layer > 0) return {spec.trace.layer};
  if (!spec.trace.data) throw Error("layers_to_run: the trace is not loaded (call load_trace_data first)");
  return layers_present(*spec.trace.data);  // a layer with no rows is not run (it is not zeros)
}

}  // namespace routelab
