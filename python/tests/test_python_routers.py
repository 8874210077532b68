"""Routers written in Python, run inside the C++ engine."""
import numpy as np
import pytest

import routelab

SMALL = {"length.tokens": 20000}


class PyRoundRobin(routelab.Router):
    """round_robin re-implemented from the batch data: consecutive experts from a rotating slot."""
    name = "py_round_robin"

    def __init__(self, seed_of):
        self.seed_of = seed_of  # replication -> the built-in round_robin's seed

    def setup(self, config):
        self.experts = config.num_experts
        self.next = self.seed_of(config.replication) % config.num_experts

    def max_depth(self, k, num_experts):
        return min(num_experts, 2 * k)  # the built-in's fallback columns (next_choice)

    def route(self, batch):
        n, k = len(batch), batch.k
        depth = min(batch.depth, batch.num_experts)
        slots = (self.next + np.arange(n, dtype=np.int64) * k) % self.experts
        table = np.full((n, batch.depth), -1, dtype=np.int32)
        table[:, :depth] = (slots[:, None] + np.arange(depth)[None, :]) % self.experts
        self.next = int((self.next + n * k) % self.experts)
        return table


class Fixed(routelab.Router):
    """Returns whatever `make(batch)` builds."""

    def __init__(self, make, name="fixed"):
        self.make = make
        self.name = name

    def route(self, batch):
        return self.make(batch)


def first_k(batch):
    return np.tile(np.arange(batch.k, dtype=np.int32), (len(batch), 1))


@pytest.mark.parametrize("name", ["default", "zipf-mild", "zipf-hot"])
def test_a_python_router_returning_what_a_builtin_returns_gives_its_fingerprint(name):
    scenario = routelab.load_scenario(name, overrides=SMALL)
    router = PyRoundRobin(lambda replication: routelab.router_seed(scenario, "round_robin", replication))
    comparison = routelab.compare(scenario, ["round_robin", router], replications=2)
    by_router = {}
    for run in comparison:
        by_router.setdefault(run.router, []).append(run)
    for builtin, ours in zip(by_router["round_robin"], by_router["py_round_robin"]):
        assert builtin.fingerprint == ours.fingerprint
        assert builtin.summary["drop_rate"] == ours.summary["drop_rate"]
        assert np.array_equal(builtin.window_loads, ours.window_loads)
    assert by_router["round_robin"][0].fingerprint != by_router["round_robin"][1].fingerprint


def test_a_python_router_that_differs_gives_another_fingerprint():
    scenario = routelab.load_scenario("default", overrides=SMALL)
    router = PyRoundRobin(lambda replication: routelab.router_seed(scenario, "round_robin", replication) + 1)
    assert routelab.run(scenario, router).fingerprint != routelab.run(scenario, "round_robin").fingerprint


def test_python_routers_are_deterministic_and_leave_builtins_unchanged():
    scenario = routelab.load_scenario("default", overrides=SMALL)
    alone = routelab.compare(scenario, ["greedy", "hash"])
    mixed = routelab.compare(scenario, ["greedy", Fixed(first_k), "hash"])
    assert [r.router for r in mixed] == ["greedy", "fixed", "hash"]
    assert mixed["greedy"].fingerprint == alone["greedy"].fingerprint
    assert mixed["hash"].fingerprint == alone["hash"].fingerprint
    assert routelab.run(scenario, Fixed(first_k)).fingerprint == mixed["fixed"].fingerprint
    # every token on experts 0..k-1: all load there
    load = mixed["fixed"].expert_load
    assert load[:2].sum() == load.sum() > 0


def test_batch_exposes_views_of_the_engine_buffers():
    seen = {}

    def inspect(batch):
        if not seen:
            seen["repr"] = repr(batch)
            for name in ("keys", "token_ids", "arrivals", "classes", "loads", "capacities", "embeddings"):
                array = getattr(batch, name)
                seen[name] = (array.flags.owndata, array.flags.writeable, array.dtype, array.shape)
            seen["degrees"] = batch.degrees.copy()
            seen["ids"] = batch.token_ids.copy()
            seen["capacity"] = batch.capacities.copy()
            seen["batch"] = batch
            seen["n"], seen["k"], seen["experts"] = len(batch), batch.k, batch.num_experts
        seen.setdefault("loads_total", []).append(int(batch.loads.sum()))
        return first_k(batch)

    scenario = routelab.load_scenario("semantic-clusters", overrides={"length.tokens": 4096})
    routelab.run(scenario, Fixed(inspect, "inspect"))
    n = seen["n"]
    for name, dtype, shape in [("keys", np.uint64, (n,)), ("token_ids", np.uint64, (n,)), ("arrivals", np.int64, (n,)),
                               ("classes", np.int32, (n,)), ("loads", np.int64, (seen["experts"],)),
                               ("capacities", np.int32, (seen["experts"],)), ("embeddings", np.float32, (n, 32))]:
        owndata, writeable, got_dtype, got_shape = seen[name]
        assert not owndata and not writeable, name  # a view, read-only
        assert got_dtype == dtype and got_shape == shape, name
    assert np.array_equal(seen["ids"], np.arange(n))
    assert np.all(seen["degrees"] == -1)
    assert seen["capacity"].sum() >= n * seen["k"]  # capacity factor >= 1
    assert seen["loads_total"][0] == 0 and max(seen["loads_total"]) > 0
    assert "batch 0" in seen["repr"]
    with pytest.raises(ValueError, match="only during route"):
        seen["batch"].keys  # the Batch outlived its call


