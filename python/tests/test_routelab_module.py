"""The routelab module: scenarios, routers, overrides, runs and comparisons, parity with the CLI."""
import numpy as np
import pytest

import routelab

SMALL = {"length.tokens": 20000}


def test_scenarios_lists_the_library_with_descriptions():
    names = {entry["name"]: entry["description"] for entry in routelab.scenarios()}
    assert "default" in names and "zipf-hot" in names and "deepseek-layers" in names
    assert all(description for description in names.values())


def test_routers_carry_their_parameter_schemas():
    routers = {entry["name"]: entry for entry in routelab.routers()}
    assert {"greedy", "hash", "phase", "round_robin", "uniform"} <= set(routers)
    phase = {p["name"]: p for p in routers["phase"]["parameters"]}
    assert phase, "phase declares parameters"
    for parameter in phase.values():
        assert parameter["type"] in {"integer", "number", "text", "choice", "path"}
        assert parameter["meaning"]
    assert routers["trace"]["needs_trace"] and not routers["greedy"]["needs_trace"]
    assert routers["learned_seed"]["learned"] and not routers["hash"]["learned"]


def test_overrides_are_applied_and_shown_in_the_resolved_toml():
    scenario = routelab.load_scenario("default", overrides={"routing.k": 4, "routing.capacity_factor": 1.5,
                                                            "tokens.keys": "uniform"})
    assert scenario.k == 4 and scenario.name == "default" and scenario.source == "builtin:default"
    assert "k = 4" in scenario.toml and "capacity_factor = 1.5" in scenario.toml and "keys = 'uniform'" in scenario.toml
    plain = routelab.load_scenario("default")
    assert plain.k == 2 and "k = 2" in plain.toml


def test_override_errors_name_the_key_and_suggest():
    with pytest.raises(routelab.ConfigError, match=r"routing\.kk.*did you mean 'k'"):
        routelab.load_scenario("default", overrides={"routing.kk": 4})
    with pytest.raises(routelab.ConfigError, match=r"routing\.k"):
        routelab.load_scenario("default", overrides={"routing.k": 0})
    with pytest.raises(TypeError, match=r"overrides\['routing\.k'\]"):
        routelab.load_scenario("default", overrides={"routing.k": object()})


def test_library_errors_become_python_exceptions_with_the_message():
    with pytest.raises(routelab.UnknownNameError, match=r"zipf-hott.*zipf-hot"):
        routelab.load_scenario("zipf-hott")
    with pytest.raises(routelab.IoError, match=r"no-such\.toml"):
        routelab.load_scenario("no-such.toml")
    with pytest.raises(routelab.UnknownNameError, match=r"gredy.*greedy"):
        routelab.run("default", "gredy")
    assert issubclass(routelab.ConfigError, ValueError) and issubclass(routelab.ConfigError, routelab.Error)
    with pytest.raises(routelab.ConfigError, match="twice|distinct|named"):
        routelab.compare(routelab.load_scenario("default", overrides=SMALL), ["hash", "hash"])


