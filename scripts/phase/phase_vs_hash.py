#!/usr/bin/env python3
"""Phase router against the published hash router, like for like at the published configuration.

    python3 scripts/phase/phase_vs_hash.py [--module-dir build/python] [--n 32000]
        [--ks 64,256,1024,4096,12800] [--published TREE [--build-dir DIR]] [--check]

The configuration of the published comparison (evaluation/phase_router_vs_hash.py and
docs/stress_test.md of github TSltd/bitpacked_phase_router; scripts/phase/published_config.py
re-implements it):
- single phase: S and T with row degrees uniform on [1, k] (seeds 42, 123) at random positions;
  the hash router keeps up to k random columns of S[i] AND T[i] (numpy stream, seed 0);
- two-phase adversarial: phase 1 routes uniform-k matrices (seeds 1, 2); phase 2's S gives row i
  the k columns of bucket (sum of row i's phase-1 routes) mod 128 (bucket columns drawn with
  seed 123 after the phase router, 999 after the hash router); T2 is uniform-k (seed 3).
Column skew is max / mean column load over all N columns (the published figure). The phase
router is routelab's (`routelab_phase.pack_and_route`, the published operator: expert order
given, capacity arcs end to end, seeds 1 and 2); with --published the published code's own
router is run on the same matrices as well (its extension built from TREE).

Prints two Markdown tables and, per row, which router has the lower skew. --check exits 1 unless
the properties that must hold at any size hold: the phase router never loads column j beyond
T's row degree t_j (single phase), it fills what the hash router fills within 10%, and in the
two-phase test its phase-2 skew is lower than the hash router's.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--module-dir", default="build/python", help="folder holding routelab_phase*.so")
    parser.add_argument("--n", type=int, default=32000)
    parser.add_argument("--ks", default="64,256,1024,4096,12800")
    parser.add_argument("--published", help="work tree of the published repository, to run its router too")
    parser.add_argument("--build-dir", default="/tmp/published-phase-build")
    parser.add_argument("--check", action="store_true", help="exit 1 unless the size-independent properties hold")
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.module_dir))
    import numpy as np
    import routelab_phase as rp
    import published_config as pc
    published = None
    if args.published:
        sys.path.insert(0, pc.build_published(args.published, os.path.abspath(args.build_dir)))
        import router as published

    n = args.n
    ks = [int(k) for k in args.ks.split(",")]
    failures = []

    def ours(S, T, k, seed):
        routes = np.empty((n, k), dtype=np.int32)
        rp.pack_and_route(S, T, k, routes, seed=seed)
        return routes

    def theirs(S, T, k, seed):
        routes = np.empty((n, k), dtype=np.int32)
        published.pack_and_route(S, T, k, routes, seed=seed)
        return routes

    def lower(a, b):
        return "phase" if a < b else "hash" if b < a else "tie"

    extra = " published phase skew |" if published else ""
    print(f"Single phase, N = {n}: column max / mean (max load), fill ratio\n")
    print(f"| k | phase skew (max) | hash skew (max) |{extra} phase fill | hash fill | lower skew |")
    print("|---|---|---|" + ("---|" if published else "") + "---|---|---|")
    for k in ks:
        s, t, S, T = pc.random_binary_matrices(n, k, 42, 123)
        p = pc.column_summary(ours(S, T, k, 1), n)
        h = pc.column_summary(pc.hash_router(S, T, k, seed=0), n)
        cell = f" {pc.column_summary(theirs(S, T, k, 1), n)['skew']:.2f} |" if published else ""
        print(f"| {k} | {p['skew']:.2f} ({p['max']}) | {h['skew']:.2f} ({h['max']}) |{cell} {p['fill']:.5f} | "
              f"{h['fill']:.5f} | {lower(p['skew'], h['skew'])} |", flush=True)
        over = int((p["load"] > t).sum())
        if over:
            failures.append(f"single phase k={k}: {over} columns loaded beyond t_j")
        if abs(p["fill"] - h["fill"]) > 0.10 * h["fill"]:
            failures.append(f"single phase k={k}: fill {p['fill']:.5f} against the hash router's {h['fill']:.5f}")
        del S, T

    print(f"\nTwo-phase adversarial, N = {n}: phase-2 column max / mean (max load)\n")
    print(f"| k | phase 1 skew | phase 2 skew (max) | hash 1 skew | hash 2 skew (max) |{extra} lower phase-2 skew |")
    print("|---|---|---|---|---|" + ("---|" if published else "") + "---|")
    for k in ks:
        S1, T1 = pc.uniform_k_matrix(n, k, 1), pc.uniform_k_matrix(n, k, 2)
        T2 = pc.uniform_k_matrix(n, k, 3)
        routes1 = ours(S1, T1, k, 1)
        p1 = pc.column_summary(routes1, n)
        p2 = pc.column_summary(ours(pc.adversarial_s2(routes1, n, k, seed=123), T2, k, 2), n)
        del routes1
        cell = ""
        if published:
            theirs1 = theirs(S1, T1, k, 1)
            cell = f" {pc.column_summary(theirs(pc.adversarial_s2(theirs1, n, k, seed=123), T2, k, 2), n)['skew']:.2f} |"
            del theirs1
        hash1 = pc.hash_router(S1, T1, k)
        h1 = pc.column_summary(hash1, n)
        h2 = pc.column_summary(pc.hash_router(pc.adversarial_s2(hash1, n, k, seed=999), T2, k), n)
        del hash1, S1, T1, T2
        print(f"| {k} | {p1['skew']:.2f} | {p2['skew']:.2f} ({p2['max']}) | {h1['skew']:.2f} | {h2['skew']:.2f} "
              f"({h2['max']}) |{cell} {lower(p2['skew'], h2['skew'])} |", flush=True)
        if not p2["skew"] < h2["skew"]:
            failures.append(f"two-phase k={k}: phase-2 skew {p2['skew']:.2f} not below the hash router's {h2['skew']:.2f}")

    if args.check and failures:
        print("\n".join(["", "check failed:"] + failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
