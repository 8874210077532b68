#!/usr/bin/env python3
"""The phase benchmark's scripts at small sizes: bench/phase_results_table.py turns a real
phase_router_bench JSON into its table (every benchmark run has a row, with a floor and its
ratio), and bench/phase_loaded_machine.py measures every cell under one busy loop (its --check).

    phase_bench_scripts.py SOURCE_DIR PHASE_ROUTER_BENCH WORK_DIR
"""
import os
import re
import subprocess
import sys

FILTER = "BM_Phase(Dense|Degrees)/auto/256/64"


def main(source, bench, work):
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, "phase.json")
    env = dict(os.environ, ROUTELAB_COPY_GBPS="40")  # a given bandwidth: no 256 MiB copies
    subprocess.run([bench, f"--benchmark_filter={FILTER}", "--benchmark_repetitions=2", "--benchmark_min_time=0.01",
                    "--benchmark_report_aggregates_only=true", f"--benchmark_out={out}", "--benchmark_out_format=json"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    table = subprocess.run([sys.executable, os.path.join(source, "bench", "phase_results_table.py"), out],
                           check=True, capture_output=True, text=True).stdout
    print(table)
    failures = []
    for name in ("BM_PhaseDense/auto/256/64", "BM_PhaseDegrees/auto/256/64"):
        row = next((line for line in table.splitlines() if line.startswith(f"| {name} |")), None)
        cells = [c.strip() for c in row.strip("|").split("|")] if row else []
        # benchmark, kernel, median, cpu, floor, x floor, published, x faster, here, x faster, fill
        if len(cells) != 11 or not all(re.fullmatch(r"[0-9.]+", c) for c in cells[2:]):
            failures.append(f"{name}: row missing or incomplete: {row}")
        else:  # x floor = median / floor, with the floor printed to 3 decimals (+-0.0005)
            median, floor, ratio = float(cells[2]), float(cells[4]), float(cells[5])
            low, high = median / (floor + 0.0005), median / max(floor - 0.0005, 1e-9)
            if not 0.99 * low <= ratio <= 1.01 * high:
                failures.append(f"{name}: x floor {ratio} is not median {median} / floor {floor}")
    loaded = subprocess.run([sys.executable, os.path.join(source, "bench", "phase_loaded_machine.py"),
                             "--bench", f"this={bench}", "--filter", FILTER, "--load", "1", "--rounds", "1",
                             "--repetitions", "2", "--min-time", "0.01", "--load-seconds", "120", "--check"],
                            capture_output=True, text=True)
    print(loaded.stdout, loaded.stderr)
    if loaded.returncode != 0:
        failures.append(f"phase_loaded_machine.py --check exited {loaded.returncode}")
    if failures:
        print("\n".join(["failed:"] + failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