def test_a_scenario_file_loads_and_runs(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(routelab.load_scenario("default", overrides=SMALL).toml)
    from_file = routelab.run(str(path), "hash")
    from_library = routelab.run(routelab.load_scenario("default", overrides=SMALL), "hash")
    assert from_file.fingerprint == from_library.fingerprint
    assert routelab.run(path, "hash").fingerprint == from_file.fingerprint  # os.PathLike too


@pytest.mark.parametrize("name,routers", [
    ("default", "greedy,hash,phase,round_robin"),
    ("zipf-hot", "hash,power_of_two,chwbl"),
    ("zipf-mild", "hash,greedy,uniform"),
    ("attack-collision", "hash,phase"),
    ("deepseek-layer1", "trace,greedy"),
])
def test_fingerprints_equal_the_cli(cli, name, routers):
    cli_json = cli("compare", "--scenario", name, "--set", "length.tokens=12000", "--routers", routers,
                   "--format", "json")
    scenario = routelab.load_scenario(name, overrides={"length.tokens": 12000})
    comparison = routelab.compare(scenario, routers.split(","))
    assert [r["fingerprint"] for r in cli_json["routers"]] == [run.fingerprint for run in comparison]
    assert [r["router"] for r in cli_json["routers"]] == [run.router for run in comparison]
    for ours, theirs in zip(comparison.summary, cli_json["routers"]):
        assert set(ours) == set(theirs)
        deterministic = {key for key in theirs if key not in ("wall_seconds", "events_per_second")}
        assert {key: ours[key] for key in deterministic} == {key: theirs[key] for key in deterministic}


def test_replications_and_layers_match_the_cli(cli):
    cli_json = cli("compare", "--scenario", "default", "--set", "length.tokens=8000", "--routers", "hash,uniform",
                   "--replications", "3", "--seed", "11", "--format", "json")
    comparison = routelab.compare(routelab.load_scenario("default", overrides={"length.tokens": 8000}),
                                  ["hash", "uniform"], replications=3, seed=11)
    assert [(r["router"], r["replication"], r["fingerprint"]) for r in cli_json["routers"]] == \
           [(run.router, run.replication, run.fingerprint) for run in comparison]
    assert len(set(run.fingerprint for run in comparison)) == 6  # replications draw their own streams
    # A sweep's 64-bit master seed (above INT64_MAX, so no TOML integer) gives the CLI's runs too.
    big_seed = 17598972231307299714
    cli_big = cli("compare", "--scenario", "default", "--set", "length.tokens=8000", "--routers", "hash",
                  "--seed", str(big_seed), "--format", "json")
    loaded = routelab.load_scenario("default", overrides={"length.tokens": 8000}, seed=big_seed)
    assert loaded.seed == big_seed
    assert [r["fingerprint"] for r in cli_big["routers"]] == [run.fingerprint for run in routelab.compare(loaded, ["hash"])]
    assert [r["fingerprint"] for r in cli_big["routers"]] == \
           [run.fingerprint for run in routelab.compare(routelab.load_scenario("default", overrides={"length.tokens": 8000}),
                                                        ["hash"], seed=big_seed)]
    layers = routelab.compare("deepseek-layers", ["hash"])
    cli_layers = cli("compare", "--scenario", "deepseek-layers", "--routers", "hash", "--format", "json")
    assert [(r.get("layer"), r["fingerprint"]) for r in cli_layers["routers"]] == \
           [(run.layer, run.fingerprint) for run in layers]
    assert len(layers) > 1
    with pytest.raises(routelab.ConfigError, match="trace.layer"):
        routelab.run("deepseek-layers", "hash")


def test_run_is_one_run_of_the_comparison_and_deterministic():
    scenario = routelab.load_scenario("zipf-mild", overrides=SMALL)
    comparison = routelab.compare(scenario, ["greedy", "phase"], replications=2)
    second = routelab.run(scenario, "phase", replication=1)
    assert second.fingerprint == [run for run in comparison if run.router == "phase"][1].fingerprint
    assert routelab.run(scenario, "phase", replication=1).fingerprint == second.fingerprint
    assert routelab.run(scenario, "phase", seed=5).fingerprint != routelab.run(scenario, "phase").fingerprint
    assert routelab.run(scenario, "phase", seed=5).summary["tokens"] == 20000


def test_series_are_consistent_with_the_summary():
    result = routelab.run(routelab.load_scenario("default", overrides=SMALL), "hash")
    summary = result.summary
    windows, experts = result.window_loads.shape
    assert experts == 64 and windows == summary["windows"]
    for name in ("accepted", "served", "drops", "queue_peak", "utilization"):
        assert getattr(result, name).shape == (windows, experts)
    assert result.window_loads.dtype == np.int64
    assert np.array_equal(result.window_loads.sum(axis=0), result.expert_load)
    assert result.window_loads.sum() == summary["assignments"]
    assert result.drops.sum() == summary["assignments_dropped"]
    # The run drains: what each expert took it served, and every assignment is taken or dropped.
    assert np.array_equal(result.accepted.sum(axis=0), result.expert_served)
    assert np.array_equal(result.served.sum(axis=0), result.expert_served)
    assert result.accepted.sum() + result.drops.sum() == summary["assignments"]
    assert list(result.expert_load) == summary["expert_load"]
    assert len(result.latencies) == summary["tokens_completed"]
    assert int(np.max(result.latencies)) == summary["latency_max"]
    assert np.all(result.window_end > result.window_start)
    events = result.overload_events
    assert len(events["expert"]) == summary["overload_events"] == len(events["cause"])
    assert result.fingerprint == summary["fingerprint"]


def test_to_pandas_tables():
    comparison = routelab.compare(routelab.load_scenario("default", overrides=SMALL), ["hash", "greedy"])
    table = comparison.to_pandas()
    assert list(table["router"]) == ["hash", "greedy"]
    assert {"fingerprint", "drop_rate", "load_max_over_mean", "latency_p99"} <= set(table.columns)
    windows = comparison["hash"].to_pandas()
    assert len(windows) == comparison["hash"].window_loads.size
    assert list(windows.columns[:4]) == ["router", "replication", "layer", "window"]
    assert windows["arrivals"].sum() == comparison["hash"].summary["assignments"]
    both = comparison.windows()
    assert len(both) == 2 * len(windows) and set(both["router"]) == {"hash", "greedy"}
    with pytest.raises(KeyError, match="greedy"):
        comparison["phase"]


def test_results_say_what_made_them():
    scenario = routelab.load_scenario("default", overrides={"length.tokens": 6000, "routing.k": 3})
    comparison = routelab.compare(scenario, ["hash"], seed=9)
    provenance = comparison.document["provenance"]
    assert provenance["routelab_version"] == routelab.__version__ and provenance["seed"] == 9
    assert "k = 3" in provenance["scenario_toml"] and "seed = 9" in provenance["scenario_toml"]
    rerun = routelab.compare(routelab.load_scenario("default", overrides={"length.tokens": 6000, "routing.k": 3,
                                                                          "seed": 9}), ["hash"])
    assert rerun["hash"].fingerprint == comparison["hash"].fingerprint
    assert comparison["hash"].scenario["provenance"] == provenance
