#!/usr/bin/python3
"""routelab against its outside reference, the SimPy model of the default scenario
(bench/simpy/default_scenario.py), timed side by side at the same token counts.

Each run is a whole process, start-up included: `routelab run --router hash --tokens N --format json`
and `/usr/bin/python3 bench/simpy/default_scenario.py --tokens N`. The two run in turn (A B A B ...)
after one warm-up pair that is not counted, and the ratio SimPy / routelab is taken pair by pair,
so that a machine whose speed drifts (a shared one) moves both sides of each ratio alike. CPU time
is the child's user + system seconds as the kernel accounts them (wait4), which other load on the
machine disturbs far less than wall time; quote the medians.

    bench/simpy_reference.py [--routelab build/bin/routelab] [--tokens 102400,1000000] [--runs 5]

Prints the load average before and after, each run's figures (so the two models can be seen to
agree), and a Markdown table of medians (min-max) for bench/RESULTS.md.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

REPOSITORY = pathlib.Path(__file__).resolve().parents[1]
SIMPY_MODEL = REPOSITORY / "bench" / "simpy" / "default_scenario.py"


class Measured:
    """One finished run: its output and the kernel's accounting of the child."""

    def __init__(self, command):
        begin = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        output, errors = child.stdout.read(), child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        self.wall = time.perf_counter() - begin
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, command))} exited {child.returncode}: {errors.decode()[-2000:]}")
        self.cpu = usage.ru_utime + usage.ru_stime
        self.peak_mib = usage.ru_maxrss / 1024  # Linux reports KiB
        self.result = json.loads(output)


def spread(values, digits):
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def figures(summary):
    return (f"tokens {summary['tokens']}, drop {summary['drop_rate']:.4f}, latency mean {summary['latency_mean']:.1f} "
            f"p99 {summary['latency_p99']}")


def compare(routelab, tokens, runs):
    routelab_command = [routelab, "run", "--router", "hash", "--tokens", str(tokens), "--format", "json"]
    simpy_command = [sys.executable, str(SIMPY_MODEL), "--tokens", str(tokens)]
    print(f"# {tokens} tokens\n#   A: {' '.join(routelab_command)}\n#   B: {' '.join(simpy_command)}", flush=True)
    Measured(routelab_command), Measured(simpy_command)  # warm-up: page cache, CPU frequency
    pairs = []
    for run in range(runs):
        a, b = Measured(routelab_command), Measured(simpy_command)
        a_summary = a.result["routers"][0]
        for side, summary in (("A", a_summary), ("B", b.result)):
            if summary["tokens"] != tokens:
                raise RuntimeError(f"{side} ran {summary['tokens']} tokens, not {tokens}")
        print(f"#   run {run + 1}: A cpu {a.cpu:.3f} s ({figures(a_summary)}); "
              f"B cpu {b.cpu:.3f} s, in-model {b.result['cpu_seconds']:.3f} s ({figures(b.result)})", flush=True)
        pairs.append((a, b))
    return {
        "tokens": tokens,
        "routelab_cpu": spread([a.cpu for a, _ in pairs], 3),
        "simpy_cpu": spread([b.cpu for _, b in pairs], 2),
        "ratio": spread([b.cpu / a.cpu for a, b in pairs], 1),
        "routelab_wall": spread([a.wall for a, _ in pairs], 3),
        "simpy_wall": spread([b.wall for _, b in pairs], 2),
        "peaks": f"{statistics.median(a.peak_mib for a, _ in pairs):.0f} / "
                 f"{statistics.median(b.peak_mib for _, b in pairs):.0f}",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routelab", default=str(REPOSITORY / "build" / "bin" / "routelab"))
    parser.add_argument("--tokens", default="102400,1000000", help="comma-separated token counts")
    parser.add_argument("--runs", type=int, default=5, help="counted pairs per token count")
    args = parser.parse_args()
    try:
        counts = [int(text) for text in args.tokens.split(",")]
    except ValueError:
        parser.error(f"--tokens: expected comma-separated positive integers, got '{args.tokens}'")
    if not counts or min(counts) < 1:
        parser.error(f"--tokens: expected comma-separated positive integers, got '{args.tokens}'")
    if args.runs < 1:
        parser.error("--runs: expected at least 1")

    print("# load average before: %.2f %.2f %.2f" % os.getloadavg(), flush=True)
    try:
        rows = [compare(args.routelab, tokens, args.runs) for tokens in counts]
    except (OSError, RuntimeError, ValueError, KeyError) as error:
        print(f"simpy_reference.py: {error}", file=sys.stderr)
        return 1
    print("# load average after: %.2f %.2f %.2f" % os.getloadavg())
    print(f"\nMedians of {args.runs} pairs (min-max); CPU = user + system of the whole process.\n")
    print("| tokens | routelab CPU s | SimPy CPU s | SimPy / routelab (CPU, per pair) | routelab wall s | SimPy wall s "
          "| peak RSS MiB routelab / SimPy |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['tokens']:,} | {row['routelab_cpu']} | {row['simpy_cpu']} | **{row['ratio']}** | "
              f"{row['routelab_wall']} | {row['simpy_wall']} | {row['peaks']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
