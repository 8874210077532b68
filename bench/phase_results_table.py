#!/usr/bin/env python3
"""Turns phase_router_bench's JSON output (with --benchmark_repetitions and aggregates) into the
Markdown table of bench/RESULTS.md: median real time, its ratios to the published figures and to
this machine's memory-traffic floor.

    build/bin/phase_router_bench --benchmark_repetitions=7 --benchmark_report_aggregates_only=true \\
        --benchmark_out=phase.json --benchmark_out_format=json
    python3 bench/phase_results_table.py phase.json
"""
import json
import sys

# The published implementation's C++ total ms, by N (shared/reference/figures.md): its own table
# (a 2-core laptop) and its current code measured on this kind of machine.
PUBLISHED_TABLE = {256: 0.68, 512: 2.84, 1024: 17.58, 2048: 42.15, 4096: 110.76}
PUBLISHED_HERE = {256: 0.32, 512: 1.37, 1024: 3.86, 2048: 14.3, 4096: 47.1}


def main(path):
    with open(path) as f:
        data = json.load(f)
    rows = []
    for b in data["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"].replace("/real_time", "")
        ms = b["real_time"] if b["time_unit"] == "ms" else b["real_time"] / 1e3
        cpu = b["cpu_time"] if b["time_unit"] == "ms" else b["cpu_time"] / 1e3
        parts = name.split("/")
        n = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else None
        floor = b.get("floor_ms")
        square = "Moe" not in name and "Stream" not in name
        rows.append((name, b.get("label", ""), ms, cpu, floor,
                     PUBLISHED_TABLE.get(n) if square else None, PUBLISHED_HERE.get(n) if square else None,
                     b.get("GB_per_s"), b.get("fill")))
    order = {"BM_StreamCopy": 0, "BM_PhaseDense": 1, "BM_PhaseDegrees": 2, "BM_PhaseMoe": 3}
    kernels = {"auto": 0, "bitpacked": 1, "arcs": 2, "reference": 3, "large": 4}

    def key(row):
        parts = row[0].split("/")
        sizes = [int(p) for p in parts if p.isdigit()]
        return (order.get(parts[0], 9), kernels.get(parts[1], 9) if len(parts) > 1 else 0, sizes)

    rows.sort(key=key)
    print("| benchmark | kernel | median ms | cpu ms | floor ms | x floor | published ms | x faster | its code here ms | x faster | fill |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, label, ms, cpu, floor, pub, here, gbps, fill in rows:
        if gbps is not None:
            print(f"| {name} | copy {gbps:.1f} GB/s | {ms:.3f} | {cpu:.3f} | | | | | | | |")
            continue
        cell = lambda v, fmt: (fmt.format(v) if v is not None else "")
        print(f"| {name} | {label} | {ms:.3f} | {cpu:.3f} | {cell(floor, '{:.3f}')} | "
              f"{cell(ms / floor if floor else None, '{:.2f}')} | {cell(pub, '{:.2f}')} | "
              f"{cell(pub / ms if pub else None, '{:.1f}')} | {cell(here, '{:.2f}')} | "
              f"{cell(here / ms if here else None, '{:.1f}')} | {cell(fill, '{:.4f}')} |")


if __name__ == "__main__":
    main(sys.argv[1])
