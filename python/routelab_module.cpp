// routelab._routelab: the simulator from Python (the `routelab` package wraps it, python/routelab/).
//
//   scenarios() -> [dict]                      the built-in scenario library
//   routers() -> [dict]                        every router with its parameter schema
//   load_scenario(name_or_path, overrides={}, seed=None) -> Scenario
//   router_seed(scenario, name, replication=0) the seed the engine gives router `name`
//   _runs(scenario, routers, replication, replications, ignore_budget) -> (document, [run records])
//
// Every run comes from the run builder (scenarios/run_builder), exactly as `routelab compare`
// builds it, so a scenario gives the same fingerprint here as on the command line. Runs of the
// built-in routers run in parallel with the GIL released; runs of Python routers run on the
// calling thread, holding it.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/optimum_report.hpp"
#include "cli/summary_report.hpp"
#include "core/errors.hpp"
#include "python/python_errors.hpp"
#include "python/python_router.hpp"
#include "python/run_recorder.hpp"
#include "results/confidence_interval.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/run_budget.hpp"
#include "scenarios/run_builder/run_builder.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_overrides.hpp"
#include "scenarios/sweeps/sweep_values.hpp"
#include "scenarios/traces/trace_loader.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace routelab::python {
namespace {

struct Scenario {
  ScenarioSpec spec;
  std::string reference;  // the name or path it was loaded from
  std::vector<ScenarioOverride> overrides;
  std::string toml;  // the resolved document
};

// A Python value as a TOML inline value (what --set would write).
std::string toml_value(const py::handle& value, const std::string& key) {
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>() ? "true" : "false";
  if (py::isinstance<py::int_>(value)) return py::str(value).cast<std::string>();
  if (py::isinstance<py::float_>(value)) return sweeps::canonical_float(value.cast<double>());
  if (py::isinstance<py::str>(value)) return sweeps::canonical_string(value.cast<std::string>());
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    std::string text = "[";
    for (const auto& item : value) text += (text.size() > 1 ? ", " : "") + toml_value(item, key);
    return text + "]";
  }
  if (py::isinstance<py::dict>(value)) {
    std::string text = "{";
    for (const auto& [k, v] : value.cast<py::dict>())
      text += (text.size() > 1 ? ", " : " ") + sweeps::canonical_string(py::str(k).cast<std::string>()) + " = " +
              toml_value(v, key);
    return text + " }";
  }
  throw py::type_error("overrides['" + key + "']: expected a bool, int, float, str, list or dict, got " +
                       py::str(py::type::of(value).attr("__name__")).cast<std::string>());
}

Scenario load_scenario(const std::string& name_or_path, const std::optional<py::dict>& overrides,
                       std::optional<std::uint64_t> seed) {
  Scenario scenario;
  scenario.reference = name_or_path;
  if (overrides)
    for (const auto& [key, value] : *overrides) {
      const std::string name = py::str(key).cast<std::string>();
      scenario.overrides.push_back({name, toml_value(value, name)});
    }
  if (seed)
    if (auto seed_text = seed_override(*seed)) scenario.overrides.push_back(*seed_text);
  scenario.spec = resolve_scenario(name_or_path, scenario.overrides);
  if (seed) scenario.spec.simulation.master_seed = *seed;  // also one too large for TOML
  scenario.spec.validate();
  load_trace_data(scenario.spec);
  scenario.toml = resolved_scenario_toml(name_or_path, scenario.overrides);
  return scenario;
}

Scenario as_scenario(const py::handle& object) {
  if (py::isinstance<Scenario>(object)) return object.cast<Scenario>();
  if (py::isinstance<py::str>(object)) return load_scenario(object.cast<std::string>(), std::nullopt, std::nullopt);
  if (py::hasattr(object, "__fspath__"))
    return load_scenario(py::str(object.attr("__fspath__")()).cast<std::string>(), std::nullopt, std::nullopt);
  throw py::type_error("scenario: expected a routelab.Scenario, a scenario name or a path, got " +
                       py::str(py::type::of(object).attr("__name__")).cast<std::string>());
}

py::object json_to_python(const nlohmann::ordered_json& document) {
  return py::module_::import("json").attr("loads")(document.dump());
}

template <typename T>
py::array_t<T> to_array(const std::vector<T>& values, std::size_t rows, std::size_t columns) {
  py::array_t<T> array(columns == 0 ? std::vector<py::ssize_t>{static_cast<py::ssize_t>(rows)}
                                    : std::vector<py::ssize_t>{static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(columns)});
  std::copy(values.begin(), values.end(), array.mutable_data());
  return array;
}

