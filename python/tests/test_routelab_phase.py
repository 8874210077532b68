"""Tests of the routelab_phase module: numpy in and out, the same routes as the C++ library's
kernels, the spec's bounds, strict argument checking, and the statistics toolkit against numpy."""
import numpy as np
import pytest

import routelab_phase as rp


def scattered(degrees, cols, seed):
    """A 0/1 matrix whose row i has degrees[i] ones at random positions."""
    rng = np.random.default_rng(seed)
    m = np.zeros((len(degrees), cols), dtype=np.uint8)
    for i, d in enumerate(degrees):
        m[i, rng.choice(cols, int(d), replace=False)] = 1
    return m


def published_inputs(n, k, seed=0):
    rng = np.random.default_rng(seed)
    s = rng.integers(1, k + 1, size=n)
    t = rng.integers(1, k + 1, size=n)
    return scattered(s, n, seed + 1), scattered(t, n, seed + 2)


def test_route_returns_int32_table_padded_with_minus_one():
    S, T = published_inputs(200, 24)
    routes = rp.route(S, T, 24, 5)
    assert routes.dtype == np.int32 and routes.shape == (200, 24)
    assert routes.min() >= -1 and routes.max() < 200
    for row in routes:
        kept = row[row >= 0]
        assert (row[len(kept):] == -1).all(), "padding only after the routes"
        assert len(set(kept.tolist())) == len(kept), "no column twice in a row"


def test_only_degrees_matter_and_kernels_agree():
    S, T = published_inputs(130, 16, seed=3)
    s, t = rp.degrees(S, T)
    assert s.dtype == np.int64 and (s == S.sum(axis=1)).all() and (t == T.sum(axis=1)).all()
    expected = rp.route_degrees(s, t, 16, 9)
    for kernel in ("auto", "reference", "arcs", "bitpacked"):
        assert (rp.route(S, T, 16, 9, kernel=kernel) == expected).all(), kernel
        assert (rp.route_degrees(s.astype(np.int32), t.astype(np.uint16), 16, 9, kernel=kernel) == expected).all()
    assert (rp.route(S.astype(bool), T.astype(bool), 16, 9) == expected).all()


def test_rectangular_row_and_column_bounds():
    rng = np.random.default_rng(11)
    B, E, k = 300, 40, 3
    s = rng.integers(0, E + 1, size=B)
    t = rng.integers(0, B + 1, size=E)
    routes, stats = rp.route_degrees(s, t, k, 2, return_stats=True)
    per_row = (routes >= 0).sum(axis=1)
    assert (per_row <= np.minimum(k, s)).all()
    load = np.bincount(routes[routes >= 0], minlength=E)
    assert (load <= t).all()
    assert (load == stats["column_load"]).all()
    assert stats["active_routes"] == per_row.sum()
    assert stats["fill_ratio"] == pytest.approx(per_row.sum() / (B * k))


def test_all_ones_n100_routes_every_pair():
    ones = np.ones((100, 100), dtype=np.uint8)
    routes = rp.route(ones, ones, 100, 1)
    for row in routes:
        assert sorted(row.tolist()) == list(range(100))


def test_seed_determinism():
    S, T = published_inputs(128, 32, seed=4)
    assert (rp.route(S, T, 32, 0) == rp.route(S, T, 32, 0)).all()
    assert not (rp.route(S, T, 32, 0) == rp.route(S, T, 32, 1)).all()
    assert rp.batch_seed(1, 2) != rp.batch_seed(1, 3)


def test_pack_and_route_writes_in_place_and_reports_stats():
    S, T = published_inputs(256, 64, seed=5)
    routes = np.zeros((256, 64), dtype=np.int32)
    stats = rp.pack_and_route(S, T, 64, routes, seed=3)
    assert (routes == rp.route(S, T, 64, 3)).all()
    for key in ("N", "k", "active_routes", "routes_per_row", "fill_ratio", "packing_time_ms", "routing_time_ms",
                "total_time_ms", "column_max_over_mean", "kernel"):
        assert key in stats
    assert stats["active_routes"] == (routes >= 0).sum()


