"""The published phase router's evaluation configuration, written for routelab's scripts.

Inputs (as the published evaluation generates them; numpy's default_rng), the published hash router
and the adversarial phase-2 matrix of its two-phase test, and a build of the published Python
extension from a work tree of its repository (github TSltd/bitpacked_phase_router, kept outside
this repository). These are re-implementations from the published description and script; no
published code is copied here.
"""
import os
import subprocess
import sys
import sysconfig

import numpy as np


def random_binary_matrices(n, k, seed_s=42, seed_t=123, dense=True):
    """Row degrees of S and T uniform on [1, k], the ones of each row at random positions.

    Returns (s, t, S, T); S and T are None when dense is False (degrees only, the same degrees)."""
    rng_s, rng_t = np.random.default_rng(seed_s), np.random.default_rng(seed_t)
    s = rng_s.integers(1, k + 1, size=n)
    t = rng_t.integers(1, k + 1, size=n)
    if not dense:
        return s.astype(np.int64), t.astype(np.int64), None, None
    S = np.zeros((n, n), dtype=np.uint8)
    T = np.zeros((n, n), dtype=np.uint8)
    for i in range(n):
        S[i, rng_s.choice(n, s[i], replace=False)] = 1
        T[i, rng_t.choice(n, t[i], replace=False)] = 1
    return s.astype(np.int64), t.astype(np.int64), S, T


def uniform_k_matrix(n, k, seed):
    """Every row has exactly k ones at random positions."""
    rng = np.random.default_rng(seed)
    m = np.zeros((n, n), dtype=np.uint8)
    for i in range(n):
        m[i, rng.choice(n, k, replace=False)] = 1
    return m


def hash_router(S, T, k, seed=0):
    """The published baseline: row i keeps up to k columns of S[i] AND T[i] in a random order
    (one numpy stream over all rows); -1 pads."""
    n = S.shape[0]
    rng = np.random.default_rng(seed)
    routes = -np.ones((n, k), dtype=np.int32)
    for i in range(n):
        candidates = np.flatnonzero(S[i] & T[i])
        if len(candidates):
            rng.shuffle(candidates)
            chosen = candidates[:k]
            routes[i, :len(chosen)] = chosen
    return routes


def adversarial_s2(routes, n, k, buckets=128, seed=123):
    """Phase 2's S: row i gets the k columns of bucket (sum of row i's phase-1 routes) mod buckets;
    the bucket columns are k distinct random columns each (the published bucket hash)."""
    rng = np.random.default_rng(seed)
    bucket_columns = [rng.choice(n, k, replace=False) for _ in range(buckets)]
    h = np.where(routes >= 0, routes, 0).sum(axis=1, dtype=np.int64) % buckets
    s2 = np.zeros((n, n), dtype=np.uint8)
    for i in range(n):
        s2[i, bucket_columns[h[i]]] = 1
    return s2


def column_summary(routes, n):
    """Column loads and the published column statistics (skew = max / mean over all n columns)."""
    load = np.bincount(routes[routes >= 0].ravel(), minlength=n)
    mean = load.mean()
    return {"load": load, "max": int(load.max()), "mean": float(mean), "skew": float(load.max() / (mean + 1e-9)),
            "fill": float((routes >= 0).sum()) / routes.size}


def build_published(tree, build_dir):
    """Compile the published extension `router` from tree/src/router.cpp with its setup.py's flags
    (-O3 -fopenmp -std=c++17) against Debian's pybind11 and numpy headers; returns build_dir.
    Rebuilt only when the source is newer than the module."""
    source = os.path.join(tree, "src", "router.cpp")
    if not os.path.exists(source):
        sys.exit(f"{source} not found (expected a work tree of the published repository)")
    os.makedirs(build_dir, exist_ok=True)
    target = os.path.join(build_dir, "router" + sysconfig.get_config_var("EXT_SUFFIX"))
    if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(source):
        return build_dir
    command = ["g++", "-O3", "-fopenmp", "-std=c++17", "-shared", "-fPIC", "-I" + sysconfig.get_paths()["include"],
               "-I" + np.get_include(), source, "-o", target]
    print("building the published extension:", " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True)
    return build_dir