// One run's record for the Python RunResult.
py::dict run_record(const RunResult& result, const RunRecorder& recorder, std::size_t experts, int k) {
  const std::size_t windows = recorder.windows();
  py::dict record;
  record["router"] = result.router;
  record["replication"] = result.replication;
  record["layer"] = result.layer;
  nlohmann::ordered_json summary = cli::result_to_json(result);
  summary["optimum_gap"] = cli::optimum_gap_to_json(result, k);  // as the CLI's entry carries it
  record["summary"] = json_to_python(summary);
  record["fingerprint"] = fingerprint_hex(result.summary.fingerprint);
  record["window_start"] = to_array(recorder.start_, windows, 0);
  record["window_end"] = to_array(recorder.end_, windows, 0);
  record["window_loads"] = to_array(recorder.arrivals_, windows, experts);
  record["accepted"] = to_array(recorder.accepted_, windows, experts);
  record["served"] = to_array(recorder.served_, windows, experts);
  record["drops"] = to_array(recorder.drops_, windows, experts);
  record["queue_peak"] = to_array(recorder.peak_queue_, windows, experts);
  record["utilization"] = to_array(recorder.utilization_, windows, experts);
  record["expert_load"] = to_array(result.summary.expert_load, result.summary.expert_load.size(), 0);
  record["expert_served"] = to_array(result.summary.expert_served, result.summary.expert_served.size(), 0);
  record["latencies"] = to_array(recorder.latencies_, recorder.latencies_.size(), 0);
  std::vector<std::int64_t> expert, start, end, peak;
  std::vector<std::string> cause;
  for (const OverloadEvent& event : recorder.events_) {
    expert.push_back(event.expert);
    start.push_back(event.start);
    end.push_back(event.end);
    peak.push_back(event.peak);
    cause.emplace_back(to_string(event.cause));
  }
  record["overload_events"] = py::dict("expert"_a = to_array(expert, expert.size(), 0),
                                       "start"_a = to_array(start, start.size(), 0),
                                       "end"_a = to_array(end, end.size(), 0), "peak"_a = to_array(peak, peak.size(), 0),
                                       "cause"_a = cause);
  return record;
}

// The routers of a call: names (with the scenario's parameters for them), (name, {params}) pairs,
// or Python router objects, which join a registry of their own beside the built-ins.
struct CallRouters {
  RouterRegistry registry = builtin_router_registry();
  std::vector<RouterSpec> specs;
  std::vector<py::object> python_objects;  // kept alive for the call; the factories borrow them
  std::vector<std::string> python_names;
  bool is_python(const std::string& name) const {
    return std::find(python_names.begin(), python_names.end(), name) != python_names.end();
  }
};

void add_python_router(CallRouters& call, const py::object& object) {
  if (!py::hasattr(object, "route") || !PyCallable_Check(object.attr("route").ptr()))
    throw py::type_error("a router must be a name (str), a (name, {params}) pair, or an object with a route(batch) "
                         "method (subclass routelab.Router); got " +
                         py::str(py::type::of(object).attr("__name__")).cast<std::string>());
  const std::string name = python_router_name(object);
  for (const auto& existing : call.registry.names())
    if (existing == name)
      throw ConfigError("routers", "Python router '" + name + "' has the name of a " +
                                       (call.is_python(name) ? "Python router already given" : "built-in router") +
                                       "; give it another `name`");
  call.python_objects.push_back(object);
  call.python_names.push_back(name);
  PyObject* borrowed = object.ptr();
  std::string description = "Python router";
  if (py::hasattr(object, "description") && py::isinstance<py::str>(object.attr("description")))
    description = object.attr("description").cast<std::string>();
  // The factory runs on the calling thread (Python runs are never run in parallel), with the GIL.
  call.registry.add(RouterInfo{.name = name,
                               .description = description,
                               .randomized = true,
                               .factory = [borrowed](const RouterConfig& config) -> std::unique_ptr<Router> {
                                 return std::make_unique<PythonRouter>(borrowed, config, config.replication);
                               }});
  call.specs.push_back(RouterSpec{name, {}});
}