def test_bad_output_arrays_are_refused_untouched():
    S, T = published_inputs(64, 8, seed=6)
    wrong_dtype = np.zeros((64, 8), dtype=np.int64)
    with pytest.raises(TypeError, match="int32"):
        rp.pack_and_route(S, T, 8, wrong_dtype)
    assert (wrong_dtype == 0).all()
    with pytest.raises(ValueError, match="shape"):
        rp.pack_and_route(S, T, 8, np.zeros((64, 9), dtype=np.int32))
    with pytest.raises(ValueError, match="contiguous"):
        rp.pack_and_route(S, T, 8, np.zeros((8, 64), dtype=np.int32).T)
    read_only = np.zeros((64, 8), dtype=np.int32)
    read_only.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        rp.pack_and_route(S, T, 8, read_only)
    with pytest.raises(TypeError, match="ndarray"):
        rp.pack_and_route(S, T, 8, [[0] * 8] * 64)


def test_bad_inputs_raise_typed_errors_naming_the_argument():
    S, T = published_inputs(32, 4, seed=7)
    with pytest.raises(TypeError, match="S: expected dtype"):
        rp.route(S.astype(np.float64), T, 4)
    with pytest.raises(TypeError, match="T: expected dtype"):
        rp.route(S, T.astype(np.int32), 4)
    with pytest.raises(TypeError, match="ndarray"):
        rp.route(S.tolist(), T, 4)
    with pytest.raises(ValueError, match="2-D"):
        rp.route(S[0], T, 4)
    with pytest.raises(ValueError, match="T: expected shape"):
        rp.route(S, T[:31], 4)
    bad = S.copy()
    bad[3, 5] = 2
    with pytest.raises(ValueError, match=r"S: entry \(3, 5\) is 2"):
        rp.route(bad, T, 4)
    with pytest.raises(ValueError, match="k"):
        rp.route(S, T, 0)
    with pytest.raises(TypeError):
        rp.route(S, T, 2.5)
    with pytest.raises(ValueError, match="kernel"):
        rp.route(S, T, 4, kernel="fastest")
    with pytest.raises(TypeError, match="integer dtype"):
        rp.route_degrees(np.array([1.0, 2.0]), np.array([1, 1]), 1)
    with pytest.raises(ValueError, match=r"s\[1\]"):
        rp.route_degrees(np.array([1, 3]), np.array([1, 1]), 1)
    with pytest.raises(ValueError, match="1-D"):
        rp.route_degrees(np.ones((2, 2), dtype=np.int64), np.array([1, 1]), 1)


def test_non_contiguous_rows_are_refused_but_row_strides_are_fine():
    S, T = published_inputs(40, 6, seed=8)
    with pytest.raises(ValueError, match="contiguous"):
        rp.route(np.asfortranarray(S), T, 6)
    wide = np.zeros((40, 80), dtype=np.uint8)
    wide[:, :40] = S
    assert (rp.route(wide[:, :40], T, 6, 2) == rp.route(S, T, 6, 2)).all()


def test_monte_carlo_stats_agree_with_numpy_on_the_raw_samples():
    rng = np.random.default_rng(12)
    s = rng.integers(1, 30, size=150)
    t = rng.integers(1, 150, size=30)
    st = rp.monte_carlo_stats(s, t, 4, num_samples=16, seed=3, keep_samples=True)
    raw = st["raw_samples"]
    assert raw.shape == (16, 30)
    assert np.allclose(st["mean_load"], raw.mean(axis=0))
    assert np.allclose(st["std_load"], raw.std(axis=0))
    assert np.allclose(st["p95_load"], np.percentile(raw, 95, axis=0))
    assert (st["max_load"] == raw.max(axis=0)).all()
    assert st["global_skew"] == pytest.approx(st["mean_load"].max() / st["mean_load"].mean())
    assert np.allclose(st["ideal_mean"], st["mean_routes"] * t / t.sum())  # t-proportional baseline
    cap = rp.estimate_capacity(s, t, 4, confidence=0.9, num_samples=16, seed=3)
    assert np.allclose(cap["required_capacity"], np.percentile(raw, 90, axis=0))
    assert np.allclose(cap["headroom"], cap["required_capacity"] - cap["mean_capacity"])


def test_suggest_k_and_distribution_analysis():
    s = np.full(1024, 64)
    t = np.full(64, 512)  # capacities tile the token ring 32 times: 32 candidates per token
    result = rp.suggest_k(s, t, target_skew=1.1, k_min=1, k_max=500, num_samples=6, seed=3)
    assert result["success"] and result["k_binds"]
    assert result["max_row_candidates"] == 32 and result["searched_up_to"] == 32
    assert result["achieved_skew"] <= 1.1
    points = rp.analyze_distribution(s, t, [1, 8, 32], num_samples=6, seed=3)
    assert [p["k"] for p in points] == [1, 8, 32]
    assert points[-1]["k_binds"] is False and points[-1]["global_skew"] == pytest.approx(1.0)
    for p in points:
        assert p["edge_density"] == pytest.approx(p["theoretical_density"], rel=0.02)


