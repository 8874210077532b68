#!/usr/bin/env python3
"""routelab's phase router side by side with the published one, on the same inputs, in one script.

    python3 scripts/phase/phase_vs_published.py PUBLISHED_TREE [--module-dir build/python]
        [--build-dir DIR] [--sizes 256/64,512/256,1024/256,2048/512,4096/512] [--threads 1,2]
        [--rounds 3] [--repeats 7] [--rss-size 32768/512] [--copy-gbps GB/s] [--wait-policy passive]

PUBLISHED_TREE is a work tree of the published implementation (github TSltd/bitpacked_phase_router,
checked out outside this repository; none of its code is part of routelab). Its Python extension
`router` is compiled from PUBLISHED_TREE/src/router.cpp with the flags of its own setup.py
(-O3 -fopenmp -std=c++17) against Debian's pybind11 and numpy headers, into --build-dir.

Inputs are the published ones (its evaluation's generator, scripts/phase/published_config.py):
row degrees of S and T uniform on [1, k] (numpy default_rng, seeds 42 and 123), the ones at random
positions of each row. Timed, as whole calls from Python (perf_counter for wall time,
process_time for the CPU time of all the process's threads), after one warm-up call:
  published  router.pack_and_route(S, T, k, routes, seed=1)   (dense 0/1 matrices)
  dense      routelab_phase.pack_and_route(S, T, k, routes, seed=1)   (the same shape and operator)
  degrees    routelab_phase.route_degrees(s, t, k, seed=1)   (row degrees only)
Each case at each thread count runs in a process of its own (OMP_NUM_THREADS is read at start,
and one side's idle OpenMP threads must not spin against the other's), --repeats calls per size;
--rounds rounds, the order of the (threads, case) processes rotated each round, so slow spells
of a shared machine hit every case. The table gives medians over every call of every round, the
ratios published / ours, the memory-traffic floor (dense: 2 N^2 bytes read + 4 N k written;
degrees: 16 N + 4 N k) at the copy bandwidth (numpy copies of 256 MiB, best of 10, 2 bytes moved
per byte copied, unless --copy-gbps), and the 1-minute load average seen. Then the peak RSS of
one call at --rss-size, a fresh process per case (inputs included; their size is printed).
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

DEFAULT_SIZES = "256/64,512/256,1024/256,2048/512,4096/512"


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def copy_bandwidth():
    import numpy as np
    a = np.ones(256 << 20, dtype=np.uint8)
    b = np.empty_like(a)
    best = float("inf")
    for _ in range(10):
        start = time.perf_counter()
        np.copyto(b, a)
        best = min(best, time.perf_counter() - start)
    return 2 * a.nbytes / best


def call_for(case, n, k):
    """The timed call of one case on the published inputs of size n/k (built here, outside the timing)."""
    import numpy as np
    import published_config as pc
    s, t, S, T = pc.random_binary_matrices(n, k, dense=case != "degrees")
    routes = np.empty((n, k), dtype=np.int32)
    if case == "published":
        import router  # the published extension
        return lambda: router.pack_and_route(S, T, k, routes, seed=1) and routes
    import routelab_phase as rp
    if case == "dense":
        return lambda: rp.pack_and_route(S, T, k, routes, seed=1) and routes
    return lambda: rp.route_degrees(s, t, k, seed=1)


def worker_time(args):
    """One case at one thread count (this process's OMP_NUM_THREADS) over every size: wall and
    process CPU ms of each call after one warm-up call (first-touch pages, thread start)."""
    out = {"load": [loadavg()], "sizes": {}}
    for size in args.sizes.split(","):
        n, k = (int(x) for x in size.split("/"))
        call = call_for(args.case, n, k)
        routes = call()
        wall, cpu = [], []
        for _ in range(args.repeats):
            w, c = time.perf_counter(), time.process_time()
            call()
            cpu.append(1e3 * (time.process_time() - c))
            wall.append(1e3 * (time.perf_counter() - w))
        out["sizes"][size] = {"wall": wall, "cpu": cpu, "fill": float((routes >= 0).sum()) / (n * k)}
    out["load"].append(loadavg())
    if args.case == "dense" and args.copy_gbps is None:
        out["copy_bytes_per_s"] = copy_bandwidth()
    json.dump(out, sys.stdout)


def worker_rss(args):
    import numpy as np
    import published_config as pc
    n, k = (int(x) for x in args.rss_size.split("/"))
    case = args.case
    s, t, S, T = pc.random_binary_matrices(n, k, dense=case != "degrees")
    input_bytes = s.nbytes + t.nbytes + (S.nbytes + T.nbytes if S is not None else 0)
    routes = np.empty((n, k), dtype=np.int32)
    routes.fill(0)  # touch the output, so both sides start with it resident
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if case == "published":
        import router
        router.pack_and_route(S, T, k, routes, seed=1)
    else:
        import routelab_phase as rp
        if case == "dense":
            rp.pack_and_route(S, T, k, routes, seed=1)
        else:
            routes = rp.route_degrees(s, t, k, seed=1)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump({"case": case, "input_bytes": input_bytes, "table_bytes": routes.nbytes, "rss_before_kib": before,
               "peak_rss_kib": after}, sys.stdout)


def run_worker(args, extra, threads, env_path):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), PYTHONPATH=env_path, PYTHONDONTWRITEBYTECODE="1")
    if args.wait_policy:
        env["OMP_WAIT_POLICY"] = args.wait_policy
    command = [sys.executable, os.path.abspath(__file__), args.published, "--module-dir", args.module_dir,
               "--build-dir", args.build_dir, "--sizes", args.sizes, "--repeats", str(args.repeats),
               "--rss-size", args.rss_size] + (["--wait-policy", args.wait_policy] if args.wait_policy else []) + extra
    return json.loads(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("published", help="work tree of the published repository (has src/router.cpp)")
    parser.add_argument("--module-dir", default="build/python", help="folder holding routelab_phase*.so")
    parser.add_argument("--build-dir", default="/tmp/published-phase-build", help="where the published extension is built")
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--rss-size", default="32768/512", help="N/k of the peak-RSS cases ('' skips them)")
    parser.add_argument("--copy-gbps", type=float, default=None, help="copy bandwidth for the floors, GB/s")
    parser.add_argument("--wait-policy", choices=["active", "passive"], default=None,
                        help="OMP_WAIT_POLICY for both sides (default: unset, libgomp's own spin-then-sleep)")
    parser.add_argument("--worker", choices=["time", "rss"], help=argparse.SUPPRESS)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "time":
        return worker_time(args)
    if args.worker == "rss":
        return worker_rss(args)

    args.module_dir = os.path.abspath(args.module_dir)
    import published_config as pc
    args.build_dir = pc.build_published(args.published, os.path.abspath(args.build_dir))
    env_path = os.pathsep.join([args.build_dir, args.module_dir])
    threads = [int(x) for x in args.threads.split(",")]
    copy_extra = [] if args.copy_gbps is None else ["--copy-gbps", str(args.copy_gbps)]

    cases = ["published", "dense", "degrees"]
    times, fills, loads, bandwidths = {}, {}, [], []
    for round_ in range(args.rounds):
        order = [(t, c) for t in threads for c in cases]
        for t, case in order[round_ % len(order):] + order[:round_ % len(order)]:
            result = run_worker(args, ["--worker", "time", "--case", case] + copy_extra, t, env_path)
            loads += result["load"]
            if "copy_bytes_per_s" in result:
                bandwidths.append(result["copy_bytes_per_s"])
            for size, per in result["sizes"].items():
                fills[(size, case)] = per["fill"]
                for clock in ("wall", "cpu"):
                    times.setdefault((size, t, case, clock), []).extend(per[clock])
    bandwidth = args.copy_gbps * 1e9 if args.copy_gbps is not None else max(bandwidths)

    print(f"OMP_WAIT_POLICY {args.wait_policy or 'unset'}; "
          f"load average (1 min) seen: {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} CPUs; "
          f"copy bandwidth for the floors {bandwidth / 1e9:.1f} GB/s; medians of {args.rounds} x {args.repeats} "
          f"calls per cell\n")
    print("| N/k | threads | published ms | ours dense ms | x faster | ours degrees ms | x faster | "
          "published cpu ms | dense cpu ms | x | degrees cpu ms | x | dense floor ms | dense x floor | "
          "degrees floor ms | degrees x floor | fill published / ours |")
    print("|---" * 17 + "|")
    for size in args.sizes.split(","):
        n, k = (int(x) for x in size.split("/"))
        dense_floor = 1e3 * (2 * n * n + 4 * n * k) / bandwidth
        degrees_floor = 1e3 * (16 * n + 4 * n * k) / bandwidth
        for t in threads:
            p, d, g = (statistics.median(times[(size, t, c, "wall")]) for c in cases)
            pc_, dc, gc = (statistics.median(times[(size, t, c, "cpu")]) for c in cases)
            print(f"| {size} | {t} | {p:.3f} | {d:.3f} | {p / d:.1f} | {g:.3f} | {p / g:.1f} | "
                  f"{pc_:.3f} | {dc:.3f} | {pc_ / dc:.1f} | {gc:.3f} | {pc_ / gc:.1f} | {dense_floor:.3f} | "
                  f"{d / dense_floor:.2f} | {degrees_floor:.3f} | {g / degrees_floor:.2f} | "
                  f"{fills[(size, 'published')]:.4f} / {fills[(size, 'dense')]:.4f} |")

    if args.rss_size:
        print(f"\npeak RSS of one call at N/k = {args.rss_size} (fresh process each, {threads[-1]} threads, "
              "inputs and the output table included)\n")
        print("| case | inputs MiB | table MiB | RSS before the call MiB | peak RSS MiB |")
        print("|---|---|---|---|---|")
        for case in ("published", "dense", "degrees"):
            r = run_worker(args, ["--worker", "rss", "--case", case], threads[-1], env_path)
            print(f"| {case} | {r['input_bytes'] / 2**20:.0f} | {r['table_bytes'] / 2**20:.0f} | "
                  f"{r['rss_before_kib'] / 1024:.0f} | {r['peak_rss_kib'] / 1024:.0f} |")


if __name__ == "__main__":
    sys.exit(main())
