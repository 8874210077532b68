"""`routelab plot` and routelab.plot: the figures exist, decode, and are not blank."""
import os
import subprocess
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest

import routelab
from routelab.plot import PlotInputError, plot_comparison, plot_sweep

from conftest import cli_path

SWEEP = """name = "plot-test"
scenario = "default"
replications = 3
routers = ["hash", "greedy"]
[set]
length.tokens = 4096
[grid]
routing.capacity_factor = [1.0, 1.25, 1.5]
tokens.zipf_s = [0.8, 1.2]
"""


def check_png(path):
    import matplotlib.image
    pixels = matplotlib.image.imread(path)
    assert pixels.ndim == 3 and pixels.shape[0] > 100 and pixels.shape[1] > 100, path
    # An empty set of axes (frame, ticks, labels) leaves the middle of the figure white: data must not.
    height, width = pixels.shape[:2]
    middle = pixels[height // 8: -height // 8, width // 8: -width // 8, :3]
    inked = (middle.min(axis=2) < 0.9).mean()
    assert inked > 0.01, "%s is blank in the middle (%.4f of its pixels drawn)" % (path, inked)


def check_svg(path):
    root = ElementTree.parse(path).getroot()
    assert root.tag.endswith("svg"), path
    # Data is an embedded image (heatmap) or paths clipped to the axes (lines, bands); the frame,
    # ticks and text of an empty axes are neither.
    images = [element for element in root.iter() if element.tag.endswith("image")]
    data = [element for element in root.iter() if element.tag.endswith("path") and element.get("clip-path")]
    assert images or data, "%s draws no data" % path


def plot(*args):
    return subprocess.run([cli_path(), "plot", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("runs") / "out"
    completed = subprocess.run([cli_path(), "compare", "--scenario", "zipf-hot", "--tokens", "30000",
                                "--routers", "hash,greedy,phase", "--out", str(out)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return out


@pytest.mark.parametrize("fmt,check", [("png", check_png), ("svg", check_svg)])
def test_plot_a_run_directory(run_dir, tmp_path, fmt, check):
    completed = plot(str(run_dir), "--out", str(tmp_path / "figures"), "--format", fmt)
    assert completed.returncode == 0, completed.stderr
    expected = ["heatmap-hash", "heatmap-greedy", "heatmap-phase", "timeline", "latency-cdf"]
    written = completed.stdout.split()
    assert sorted(written) == sorted(str(tmp_path / "figures" / (name + "." + fmt)) for name in expected)
    for path in written:
        check(path)


def test_run_directory_latency_cdf_meets_the_summary_percentiles(run_dir):
    import json
    from routelab.plot import series_from_run_directory
    summary = json.loads((run_dir / "summary.json").read_text())
    series = series_from_run_directory(str(run_dir))
    assert [run.label for run in series] == [entry["router"] for entry in summary["routers"]]
    for run, entry in zip(series, summary["routers"]):
        values, fractions = run.latency_cdf()
        assert run.latency_buckets[:, 2].sum() == entry["tokens_completed"]
        for name, q in (("latency_p50", 0.50), ("latency_p99", 0.99)):
            # The summary's percentile lies in the first bucket where the CDF reaches q (bucket
            # middles: within 1/256 of the bucket's bounds).
            first = int(np.argmax(fractions >= q - 1e-12))
            low, high = run.latency_buckets[first, 0], run.latency_buckets[first, 1]
            assert low <= entry[name] <= high, (run.label, name, low, entry[name], high)


def test_plot_a_sweep_database(tmp_path):
    sweep = tmp_path / "sweep.toml"
    sweep.write_text(SWEEP)
    database = tmp_path / "results.sqlite"
    completed = subprocess.run([cli_path(), "sweep", "run", str(sweep), "--db", str(database), "--jobs", "2"],
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    completed = plot(str(database), "--out", str(tmp_path / "figures"))
    assert completed.returncode == 0, completed.stderr
    written = completed.stdout.split()
    for parameter in ("routing.capacity_factor", "tokens.zipf_s"):
        for metric in ("drop_rate", "load_max_over_mean", "latency_p99"):
            path = str(tmp_path / "figures" / ("sweep-%s-vs-%s.png" % (metric, parameter)))
            assert path in written
            check_png(path)


def test_sweep_bands_are_the_report_intervals(tmp_path):
    sweep = tmp_path / "sweep.toml"
    sweep.write_text(SWEEP)
    database = tmp_path / "results.sqlite"
    subprocess.run([cli_path(), "sweep", "run", str(sweep), "--db", str(database)], check=True, capture_output=True)
    mean, half, n = routelab.mean_interval([1.0, 2.0, 3.0])
    assert (mean, n) == (2.0, 3) and half == pytest.approx(4.302652729911275 * 1 / 3 ** 0.5)
    assert np.isnan(routelab.mean_interval([1.0])[1])
    assert len(plot_sweep(str(database), str(tmp_path / "f"), "svg")) == 2 * 6


def test_plot_a_comparison_from_python_with_the_latency_cdf(tmp_path):
    comparison = routelab.compare(routelab.load_scenario("default", overrides={"length.tokens": 20000}),
                                  ["hash", "greedy"])
    written = plot_comparison(comparison, str(tmp_path))
    assert [os.path.basename(path) for path in written] == \
           ["heatmap-hash.png", "heatmap-greedy.png", "timeline.png", "latency-cdf.png"]
    for path in written:
        check_png(path)


def test_bad_inputs_exit_2_with_a_message(tmp_path):
    completed = plot(str(tmp_path), "--out", str(tmp_path / "f"))
    assert completed.returncode == 2 and "no summary.json" in completed.stderr
    (tmp_path / "x.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    completed = plot(str(tmp_path / "x.sqlite"), "--out", str(tmp_path / "f"))
    assert completed.returncode == 2 and "not a routelab sweep database" in completed.stderr
    completed = plot(str(tmp_path / "missing"), "--out", str(tmp_path / "f"))
    assert completed.returncode == 2 and "does not exist" in completed.stderr
    completed = subprocess.run([cli_path(), "report", str(tmp_path / "x.sqlite"), "--figures"], capture_output=True,
                               text=True)
    assert completed.returncode == 2 and "--figures: needs --out" in completed.stderr
    with pytest.raises(PlotInputError):
        plot_sweep(str(tmp_path / "x.sqlite"), str(tmp_path / "f"))