CallRouters call_routers(const ScenarioSpec& spec, const py::object& routers) {
  CallRouters call;
  if (routers.is_none()) {
    TrainedModelCache unused;
    call.specs = RunBuilder(call.registry, unused).default_routers(spec);
    return call;
  }
  std::vector<py::object> items;
  if (py::isinstance<py::str>(routers) || !py::isinstance<py::iterable>(routers) || py::isinstance<py::tuple>(routers)) {
    items.push_back(routers);
  } else {
    for (const auto& item : routers) items.push_back(py::reinterpret_borrow<py::object>(item));
  }
  for (const py::object& item : items) {
    if (py::isinstance<py::str>(item)) {
      const std::string name = item.cast<std::string>();
      call.registry.find(name);  // an unknown name: UnknownNameError listing the routers
      call.specs.push_back(scenario_router(spec, name));
    } else if (py::isinstance<py::tuple>(item) && py::len(item) == 2 && py::isinstance<py::str>(item[py::int_(0)])) {
      RouterSpec entry{item[py::int_(0)].cast<std::string>(), {}};
      call.registry.find(entry.name);
      for (const auto& [key, value] : item[py::int_(1)].cast<py::dict>()) {
        const py::object text = py::isinstance<py::bool_>(value) ? py::str(value.cast<bool>() ? "true" : "false")
                                                                 : py::str(value);
        entry.params.set(py::str(key).cast<std::string>(), text.cast<std::string>());
      }
      call.specs.push_back(entry);
    } else {
      add_python_router(call, item);
    }
  }
  check_distinct_routers(call.specs, "routers");
  return call;
}


// The runs of `routers` on `scenario`: every replication (replication < 0) or one, with a
// per-call replication count; returns the CLI's JSON document (as a dict) and one record per run.
py::tuple runs(const py::object& scenario_object, const py::object& routers, std::int64_t replication,
               std::optional<int> replications, std::optional<std::uint64_t> seed, bool ignore_budget) {
  Scenario scenario = as_scenario(scenario_object);
  ScenarioSpec& spec = scenario.spec;
  if (seed) spec.simulation.master_seed = *seed;
  if (replications) {
    if (*replications < 1) throw ConfigError("replications", "expected at least 1, got " + std::to_string(*replications));
    spec.replications = *replications;
  }
  if (!ignore_budget) check_run_budget(spec);
  CallRouters call = call_routers(spec, routers);
  TrainedModelCache models;
  const RunBuilder builder(call.registry, models);
  std::vector<RunKey> keys;
  if (replication < 0) {
    keys = comparison_runs(spec, call.specs);
  } else {
    for (const RouterSpec& router : call.specs)
      for (RunKey& key : router_runs(spec, router, static_cast<std::uint64_t>(replication))) keys.push_back(std::move(key));
  }

  std::vector<std::optional<RunResult>> results(keys.size());
  std::vector<RunRecorder> recorders(keys.size());
  std::vector<std::exception_ptr> errors(keys.size());
  std::vector<std::size_t> native, in_python;
  for (std::size_t i = 0; i < keys.size(); ++i) (call.is_python(keys[i].router.name) ? in_python : native).push_back(i);
  {
    py::gil_scoped_release release;  // built-in routers never call into Python
#pragma omp parallel for schedule(dynamic, 1)
    for (std::size_t j = 0; j < native.size(); ++j) {
      const std::size_t i = native[j];
      try {
        MetricsSink* sinks[] = {&recorders[i]};
        results[i] = builder.build(spec, keys[i], sinks)->run();
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  }
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (errors[i]) std::rethrow_exception(errors[i]);  // the first failure in comparison order
  for (const std::size_t i : in_python) {  // on this thread, holding the GIL; errors propagate as they are
    MetricsSink* sinks[] = {&recorders[i]};
    results[i] = builder.build(spec, keys[i], sinks)->run();
  }

  std::vector<RunResult> finished;
  py::list records;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    records.append(
        run_record(*results[i], recorders[i], static_cast<std::size_t>(spec.simulation.num_experts), spec.simulation.k));
    finished.push_back(std::move(*results[i]));
  }
  // What made these results, as the CLI's documents carry it (the command line is the script's).
  nlohmann::ordered_json document = cli::report_to_json(spec, finished);
  std::vector<ScenarioOverride> overrides = scenario.overrides;
  if (seed)
    if (auto seed_text = seed_override(*seed)) overrides.push_back(*seed_text);
  std::string command = "python3";
  for (const auto& argument : py::module_::import("sys").attr("argv")) command += " " + py::str(argument).cast<std::string>();
  document["provenance"] = {{"routelab_version", ROUTELAB_VERSION},
                            {"command_line", command},
                            {"seed", spec.simulation.master_seed},
                            {"replications", spec.replications},
                            {"scenario_toml", resolved_scenario_toml(scenario.reference, overrides)}};
  return py::make_tuple(json_to_python(document), records);
}

py::list scenario_list() {
  py::list list;
  for (const auto& name : builtin_scenario_names()) {
    const ScenarioSpec spec = load_builtin_scenario(name);
    list.append(py::dict("name"_a = name, "description"_a = spec.description));
  }
  return list;
}

py::list router_list() {
  py::list list;
  const RouterRegistry registry = builtin_router_registry();
  for (const RouterInfo& info : registry.entries()) {
    py::list parameters;
    for (const ParamSpec& param : info.parameters) {
      parameters.append(py::dict("name"_a = param.name, "type"_a = std::string(to_string(param.type)),
                                 "default"_a = param.default_value, "range"_a = describe_range(param),
                                 "min"_a = param.min, "max"_a = param.max, "min_exclusive"_a = param.min_exclusive,
                                 "max_is_experts"_a = param.max_is_experts, "choices"_a = param.choices,
                                 "meaning"_a = param.meaning));
    }
    list.append(py::dict("name"_a = info.name, "description"_a = info.description, "randomized"_a = info.randomized,
                         "needs_trace"_a = info.needs_trace, "learned"_a = static_cast<bool>(info.trainer),
                         "parameters"_a = parameters));
  }
  return list;
}

}  // namespace
}  // namespace routelab::python

