// The [trace] section: which recorded stream to replay. Relative paths are read from the scenario
// file's directory, or for a built-in scenario from the data directory (builtin_data_directory()).
#include "scenarios/scenario_paths.hpp"
#include "scenarios/scenario_sections.hpp"
#include "scenarios/traces/trace_loader.hpp"

namespace routelab {

namespace {

constexpr std::int64_t kMaxLayer = 1 << 16;  // far above any model's depth; catches typos early

TraceFormat parse_trace_format(const std::string& name) {
  if (name == "deepseek_csv") return TraceFormat::deepseek_csv;
  if (name == "jsonl") return TraceFormat::jsonl;
  throw_bad_choice("trace.format", "deepseek_csv, jsonl", name);
}

}  // namespace

void read_trace_section(TableReader& top, ScenarioSpec& spec) {
  const toml::node* node = top.table().get("trace");
  const toml::table* t = top.subtable("trace");
  if (!t) {
    if (spec.workload.kind == TokenKind::trace)
      top.fail(top.table().at_path("tokens.kind").node(), "tokens.kind",
               "\"trace\" needs a [trace] section naming the trace file");
    if (spec.workload.arrival == ArrivalProcess::trace)
      top.fail(top.table().at_path("batches.arrival").node(), "batches.arrival",
               "\"trace\" needs tokens.kind = \"trace\" and a [trace] section");
    return;
  }
  if (spec.workload.kind != TokenKind::trace) top.fail(node, "trace", "is read only with tokens.kind = \"trace\"");
  TableReader trace(*t, "trace", top.source());
  const toml::node* path_node = t->get("path");
  const std::string path = trace.string_or("path", "");
  if (path.empty()) trace.fail(path_node, "path", "expected the trace file or directory");
  spec.trace.path = resolve_scenario_relative(path, top.source());
  spec.trace.format = parse_choice(trace, "format", trace_format_for_path(path), parse_trace_format);
  const toml::node* layer = trace.get("layer");
  if (layer && layer->is_string()) {
    if (layer->as_string()->get() != "all") trace.fail(layer, "layer", "expected a layer number (1, 2, ...) or \"all\"");
    spec.trace.layer = 0;
  } else if (layer) {
    if (!layer->is_integer() || layer->as_integer()->get() < 1 || layer->as_integer()->get() > kMaxLayer)
      trace.fail(layer, "layer", "expected a layer number (1, 2, ...) or \"all\"");
    spec.trace.layer = static_cast<int>(layer->as_integer()->get());
  }
  spec.trace.skip_bad_rows = trace.boolean_or("skip_bad_rows", false);
  trace.reject_unknown();
}

}  // namespace routelab
