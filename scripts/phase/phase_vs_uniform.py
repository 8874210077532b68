#!/usr/bin/env python3
"""phase against uniform on every library scenario (issue 12's acceptance table).

Usage: scripts/phase/phase_vs_uniform.py [path/to/routelab] [--check]
Prints one Markdown row per scenario: run max/mean, window p99 max/mean and drop rate of each
router, and the largest deviation of phase's per-expert run load from its t-proportional share
(the run's expert_load against the share of the scenario file's expert speeds, equal shares when
it gives none), for uniform too. Where speeds differ the balanced max/mean is not 1
(heterogeneous-experts: 1.6).

--check exits 1 unless, on every scenario, phase is at least as close to its share as uniform
(worst expert), drops no more than uniform, and, where the experts are equal (no speeds given),
has run max/mean and window p99 max/mean no worse than uniform's (the claim of issue 12).
"""
import json
import os
import subprocess
import sys
import tomllib


def run(binary, scenario, routers):
    out = subprocess.run([binary, "compare", "--scenario", scenario, "--routers", ",".join(routers), "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    return {r["router"]: r for r in json.loads(out)["routers"]}


def share_deviation(row, speeds):
    loads = row["expert_load"]
    total = sum(loads)
    weights = speeds if speeds else [1.0] * len(loads)
    return max(abs(l / (total * w / sum(weights)) - 1.0) for l, w in zip(loads, weights)) if total else 0.0


def scenario_speeds(scenario):
    """The [experts] speed list of a library scenario file (None when it has none)."""
    path = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "library", scenario + ".toml")
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return tomllib.load(f).get("experts", {}).get("speed")


def group_limited(scenario):
    """True when the scenario's [cluster] limits each token's expert groups (node-limited routing):
    every router then runs inside that wrapper, so the rows compare the wrapper, not the routers."""
    path = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "library", scenario + ".toml")
    if not os.path.exists(path):
        return False
    with open(path, "rb") as f:
        return tomllib.load(f).get("cluster", {}).get("max_groups_per_token", 0) > 0


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "build/bin/routelab"
    check = "--check" in sys.argv[1:]
    failures = []
    routers = ["uniform", "phase"]
    listing = subprocess.run([binary, "scenarios"], check=True, capture_output=True, text=True).stdout
    scenarios = [line.split()[0] for line in listing.splitlines() if line.strip()]
    print("| scenario | uniform max/mean | phase max/mean | uniform win p99 | phase win p99 | uniform drop | phase drop |"
          " worst expert vs share: uniform | phase |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        if group_limited(scenario):
            print(f"| {scenario} | (left out: node-limited routing wraps every router) |")
            continue
        try:
            rows = run(binary, scenario, routers)
        except subprocess.CalledProcessError as error:
            print(f"| {scenario} | (not run: {error.stderr.strip().splitlines()[-1] if error.stderr else error}) |")
            failures.append(f"{scenario}: not run")
            continue
        u, p = rows["uniform"], rows["phase"]
        speeds = scenario_speeds(scenario)
        print(f"| {scenario} | {u['load_max_over_mean']:.3f} | {p['load_max_over_mean']:.3f} | "
              f"{u['window_max_over_mean_p99']:.3f} | {p['window_max_over_mean_p99']:.3f} | "
              f"{u['drop_rate']:.4f} | {p['drop_rate']:.4f} | {share_deviation(u, speeds):.3f} | "
              f"{share_deviation(p, speeds):.3f} |")
        if share_deviation(p, speeds) > share_deviation(u, speeds):
            failures.append(f"{scenario}: phase's worst expert is further from its share than uniform's")
        if p["drop_rate"] > u["drop_rate"]:
            failures.append(f"{scenario}: phase drops {p['drop_rate']:.4f}, uniform {u['drop_rate']:.4f}")
        if not speeds:
            for key in ("load_max_over_mean", "window_max_over_mean_p99"):
                if p[key] > u[key]:
                    failures.append(f"{scenario}: phase {key} {p[key]:.3f} above uniform's {u[key]:.3f}")
    if check and failures:
        print("\n".join(["check failed:"] + failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