def test_setup_sees_each_run():
    configs = []

    class Recorder(routelab.Router):
        def setup(self, config):
            configs.append((config.replication, config.seed, config.num_experts, config.k))

        def route(self, batch):
            return first_k(batch)

    scenario = routelab.load_scenario("default", overrides={"length.tokens": 2048})
    routelab.compare(scenario, [Recorder()], replications=3)
    assert [c[0] for c in configs] == [0, 1, 2]
    assert len({c[1] for c in configs}) == 3 and configs[0][2:] == (64, 2)
    assert configs[1][1] == routelab.router_seed(scenario, "Recorder", 1)


def test_an_exception_in_route_names_the_batch():
    def boom(batch):
        if batch.index == 3:
            raise ValueError("no expert for you")
        return first_k(batch)

    with pytest.raises(routelab.RouterError, match=r"router 'fixed'.*batch 3 \(tick \d+, \d+ tokens\).*ValueError: no expert") as caught:
        routelab.run(routelab.load_scenario("default", overrides=SMALL), Fixed(boom))
    assert isinstance(caught.value.__cause__, ValueError)


@pytest.mark.parametrize("make,error,message", [
    (lambda b: first_k(b).tolist(), TypeError, r"returned list; expected a numpy.ndarray of shape \(\d+, 2\)"),
    (lambda b: first_k(b).astype(np.float64), TypeError, r"returned dtype float64"),
    (lambda b: first_k(b).astype(np.uint32), TypeError, r"returned dtype uint32"),
    (lambda b: first_k(b)[:, :1], ValueError, r"returned shape \(\d+, 1\)"),
    (lambda b: first_k(b)[:-1], ValueError, r"returned shape"),
    (lambda b: first_k(b).reshape(-1), ValueError, r"returned shape \(\d+,\)"),
    (lambda b: first_k(b) + 63, ValueError, r"expert id 64 for token 0 \(column 1\); valid: -1 \(none\) or 0..63"),
    (lambda b: first_k(b) - 2, ValueError, r"expert id -2 for token 0"),
    (lambda b: np.zeros((len(b), b.k), dtype=np.int32), ValueError, r"expert 0 twice for token 0"),
])
def test_bad_returns_are_clear_errors(make, error, message):
    scenario = routelab.load_scenario("default", overrides={"length.tokens": 2048})
    with pytest.raises(error, match=r"router 'fixed' \(replication 0\), batch 0 .*" + message):
        routelab.run(scenario, Fixed(make))


def test_padding_and_other_integer_dtypes_are_accepted():
    scenario = routelab.load_scenario("default", overrides={"length.tokens": 2048})

    def padded(batch):
        table = first_k(batch).astype(np.int64)
        table[:, 1] = -1
        return table

    result = routelab.run(scenario, Fixed(padded))
    assert result.summary["assignments"] == 2048 and result.summary["fill_ratio"] == 0.5


def test_names_and_objects_are_checked():
    scenario = routelab.load_scenario("default", overrides={"length.tokens": 2048})
    with pytest.raises(routelab.ConfigError, match="built-in router"):
        routelab.run(scenario, Fixed(first_k, name="greedy"))
    with pytest.raises(routelab.ConfigError, match="already given"):
        routelab.compare(scenario, [Fixed(first_k), Fixed(first_k)])
    with pytest.raises(TypeError, match="route\\(batch\\)"):
        routelab.run(scenario, 42)
    with pytest.raises(routelab.RouterError, match="NotImplementedError: Router.route") as caught:
        routelab.run(scenario, routelab.Router())
    assert isinstance(caught.value.__cause__, NotImplementedError)
