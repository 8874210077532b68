#!/usr/bin/python3
"""The default scenario's model written in SimPy, as an outside reference for routelab.

Debian's python3-simpy is SimPy 2.3 (module `SimPy`), so this is SimPy 2's object-oriented
style: one Simulation value, Process subclasses whose generators yield hold / request / release,
and one FIFO Resource per expert with `servers` units.

What is modelled is what `routelab run --router hash` does with scenarios/library/default.toml:
  - a batch of `size` tokens every `interval_ticks` ticks, the first at tick 0, the last one
    shortened so the run has exactly `tokens` tokens;
  - each token's key drawn from Zipf(s) over the vocabulary (key = 0-based rank);
  - the hash router: k distinct experts from a seeded keyed hash of the key. The hash and the
    router seed's derivation from the master seed are routelab's own (a deterministic function,
    not a random stream), so both models send a given key to the same experts;
  - per batch, every expert accepts at most ceil(capacity_factor * size * k / experts)
    assignments, in token order; the rest are dropped (Switch-style `drop` overflow);
  - an accepted assignment queues FIFO at its expert and is served for an exponential time of
    mean `mean_ticks`, rounded to whole ticks (half away from zero, as llround);
  - a token completes when the last of its accepted assignments does; its latency is that tick
    minus its batch's tick. A token with every assignment dropped is unserved (no latency).

Random streams are Python's own `random.Random`, seeded explicitly from the seed: they are not
routelab's streams, so the two models agree in distribution, not run by run.

Not modelled, because they do not change the trajectory of the model: routelab's metrics
windows, overload episodes, the trajectory fingerprint and the per-window figures.

Prints one JSON object (see `summary`). Usage: default_scenario.py [--tokens N] [--seed S].
"""
import argparse
import itertools
import json
import math
import pathlib
import random
import sys
import time
import tomllib

from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_SCENARIO = REPOSITORY / "scenarios" / "library" / "default.toml"

MASK64 = (1 << 64) - 1
# engine/tick_limits.hpp: a service time is cut at 2^40 ticks so routelab's clock cannot overflow.
MAX_SERVICE_TICKS = 1 << 40


class ScenarioError(Exception):
    """A scenario this model cannot represent: names the file, the field and what was expected."""


# --- routelab's deterministic hashing (core/rng_streams.hpp, routers/common/keyed_expert_sequence.hpp)

def mix64(x):
    """SplitMix64's finalizer, as core/rng_streams.hpp's mix64."""
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


def fnv1a(text):
    h = 0xCBF29CE484222325
    for byte in text.encode():
        h = ((h ^ byte) * 0x100000001B3) & MASK64
    return h


def derive_stream_seed(master_seed, replication, stream_name):
    """core/rng_streams.hpp's derive_stream_seed: how routelab seeds the `hash` router of a run."""
    return mix64(mix64(master_seed & MASK64) ^ mix64((replication + 0x632BE59BD9B4E019) & MASK64) ^ fnv1a(stream_name))


class HashRouter:
    """The `hash` router: k distinct experts drawn from a keyed hash of (seed, key, draw)."""

    def __init__(self, seed, experts, k):
        self.salt = mix64((seed ^ 0x5851F42D4C957F2D) & MASK64)
        self.experts = experts
        self.k = min(k, experts)
        self.routes = {}  # key -> its experts; a pure function of the key, so computed once per key

    def route(self, key):
        chosen = self.routes.get(key)
        if chosen is None:
            chosen = self.routes[key] = self._draw_distinct(key)
        return chosen

    def _draw_distinct(self, key):
        chosen = []
        mixed_key = mix64(key)
        for draw in itertools.count():
            h = mix64(self.salt ^ mixed_key ^ ((draw * 0x9E3779B97F4A7C15) & MASK64))
            candidate = ((h >> 32) * self.experts) >> 32
            if draw + 1 > 8 * self.experts + 64:  # routelab's way out of pathologically unlucky hashing
                candidate = (candidate + draw + 1) % self.experts
            if candidate not in chosen:
                chosen.append(candidate)
                if len(chosen) == self.k:
                    return chosen


# --- the scenario

