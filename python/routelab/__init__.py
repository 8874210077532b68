"""routelab: the MoE token-routing simulator from Python.

    import routelab
    scenario = routelab.load_scenario("zipf-hot", overrides={"routing.k": 4})
    result = routelab.run(scenario, "greedy")              # one run
    table = routelab.compare(scenario, ["greedy", "phase", MyRouter()]).to_pandas()

Every run is built by the same run builder as `routelab compare`, so a scenario gives the same
trajectory fingerprint here as on the command line. See docs/python.md.
"""
import os as _os

try:  # installed (cmake --install): the built-in scenarios' data files are under PREFIX/share/routelab
    from ._install_paths import DATA_DIR as _DATA_DIR
    _data = _os.path.normpath(_os.path.join(_os.path.dirname(_os.path.abspath(__file__)), _DATA_DIR))
    if _os.path.isdir(_data):
        _os.environ.setdefault("ROUTELAB_DATA_DIR", _data)
except ImportError:  # the build tree: the data is read from the source tree
    pass

from ._routelab import (  # noqa: F401  (re-exported)
    Batch,
    ConfigError,
    Error,
    IoError,
    RouterError,
    Scenario,
    UnknownNameError,
    __version__,
    load_scenario,
    mean_interval,
    router_seed,
    routers,
    scenarios,
)
from . import _routelab
from .results import Comparison, RunResult
from .router import Router

__all__ = [
    "Batch", "Comparison", "ConfigError", "Error", "IoError", "Router", "RouterError", "RunResult", "Scenario",
    "UnknownNameError", "compare", "load_scenario", "mean_interval", "router_seed", "routers", "run", "scenarios",
]


def run(scenario, router, seed=None, replication=0, ignore_budget=False):
    """One run of `router` (a name, a (name, {params}) pair, or a routelab.Router) on `scenario`
    (a Scenario, a library name or a TOML path) in replication `replication`; returns a RunResult.
    `seed` overrides the scenario's master seed. A trace replayed layer by layer is several runs:
    use compare(), or load the scenario with overrides={"trace.layer": N}."""
    if not isinstance(replication, int) or isinstance(replication, bool) or replication < 0:
        raise ConfigError("replication: expected an integer >= 0, got %r" % (replication,))
    document, records = _routelab._runs(scenario, [router], replication, None, seed, ignore_budget)
    if len(records) != 1:
        raise ConfigError("router: this scenario is %d runs (one per trace layer); use routelab.compare(), "
                          "or load it with overrides={'trace.layer': N}" % len(records))
    return RunResult(records[0], document)


def compare(scenario, routers=None, replications=None, seed=None, ignore_budget=False):
    """Every router in `routers` (default: the scenario's list, else every router that can run on
    it) on the same token streams, each replication (default: the scenario's own count, as
    `routelab compare` does), each trace layer; returns a Comparison in the CLI's order
    (router-major, then replication, then layer)."""
    document, records = _routelab._runs(scenario, routers, -1, replications, seed, ignore_budget)
    return Comparison([RunResult(record, document) for record in records], document)