PYBIND11_MODULE(_routelab, m) {
  using namespace routelab;
  using namespace routelab::python;
  m.doc() = "routelab: the MoE token-routing simulator (native part; use the `routelab` package)";
  m.attr("__version__") = ROUTELAB_VERSION;
  register_errors(m);
  bind_batch(m);
  py::class_<Scenario>(m, "Scenario", "a resolved, validated scenario (routelab.load_scenario)")
      .def_property_readonly("name", [](const Scenario& s) { return s.spec.name; })
      .def_property_readonly("description", [](const Scenario& s) { return s.spec.description; })
      .def_property_readonly("source", [](const Scenario& s) { return s.spec.source; })
      .def_property_readonly("seed", [](const Scenario& s) { return s.spec.simulation.master_seed; })
      .def_property_readonly("experts", [](const Scenario& s) { return s.spec.simulation.num_experts; })
      .def_property_readonly("k", [](const Scenario& s) { return s.spec.simulation.k; })
      .def_property_readonly("replications", [](const Scenario& s) { return s.spec.replications; })
      .def_property_readonly("routers", [](const Scenario& s) {
        std::vector<std::string> names;
        for (const auto& router : s.spec.routers) names.push_back(router.name);
        return names;
      })
      .def_property_readonly("overrides", [](const Scenario& s) {
        py::dict d;
        for (const auto& entry : s.overrides) d[py::str(entry.key)] = entry.value;
        return d;
      }, "the overrides applied, as TOML values")
      .def_property_readonly("toml", [](const Scenario& s) { return s.toml; }, "the resolved scenario as TOML text")
      .def("__repr__", [](const Scenario& s) {
        return "<routelab.Scenario '" + s.spec.name + "' from " + s.spec.source + ", " +
               std::to_string(s.spec.simulation.num_experts) + " experts, k=" + std::to_string(s.spec.simulation.k) + ">";
      });
  m.def("scenarios", &scenario_list, "the built-in scenario library: [{name, description}]");
  m.def("routers", &router_list, "every registered router with its parameter schema");
  m.def("load_scenario", &load_scenario, "name_or_path"_a, "overrides"_a = py::none(), "seed"_a = py::none(),
        "a library scenario or a TOML file, with overrides {dotted.key: value} applied as --set does");
  m.def("router_seed", [](const py::object& scenario, const std::string& name, std::uint64_t replication) {
        const Scenario resolved = as_scenario(scenario);
        return make_router_config(resolved.spec, RouterSpec{name, {}}, replication).seed;
      }, "scenario"_a, "name"_a, "replication"_a = 0, "the seed the engine derives for router `name`");
  m.def("mean_interval", [](const std::vector<double>& values) {
        const results::MeanInterval interval = results::mean_interval(values);
        return py::make_tuple(interval.mean, interval.half_width, interval.n);
      }, "values"_a, "(mean, 95% CI half-width, n): Student t, as `routelab report` computes it (NaN below 2 values)");
  m.def("_runs", &runs, "scenario"_a, "routers"_a, "replication"_a, "replications"_a, "seed"_a, "ignore_budget"_a);
}