def read_default_scenario(path):
    """The default scenario's parameters, refusing any setting this model does not implement."""
    with open(path, "rb") as handle:
        table = tomllib.load(handle)

    def field(dotted, expected_type):
        value = table
        for part in dotted.split("."):
            if not isinstance(value, dict) or part not in value:
                raise ScenarioError(f"{path}: {dotted}: missing (the SimPy model needs it)")
            value = value[part]
        if not isinstance(value, expected_type) or isinstance(value, bool):
            raise ScenarioError(f"{path}: {dotted}: expected {expected_type}, got {value!r}")
        return value

    def require(dotted, supported):
        value = field(dotted, str)
        if value != supported:
            raise ScenarioError(f"{path}: {dotted}: the SimPy model implements only '{supported}', got '{value}'")

    require("experts.service.distribution", "exponential")
    require("batches.arrival", "fixed")
    require("tokens.keys", "zipf")
    require("routing.overflow", "drop")
    known = {"name", "description", "seed", "experts", "batches", "tokens", "routing", "metrics", "length"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ScenarioError(f"{path}: [{unknown[0]}]: a section the SimPy model does not implement")
    return {
        "seed": field("seed", int),
        "experts": field("experts.count", int),
        "servers": field("experts.servers", int),
        "mean_service_ticks": float(field("experts.service.mean_ticks", (int, float))),
        "batch_size": field("batches.size", int),
        "interval_ticks": field("batches.interval_ticks", int),
        "vocabulary": field("tokens.vocabulary", int),
        "zipf_s": float(field("tokens.zipf_s", (int, float))),
        "k": field("routing.k", int),
        "capacity_factor": float(field("routing.capacity_factor", (int, float))),
        "tokens": field("length.tokens", int),
    }


def batch_capacity(batch_size, k, experts, factor):
    """core/batch_capacity.cpp: the per-expert limit of one batch (the epsilon keeps exact shares exact)."""
    return math.ceil(factor * batch_size * k / experts - 1e-9) if factor > 0 else sys.maxsize


def nearest_rank(sorted_values, q):
    """core/percentile.cpp's nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0
    exact = q * len(sorted_values)
    rank = min(max(math.ceil(exact - exact * 1e-12), 1), len(sorted_values))
    return sorted_values[rank - 1]


# --- the SimPy model

class Token:
    """A token in flight: done when its last accepted assignment is served."""
    __slots__ = ("arrival", "remaining")

    def __init__(self, arrival, remaining):
        self.arrival = arrival
        self.remaining = remaining


class Assignment(Process):
    """One token's visit to one expert: wait for a server, hold it for the service time."""

    def visit(self, model, expert, token):
        yield request, self, model.experts[expert]
        yield hold, self, model.service_ticks()
        yield release, self, model.experts[expert]
        token.remaining -= 1
        if token.remaining == 0:
            model.latencies.append(self.sim.now() - token.arrival)
        model.last_activity = self.sim.now()


class BatchSource(Process):
    """Batches at fixed intervals; each is routed and its assignments dispatched under `drop`."""

    def arrivals(self, model):
        remaining = model.tokens
        while remaining > 0:
            size = min(model.batch_size, remaining)
            remaining -= size
            model.dispatch(size, self.sim)
            model.last_activity = self.sim.now()
            if remaining > 0:
                yield hold, self, model.interval_ticks


class DefaultScenarioModel:
    def __init__(self, parameters, tokens, seed, mean_service_ticks):
        self.tokens = tokens
        self.batch_size = parameters["batch_size"]
        self.interval_ticks = parameters["interval_ticks"]
        self.k = parameters["k"]
        self.capacity_factor = parameters["capacity_factor"]
        self.mean_service_ticks = mean_service_ticks
        self.expert_count = parameters["experts"]
        self.sim = Simulation()
        self.experts = [Resource(capacity=parameters["servers"], name=f"expert {e}", sim=self.sim)
                        for e in range(self.expert_count)]
        self.router = HashRouter(derive_stream_seed(seed, 0, "router/hash"), self.expert_count, self.k)
        # Zipf(s): key r has weight (r + 1)^-s; choices() inverts the cumulative weights by bisection.
        vocabulary = parameters["vocabulary"]
        self.keys = range(vocabulary)
        self.key_cumulative_weights = list(itertools.accumulate((r + 1) ** -parameters["zipf_s"] for r in self.keys))
        self.workload_rng = random.Random(f"{seed}/workload")
        self.service_rng = random.Random(f"{seed}/service")
        self.expert_load = [0] * self.expert_count    # assignments routed to each expert
        self.expert_served = [0] * self.expert_count  # of them, accepted (and so served)
        self.dropped = 0
        self.unserved = 0
        self.latencies = []
        self.last_activity = 0

    def service_ticks(self):
        sample = self.service_rng.expovariate(1.0 / self.mean_service_ticks)
        return math.floor(min(sample, MAX_SERVICE_TICKS) + 0.5)

    def dispatch(self, size, sim):
        capacity = batch_capacity(size, self.k, self.expert_count, self.capacity_factor)
        used = [0] * self.expert_count
        keys = self.workload_rng.choices(self.keys, cum_weights=self.key_cumulative_weights, k=size)
        for key in keys:
            accepted = []
            for expert in self.router.route(key):
                self.expert_load[expert] += 1
                if used[expert] < capacity:
                    used[expert] += 1
                    accepted.append(expert)
                else:
                    self.dropped += 1
            if not accepted:
                self.unserved += 1
                continue
            token = Token(sim.now(), len(accepted))
            for expert in accepted:
                self.expert_served[expert] += 1
                assignment = Assignment(name="assignment", sim=sim)
                sim.activate(assignment, assignment.visit(self, expert, token))

    def run(self):
        source = BatchSource(name="batches", sim=self.sim)
        self.sim.activate(source, source.arrivals(self))
        self.sim.simulate(until=math.inf)

    def summary(self):
        assignments = sum(self.expert_load)
        latencies = sorted(self.latencies)
        return {
            "model": "simpy",
            "tokens": self.tokens,
            "tokens_completed": len(latencies),
            "tokens_unserved": self.unserved,
            "assignments": assignments,
            "assignments_dropped": self.dropped,
            "assignments_served": sum(self.expert_served),
            "drop_rate": self.dropped / assignments if assignments else 0.0,
            "latency_mean": sum(latencies) / len(latencies) if latencies else 0.0,
            "latency_p99": nearest_rank(latencies, 0.99),
            "end_tick": self.last_activity,
            "expert_load": self.expert_load,
            "expert_served": self.expert_served,
        }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=pathlib.Path, default=DEFAULT_SCENARIO,
                        help="the default scenario's file (default: %(default)s)")
    parser.add_argument("--tokens", type=int, help="tokens in the run (default: the scenario's length.tokens)")
    parser.add_argument("--seed", type=int, help="master seed (default: the scenario's seed)")
    parser.add_argument("--mean-service-ticks", type=float,
                        help="override experts.service.mean_ticks (the cross-check uses a wrong one to show it can fail)")
    args = parser.parse_args(argv)
    try:
        parameters = read_default_scenario(args.scenario)
    except (OSError, tomllib.TOMLDecodeError, ScenarioError) as error:
        print(f"default_scenario.py: {error}", file=sys.stderr)
        return 2
    tokens = parameters["tokens"] if args.tokens is None else args.tokens
    if tokens < 1:
        print(f"default_scenario.py: --tokens: expected a positive count, got {tokens}", file=sys.stderr)
        return 2
    mean = parameters["mean_service_ticks"] if args.mean_service_ticks is None else args.mean_service_ticks
    if not mean > 0 or not math.isfinite(mean):
        print(f"default_scenario.py: --mean-service-ticks: expected a positive number, got {mean}", file=sys.stderr)
        return 2
    seed = parameters["seed"] if args.seed is None else args.seed

    wall_start, cpu_start = time.perf_counter(), time.process_time()
    model = DefaultScenarioModel(parameters, tokens, seed, mean)
    model.run()
    result = model.summary()
    result["seed"] = seed
    result["mean_service_ticks"] = mean
    result["wall_seconds"] = time.perf_counter() - wall_start
    result["cpu_seconds"] = time.process_time() - cpu_start
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