def test_expected_routes_matches_the_mean_fill():
    rng = np.random.default_rng(13)
    s = rng.integers(0, 50, size=200)
    t = rng.integers(0, 200, size=50)
    st = rp.monte_carlo_stats(s, t, 5, num_samples=200, seed=1)
    assert st["mean_routes"] == pytest.approx(rp.expected_routes(s, t, 5), rel=0.02)


def test_degrees_in_the_other_byte_order_are_read_by_value():
    s = np.full(300, 8, dtype=np.int64)
    t = np.full(8, 280, dtype=np.int64)  # above 255: a byte-swapped read would see 0x1801 = 6145
    swapped_t = t.astype(">i2") if np.little_endian else t.astype("<i2")
    assert (rp.route_degrees(s, swapped_t, 2, 3) == rp.route_degrees(s, t, 2, 3)).all()
    big = np.array([300], dtype=">i2" if np.little_endian else "<i2")
    with pytest.raises(ValueError, match=r"t\[0\]: expected a degree in 0..1 \(.*\), got 300"):
        rp.route_degrees(np.array([1]), big, 1)


def test_empty_matrices_are_named_as_empty():
    with pytest.raises(ValueError, match=r"S: expected at least one row and one column, got an empty matrix of shape \(0, 4\)"):
        rp.route(np.zeros((0, 4), np.uint8), np.zeros((4, 0), np.uint8), 1)
    with pytest.raises(ValueError, match="T: expected at least one row"):
        rp.route(np.zeros((3, 2), np.uint8), np.zeros((2, 0), np.uint8), 1)


def test_supplied_token_positions_are_pi_t_and_are_validated():
    s = np.full(16, 8, dtype=np.int64)
    t = np.full(8, 5, dtype=np.int64)
    _, stats = rp.route_degrees(s, t, 2, 4, return_stats=True)
    identity = np.arange(16)
    a = rp.route_degrees(s, t, 2, 4, token_positions=identity)
    assert (a == rp.route_degrees(s, t, 2, 4, token_positions=identity.astype(np.int32))).all()
    assert not (a == rp.route_degrees(s, t, 2, 4, token_positions=identity[::-1].copy())).all()
    with pytest.raises(ValueError, match=r"token_positions: expected 16 ring positions"):
        rp.route_degrees(s, t, 2, 4, token_positions=identity[:5])
    with pytest.raises(ValueError, match=r"token_positions\[1\]: position 0 is taken"):
        rp.route_degrees(s, t, 2, 4, token_positions=np.zeros(16, np.int64))
    with pytest.raises(ValueError, match=r"token_positions\[0\]: 4294967296 is out of range"):
        rp.route_degrees(s, t, 2, 4, token_positions=np.full(16, 2**32, np.int64))
    with pytest.raises(ValueError, match="token_positions: expected 16 ring positions"):
        rp.route_degrees(s, t, 2, 4, token_positions=np.zeros(0, np.int64))


def test_layout_options_keep_the_bounds_and_remove_the_tiling_bias():
    s = np.full(512, 64, dtype=np.int64)
    t = np.full(64, 20, dtype=np.int64)
    load_tiled = np.zeros(64)
    load_simulator = np.zeros(64)
    for seed in range(100):
        tiled = rp.route_degrees(s, t, 2, seed)
        spread = rp.route_degrees(s, t, 2, seed, expert_order="permuted", capacity_arcs="spread", kernel="reference")
        assert (spread == rp.route_degrees(s, t, 2, seed, expert_order="permuted", capacity_arcs="spread")).all()
        for routes, load in ((tiled, load_tiled), (spread, load_simulator)):
            counts = np.bincount(routes[routes >= 0], minlength=64)
            assert counts.max() <= 20 and (routes >= 0).sum() == 1024
            load += counts
    assert load_tiled.max() / load_tiled.mean() == pytest.approx(1.25)
    assert load_simulator.max() / load_simulator.mean() < 1.03
    with pytest.raises(ValueError, match="expert_order: expected 'permuted' or 'given', got 'shuffled'"):
        rp.route_degrees(s, t, 2, expert_order="shuffled")
    with pytest.raises(ValueError, match="capacity_arcs"):
        rp.route(np.ones((4, 4), np.uint8), np.ones((4, 4), np.uint8), 1, capacity_arcs="tiled")
