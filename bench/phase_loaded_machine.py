#!/usr/bin/env python3
"""The phase router's 1-thread and 2-thread times side by side, on the machine as it is and with a
competing load of busy loops this script starts (and stops) itself.

    python3 bench/phase_loaded_machine.py [--bench LABEL=PATH ...] [--load 2] [--rounds 2] \\
        [--filter REGEX] [--repetitions 5] [--min-time 0.2] [--check]

Each --bench is a phase_router_bench binary (default: build/bin/phase_router_bench), so the code
before and after a change can be measured in one run under the same conditions. For every round,
condition (idle = no busy loops of ours; loaded = --load busy loops, one process each, bounded
by `timeout`) and binary, the benchmarks run with OMP_NUM_THREADS=1 and =2; the table gives the
median of the repetitions' medians over rounds, the 2-thread / 1-thread ratio, and the load
average seen at the start and end of each condition (other users of the machine included).
Prints a Markdown table; the figures go to bench/RESULTS.md. --check exits 1 unless every cell
was measured (a positive time for each benchmark, binary, condition and thread count) and the
busy loops were still running when each loaded condition ended (the load was really there); it
judges no timing.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

DEFAULT_FILTER = r"BM_Phase(Dense|Degrees)/auto/(256/64|512/256|1024/256|2048/512|4096/512)|BM_PhaseMoe/auto"
BUSY_LOOP = "while :; do :; done"


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_bench(path, threads, args):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), ROUTELAB_COPY_GBPS="40")
        subprocess.run([path, f"--benchmark_filter={args.filter}", f"--benchmark_repetitions={args.repetitions}",
                        f"--benchmark_min_time={args.min_time}", "--benchmark_enable_random_interleaving=true",
                        "--benchmark_report_aggregates_only=true", f"--benchmark_out={out.name}",
                        "--benchmark_out_format=json"], env=env, check=True, stdout=subprocess.DEVNULL)
        data = json.load(open(out.name))
    medians = {}
    for b in data["benchmarks"]:
        if b.get("aggregate_name") == "median":
            scale = 1.0 if b["time_unit"] == "ms" else 1e-3
            medians[b["run_name"].replace("/real_time", "")] = b["real_time"] * scale
    return medians


def start_load(count, seconds):
    return [subprocess.Popen(["timeout", str(seconds), "sh", "-c", BUSY_LOOP]) for _ in range(count)]


def stop_load(processes):
    for p in processes:
        p.terminate()
    for p in processes:
        p.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", action="append", default=[], help="LABEL=PATH of a phase_router_bench binary")
    parser.add_argument("--load", type=int, default=2, help="busy loops in the loaded condition")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--filter", default=DEFAULT_FILTER)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--min-time", type=float, default=0.2)
    parser.add_argument("--load-seconds", type=int, default=600, help="upper bound on each busy loop's life")
    parser.add_argument("--check", action="store_true", help="exit 1 unless every cell was measured under the load")
    args = parser.parse_args()
    benches = [b.split("=", 1) for b in args.bench] or [["this tree", "build/bin/phase_router_bench"]]

    times = {}  # (condition, label, threads) -> name -> [medians]
    loads = {"idle": [], "loaded": []}
    failures = []
    for _ in range(args.rounds):
        for condition in ("idle", "loaded"):
            processes = start_load(args.load if condition == "loaded" else 0, args.load_seconds)
            try:
                loads[condition].append(loadavg())
                for label, path in benches:
                    for threads in (1, 2):
                        for name, ms in run_bench(path, threads, args).items():
                            times.setdefault((condition, label, threads), {}).setdefault(name, []).append(ms)
                loads[condition].append(loadavg())
                if any(p.poll() is not None for p in processes):
                    failures.append(f"a busy loop ended before the {condition} condition did")
            finally:
                stop_load(processes)

    names = sorted({n for per in times.values() for n in per}, key=lambda n: (n.split("/")[0], int(n.split("/")[2]) * 10000 + int(n.split("/")[3])))
    print(f"load average (1 min) seen: idle {min(loads['idle']):.1f}-{max(loads['idle']):.1f}, "
          f"loaded ({args.load} busy loops of ours) {min(loads['loaded']):.1f}-{max(loads['loaded']):.1f}\n")
    header = "| benchmark | code | idle 1 thread ms | idle 2 threads ms | 2/1 | loaded 1 thread ms | loaded 2 threads ms | 2/1 |"
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for name in names:
        for label, _ in benches:
            cells = []
            for condition in ("idle", "loaded"):
                measured = [times.get((condition, label, t), {}).get(name, []) for t in (1, 2)]
                if not all(m and min(m) > 0 for m in measured):
                    failures.append(f"{name} ({label}, {condition}): not measured at 1 and 2 threads")
                    cells += ["", "", ""]
                    continue
                one, two = (statistics.median(m) for m in measured)
                cells += [f"{one:.3f}", f"{two:.3f}", f"{two / one:.2f}"]
            print(f"| {name.replace('BM_Phase', '')} | {label} | " + " | ".join(cells) + " |")
    if args.check and failures:
        print("\n".join(["check failed:"] + failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
