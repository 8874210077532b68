#!/usr/bin/python3
"""routelab and the SimPy model of the default scenario (bench/simpy/default_scenario.py) are the
same model: over a few seeds, drop fraction, mean token latency and every expert's routed and
served load agree within what the seed-to-seed spread allows.

Both models take the master seed; for a given seed both use the same hash routing (the router's
seed and hash are a deterministic function of it), and each draws its own independent keys and
service times. So for each seed s the difference d_s = routelab(s) - simpy(s) of a figure has mean
0 when the models agree, whatever the routing does to the figure, and the d_s of different seeds
are independent. The check is a paired t-test: |mean(d)| must stay within
t(1 - a/2, S - 1) * sd(d) / sqrt(S), a tolerance set by the spread of d over the S seeds, with a
family error rate of FAMILY_ALPHA split (Bonferroni) over the figures compared.

It then shows that it can fail: the same comparison against the SimPy model run with a service
mean 10% too long must find the latencies apart.

    simpy_cross_check.py SOURCE_DIR ROUTELAB [--seeds S] [--tokens N]
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys

# One wrong verdict in a thousand runs of the whole check when the models agree.
FAMILY_ALPHA = 1e-3
# 50 batches: long enough for the queues to reach their steady pattern (each batch empties by the
# next), short enough that 3 x 16 runs take about 20 s here.
DEFAULT_TOKENS = 25600
DEFAULT_SEEDS = 16
# The deliberately wrong model of the power check: a service mean 10% too long.
WRONG_SERVICE_FACTOR = 1.1


def student_t_upper_tail(x, dof):
    """P(T > x) for Student's t with dof degrees of freedom, x >= 0.

    With x = sqrt(dof) tan(theta) the tail is c * integral of cos(theta)^(dof - 1) over
    [atan(x / sqrt(dof)), pi / 2], a smooth integrand that Simpson's rule handles to ~1e-12."""
    c = math.exp(math.lgamma((dof + 1) / 2) - math.lgamma(dof / 2)) / math.sqrt(math.pi)
    low, high, panels = math.atan(x / math.sqrt(dof)), math.pi / 2, 4000
    h = (high - low) / panels
    total = sum((1 if i in (0, panels) else 4 if i % 2 else 2) * math.cos(low + i * h) ** (dof - 1)
                for i in range(panels + 1))
    return c * total * h / 3


def student_t_quantile(p, dof):
    """The x with P(T <= x) = p, for p in [0.5, 1), by bisection on the tail."""
    low, high = 0.0, 1e6
    for _ in range(80):  # 1e6 / 2^80: far below any tolerance
        middle = (low + high) / 2
        if student_t_upper_tail(middle, dof) > 1 - p:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def paired_disagreements(reference_runs, model_runs, name):
    """Figures on which the model's runs differ from the reference's (paired by seed) by more than
    the spread allows; and, for the report, every figure's comparison."""
    seeds = len(reference_runs)
    families = {
        "drop_rate": [lambda run: run["drop_rate"]],
        "latency_mean": [lambda run: run["latency_mean"]],
        "expert_load": [lambda run, e=e: run["expert_load"][e] for e in range(len(reference_runs[0]["expert_load"]))],
        "expert_served": [lambda run, e=e: run["expert_served"][e] for e in range(len(reference_runs[0]["expert_served"]))],
    }
    rows, failures = [], []
    for family, figures in families.items():
        alpha = FAMILY_ALPHA / len(families) / len(figures)
        t = student_t_quantile(1 - alpha / 2, seeds - 1)
        for index, figure in enumerate(figures):
            label = family if len(figures) == 1 else f"{family}[{index}]"
            differences = [figure(a) - figure(b) for a, b in zip(reference_runs, model_runs)]
            mean = statistics.fmean(differences)
            tolerance = t * statistics.stdev(differences) / math.sqrt(seeds)
            reference_mean = statistics.fmean(figure(run) for run in reference_runs)
            model_mean = statistics.fmean(figure(run) for run in model_runs)
            rows.append((label, reference_mean, model_mean, mean, tolerance))
            if abs(mean) > tolerance:
                failures.append(f"{name}: {label}: routelab {reference_mean:.6g}, SimPy {model_mean:.6g}: "
                                f"mean paired difference {mean:.4g} beyond the tolerance {tolerance:.4g} "
                                f"(t = {t:.3f} at alpha {alpha:.2g}, {seeds} seeds)")
    return failures, rows


def print_rows(rows, title):
    print(f"{title}\n{'figure':<18} {'routelab':>12} {'SimPy':>12} {'mean diff':>11} {'tolerance':>10}")
    for label, reference_mean, model_mean, difference, tolerance in rows:
        if label.startswith("expert_") and not label.endswith("[0]"):
            continue  # one expert of each per-expert family shown; every one is checked
        print(f"{label:<18} {reference_mean:>12.6g} {model_mean:>12.6g} {difference:>11.4g} {tolerance:>10.4g}")


def run_json(command):
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="the repository root")
    parser.add_argument("routelab", help="the routelab binary")
    parser.add_argument("--seeds", type=int, default=DEFAULT_SEEDS)
    parser.add_argument("--tokens", type=int, default=DEFAULT_TOKENS)
    args = parser.parse_args()
    if args.seeds < 3:
        parser.error("--seeds: at least 3 for a spread to mean something")
    try:
        import SimPy  # noqa: F401  (only to fail here, clearly, rather than in every run)
    except ImportError:
        print("simpy_cross_check: SimPy is not importable by", sys.executable,
              "(Debian's python3-simpy; scripts/install-deps.sh installs it)", file=sys.stderr)
        return 1

    # The quantile against published values, so a wrong tolerance cannot pass unseen.
    for p, dof, published in ((0.975, 9, 2.262157), (0.995, 15, 2.946713), (0.9995, 9, 4.780913)):
        if abs(student_t_quantile(p, dof) - published) > 1e-5:
            print(f"simpy_cross_check: t quantile ({p}, {dof}) = {student_t_quantile(p, dof)}, expected {published}")
            return 1

    model = [sys.executable, os.path.join(args.source, "bench", "simpy", "default_scenario.py"), "--tokens", str(args.tokens)]
    routelab_runs, simpy_runs, wrong_runs = [], [], []
    for seed in range(1, args.seeds + 1):
        routelab_runs.append(run_json([args.routelab, "run", "--router", "hash", "--tokens", str(args.tokens),
                                       "--seed", str(seed), "--format", "json"])["routers"][0])
        simpy = run_json(model + ["--seed", str(seed)])
        simpy_runs.append(simpy)
        wrong_runs.append(run_json(model + ["--seed", str(seed), "--mean-service-ticks",
                                            str(simpy["mean_service_ticks"] * WRONG_SERVICE_FACTOR)]))

    failures, rows = paired_disagreements(routelab_runs, simpy_runs, "SimPy model")
    print_rows(rows, f"routelab vs the SimPy model, {args.seeds} seeds x {args.tokens} tokens")
    wrong_failures, wrong_rows = paired_disagreements(routelab_runs, wrong_runs, "wrong SimPy model")
    print_rows(wrong_rows, f"\nroutelab vs the SimPy model with a service mean x {WRONG_SERVICE_FACTOR}")
    if not any("latency_mean" in failure for failure in wrong_failures):
        failures.append("the comparison did not notice a service mean 10% too long: it cannot fail, so it means nothing")
    for failure in failures:
        print("FAIL:", failure)
    print("simpy_cross_check:", "FAILED" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
