#!/usr/bin/python3
"""routelab and the SimPy model of the default scenario (bench/simpy/default_scenario.py) are the
same model: over a few seeds, drop fraction, mean token latency and every expert's routed load
agree within what the spread of the runs allows.

Both models take the master seed; for a given seed both use the same hash routing (the router's
seed and hash are a deterministic function of it), and each draws its own independent keys and
service times.

- Drop fraction and mean latency: for each seed s the difference d_s = routelab(s) - simpy(s) has
  mean 0 when the models agree, whatever that seed's routing does to the figure, and the d_s of
  different seeds are independent. A paired t-test: |mean(d)| must stay within
  t(1 - a/2, S - 1) * sd(d) / sqrt(S), a tolerance set by the seed-to-seed spread of d.
- Each expert's routed load: across seeds its mean is the same for any routing (every seed
  routes afresh), so it is compared within each seed. A token's key is an independent draw, so the
  load of expert e is Binomial(T, q_e) in both models, q_e the share of keys routed to e; with q_e
  estimated from the two runs, z = d / sqrt(2 T q_e (1 - q_e)) is standard normal and every one of
  the S x E values must stay within the normal quantile.
The family error rate FAMILY_ALPHA is split (Bonferroni) over the figures compared.

It then shows that it can fail, on the same runs: against the SimPy model with a service mean 10%
too long the latencies must be found apart, and against the SimPy model of the next seed (another
routing of the keys) the per-expert loads.

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


def disagreements(reference_runs, model_runs, name):
    """Figures on which the model's runs differ from the reference's (paired by seed) by more than
    the spread allows; and, for the report, each figure's comparison."""
    seeds, tokens = len(reference_runs), reference_runs[0]["tokens"]
    alpha = FAMILY_ALPHA / 3  # drop fraction, mean latency, the per-expert loads
    rows, failures = [], []
    t = student_t_quantile(1 - alpha / 2, seeds - 1)
    for figure in ("drop_rate", "latency_mean"):
        differences = [a[figure] - b[figure] for a, b in zip(reference_runs, model_runs)]
        mean = statistics.fmean(differences)
        tolerance = t * statistics.stdev(differences) / math.sqrt(seeds)
        reference_mean = statistics.fmean(run[figure] for run in reference_runs)
        model_mean = statistics.fmean(run[figure] for run in model_runs)
        rows.append((figure, reference_mean, model_mean, mean, tolerance))
        if abs(mean) > tolerance:
            failures.append(f"{name}: {figure}: routelab {reference_mean:.6g}, SimPy {model_mean:.6g}: mean paired "
                            f"difference {mean:.4g} beyond the tolerance {tolerance:.4g} (t = {t:.3f}, {seeds} seeds)")
    experts = len(reference_runs[0]["expert_load"])
    z_bound = statistics.NormalDist().inv_cdf(1 - alpha / (2 * seeds * experts))
    worst = (0.0, 0, 0)
    for seed_index, (a, b) in enumerate(zip(reference_runs, model_runs)):
        for expert, (x, y) in enumerate(zip(a["expert_load"], b["expert_load"])):
            share = (x + y) / (2 * tokens)
            if 0 < share < 1:
                worst = max(worst, (abs(x - y) / math.sqrt(2 * tokens * share * (1 - share)), seed_index, expert))
    rows.append(("expert_load |z|", float("nan"), float("nan"), worst[0], z_bound))
    if worst[0] > z_bound:
        seed_index, expert = worst[1], worst[2]
        failures.append(f"{name}: expert_load: expert {expert} at seed {seed_index + 1}: routelab "
                        f"{reference_runs[seed_index]['expert_load'][expert]}, SimPy {model_runs[seed_index]['expert_load'][expert]}: "
                        f"|z| = {worst[0]:.2f} beyond {z_bound:.2f} ({seeds} seeds x {experts} experts)")
    return failures, rows


def print_rows(rows, title):
    print(f"{title}\n{'figure':<16} {'routelab':>10} {'SimPy':>10} {'mean diff':>10} {'tolerance':>10}")
    for label, reference_mean, model_mean, difference, tolerance in rows:
        means = "" if math.isnan(reference_mean) else f"{reference_mean:>10.6g} {model_mean:>10.6g}"
        print(f"{label:<16} {means:>21} {difference:>10.4g} {tolerance:>10.4g}")


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

    failures, rows = disagreements(routelab_runs, simpy_runs, "SimPy model")
    print_rows(rows, f"routelab vs the SimPy model, {args.seeds} seeds x {args.tokens} tokens "
                     "(expert_load: the largest |z| and its bound)")
    wrong_failures, wrong_rows = disagreements(routelab_runs, wrong_runs, "slow SimPy model")
    print_rows(wrong_rows, f"\npower check: the SimPy model with a service mean x {WRONG_SERVICE_FACTOR}")
    if not any(": latency_mean:" in failure for failure in wrong_failures):
        failures.append("the check did not notice a service mean 10% too long: it cannot fail, so it means nothing")
    shifted_failures, shifted_rows = disagreements(routelab_runs, simpy_runs[1:] + simpy_runs[:1], "next seed's model")
    print_rows(shifted_rows, "\npower check: each routelab seed against the SimPy model of the next seed")
    if not any(": expert_load:" in failure for failure in shifted_failures):
        failures.append("the check did not notice another routing of the keys: it cannot fail, so it means nothing")
    for failure in failures:
        print("FAIL:", failure)
    print("simpy_cross_check:", "FAILED" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
