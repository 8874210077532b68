"""Figures of routelab results with matplotlib (`routelab plot`, or `python3 -m routelab.plot`).

    routelab plot RUN_DIR_OR_SWEEP_DB --out DIR [--format png|svg]

A run directory (`routelab run|compare --out DIR`) gives, per router, the per-expert load heatmap
over time with overload events marked (heatmap-ROUTER.FORMAT) and, routers overlaid, the load
max/mean and drop rate per window (timeline.FORMAT) and the latency CDF per run (latency-cdf.FORMAT,
from latency_histogram.csv: exact to 1/256 of the latency). A sweep database (`routelab sweep run --db`)
gives each metric against each swept parameter, one line per router, mean and 95% CI band over
the replications at each value, one panel per combination of the other swept parameters
(sweep-METRIC-vs-PARAMETER.FORMAT). From Python, plot_comparison() draws
the same figures for a routelab.Comparison, its latency CDF from each token's latency.
"""
import argparse
import csv
import glob
import json
import math
import os
import re
import sqlite3
import sys

import numpy as np

MAX_PANELS = 6  # combinations of the other swept parameters drawn side by side before pooling
SWEEP_METRICS = ["drop_rate", "load_max_over_mean", "latency_p99", "latency_mean", "fill_ratio", "utilization"]


class PlotInputError(ValueError):
    """The input is not a run directory or a sweep database that can be drawn."""


class Series:
    """One run's per-window series (windows without arrivals, the drain at the end, are NaN in the
    ratios, so the lines stop instead of falling to zero): arrivals and drops (windows x experts), window bounds,
    overload events (expert, start tick) and, when known, each token's latency."""

    def __init__(self, label, start, end, arrivals, drops, event_expert, event_start, latencies=None):
        self.label = label
        self.start = np.asarray(start, dtype=np.int64)
        self.end = np.asarray(end, dtype=np.int64)
        self.arrivals = np.asarray(arrivals, dtype=np.float64)
        self.drops = np.asarray(drops, dtype=np.float64)
        self.event_expert = np.asarray(event_expert, dtype=np.int64)
        self.event_start = np.asarray(event_start, dtype=np.int64)
        self.latencies = None if latencies is None else np.asarray(latencies)
        self.latency_buckets = None  # (low_tick, high_tick, count) rows from latency_histogram.csv

    def latency_cdf(self):
        """(latency, fraction of completed tokens at or below it) as steps, or None when unknown: exact
        from the latencies, else from the histogram's buckets (each bucket's tokens at its high end)."""
        if self.latencies is not None and len(self.latencies):
            values = np.sort(self.latencies)
            return values, np.arange(1, len(values) + 1) / len(values)
        if self.latency_buckets is not None and len(self.latency_buckets):
            counts = self.latency_buckets[:, 2].astype(np.float64)
            return self.latency_buckets[:, 1], np.cumsum(counts) / counts.sum()
        return None

    def max_over_mean(self):
        mean = self.arrivals.mean(axis=1)
        return np.divide(self.arrivals.max(axis=1), mean, out=np.full_like(mean, np.nan), where=mean > 0)

    def drop_rate(self):
        sent = self.arrivals.sum(axis=1)
        return np.divide(self.drops.sum(axis=1), sent, out=np.full_like(sent, np.nan), where=sent > 0)

    def event_windows(self):
        """The window each overload event started in."""
        return np.clip(np.searchsorted(self.end, self.event_start, side="right"), 0, max(len(self.end) - 1, 0))


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot
    return pyplot


def _safe(name):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def _read_csv(path):
    with open(path, newline="") as handle:
        rows = [row for row in csv.reader(line for line in handle if not line.startswith("#"))]
    return rows[0], rows[1:]


RUN_KEY = ("router", "replication", "layer")  # the leading columns of every tidy export


def _read_table(path):
    """Rows of a tidy export grouped by run key, in file order: {(router, replication, layer): rows}."""
    header, rows = _read_csv(path)
    column = {name: i for i, name in enumerate(header)}
    missing = [name for name in RUN_KEY if name not in column]
    if missing:
        raise PlotInputError("'%s' has no %s column: not written by this routelab" % (path, ", ".join(missing)))
    groups = {}
    for row in rows:
        key = (row[column["router"]], int(row[column["replication"]]), int(row[column["layer"]]))
        groups.setdefault(key, []).append(row)
    return column, groups


def _label(key, several_replications):
    router, replication, layer = key
    return router + (" layer %d" % layer if layer else "") + (" rep %d" % replication if several_replications else "")


def series_from_run_directory(directory):
    """One Series per run (router, replication, layer) of the tidy windows.csv under a `--out` directory,
    with its overload events and, from latency_histogram.csv, its latency distribution."""
    if not os.path.isfile(os.path.join(directory, "summary.json")):
        raise PlotInputError("'%s' holds no summary.json: not the --out directory of a finished "
                         "routelab run or compare" % directory)
    windows_path = os.path.join(directory, "windows.csv")
    if not os.path.isfile(windows_path):
        raise PlotInputError("no windows.csv in '%s'" % directory)
    column, runs = _read_table(windows_path)
    events = ({}, {})
    events_path = os.path.join(directory, "overload_events.csv")
    if os.path.isfile(events_path):
        events = _read_table(events_path)
    histograms = ({}, {})
    histogram_path = os.path.join(directory, "latency_histogram.csv")
    if os.path.isfile(histogram_path):
        histograms = _read_table(histogram_path)
    several = len({key[1] for key in runs}) > 1
    series = []
    for key, rows in runs.items():
        values = ["window", "expert", "start_tick", "end_tick", "arrivals", "dropped"]
        data = np.array([[int(float(row[column[name]])) for name in values] for row in rows],
                        dtype=np.int64).reshape(-1, len(values))
        windows = np.unique(data[:, 0])
        experts = int(data[:, 1].max()) + 1 if len(data) else 0
        arrivals = np.zeros((len(windows), experts))
        drops = np.zeros((len(windows), experts))
        index = np.searchsorted(windows, data[:, 0])
        arrivals[index, data[:, 1]] = data[:, 4]
        drops[index, data[:, 1]] = data[:, 5]
        start = np.zeros(len(windows), dtype=np.int64)
        end = np.zeros(len(windows), dtype=np.int64)
        start[index] = data[:, 2]
        end[index] = data[:, 3]
        at, by_run = events
        event_rows = by_run.get(key, [])
        run = Series(_label(key, several), start, end, arrivals, drops,
                     [int(row[at["expert"]]) for row in event_rows], [int(row[at["start_tick"]]) for row in event_rows])
        at, by_run = histograms
        if key in by_run:
            run.latency_buckets = np.array([[int(row[at["low_tick"]]), int(row[at["high_tick"]]), int(row[at["count"]])]
                                            for row in by_run[key]], dtype=np.int64).reshape(-1, 3)
        series.append(run)
    if not series:
        raise PlotInputError("'%s' holds no window rows" % windows_path)
    return series


def series_from_comparison(comparison):
    series = []
    several = len(comparison.runs) > len(comparison.routers)
    for run in comparison.runs:
        label = run.router
        if several:
            label += (" layer %d" % run.layer if run.layer else "") + " rep %d" % run.replication
        series.append(Series(label, run.window_start, run.window_end, run.window_loads, run.drops,
                             run.overload_events["expert"], run.overload_events["start"], run.latencies))
    return series


def _save(figure, out_dir, name, fmt, written):
    path = os.path.join(out_dir, "%s.%s" % (_safe(name), fmt))
    figure.savefig(path, format=fmt, dpi=110, bbox_inches="tight")
    _pyplot().close(figure)
    written.append(path)


def plot_series(series, out_dir, fmt="png"):
    """Heatmaps, the timeline and (when latencies are known) the latency CDF; returns the paths."""
    pyplot = _pyplot()
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for run in series:
        figure, axes = pyplot.subplots(figsize=(9, 4.5))
        image = axes.imshow(run.arrivals.T, aspect="auto", origin="lower", interpolation="nearest", cmap="viridis")
        figure.colorbar(image, ax=axes, label="assignments per window")
        if len(run.event_expert):
            axes.scatter(run.event_windows(), run.event_expert, marker="x", s=14, color="red", linewidths=0.8,
                         label="overload event (%d)" % len(run.event_expert))
            axes.legend(loc="upper right", fontsize=8)
        axes.set_xlabel("window")
        axes.set_ylabel("expert")
        axes.set_title("per-expert load over time: %s" % run.label)
        _save(figure, out_dir, "heatmap-" + run.label, fmt, written)

    figure, (top, bottom) = pyplot.subplots(2, 1, figsize=(9, 6), sharex=True)
    for run in series:
        top.plot(np.arange(len(run.start)), run.max_over_mean(), label=run.label, linewidth=1.2)
        bottom.plot(np.arange(len(run.start)), run.drop_rate(), label=run.label, linewidth=1.2)
    top.set_ylabel("load max / mean")
    bottom.set_ylabel("drop rate")
    bottom.set_xlabel("window")
    top.legend(fontsize=8, ncol=2)
    top.set_title("load balance and drops per window")
    _save(figure, out_dir, "timeline", fmt, written)

    with_latency = [(run, run.latency_cdf()) for run in series if run.latency_cdf() is not None]
    if with_latency:
        figure, axes = pyplot.subplots(figsize=(7, 4.5))
        for run, (values, fractions) in with_latency:
            # A latency of 0 ticks cannot sit on a log axis: it is drawn at 1 tick.
            axes.step(np.maximum(values, 1), fractions, where="post", label=run.label)
        axes.set_xscale("log")
        axes.set_xlabel("latency (ticks, arrival to last assignment's completion)")
        axes.set_ylabel("fraction of completed tokens")
        axes.set_title("latency CDF")
        axes.legend(fontsize=8)
        _save(figure, out_dir, "latency-cdf", fmt, written)
    return written


def plot_comparison(comparison, out_dir, fmt="png"):
    """The figures of a routelab.Comparison (or RunResult list) into `out_dir`; returns the paths."""
    return plot_series(series_from_comparison(comparison), out_dir, fmt)


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def plot_sweep(database, out_dir, fmt="png"):
    """Each metric against each swept parameter, one line per router with its 95% CI band."""
    from . import mean_interval
    pyplot = _pyplot()
    os.makedirs(out_dir, exist_ok=True)
    connection = sqlite3.connect("file:%s?mode=ro" % database, uri=True)
    try:
        columns = connection.execute("SELECT name, role FROM columns ORDER BY position").fetchall()
    except sqlite3.DatabaseError as error:
        raise PlotInputError("'%s' is not a routelab sweep database (%s)" % (database, error))
    parameters = [name for name, role in columns if role == "parameter"]
    metrics = [name for name in SWEEP_METRICS if name in {n for n, role in columns if role == "metric"}]
    if not parameters:
        raise PlotInputError("the sweep in '%s' sweeps no parameter" % database)
    quoted = ", ".join('"%s"' % name.replace('"', '""') for name in parameters + metrics)
    rows = connection.execute("SELECT router, %s FROM runs WHERE status = 'ok'" % quoted).fetchall()
    connection.close()
    if not rows:
        raise PlotInputError("'%s' holds no finished run" % database)
    routers = sorted({row[0] for row in rows})
    written = []
    for p, parameter in enumerate(parameters):
        values = sorted({row[1 + p] for row in rows}, key=lambda v: (_number(v) is None, _number(v) or 0, str(v)))
        numeric = all(_number(v) is not None for v in values)
        x_of = {value: (_number(value) if numeric else i) for i, value in enumerate(values)}
        # One panel per combination of the other parameters (pooling them would mix, e.g., skews);
        # beyond MAX_PANELS combinations the runs are pooled and the title says so.
        others = [i for i in range(len(parameters)) if i != p]
        combos = sorted({tuple(row[1 + i] for i in others) for row in rows}, key=lambda c: [str(v) for v in c])
        pooled = len(combos) > MAX_PANELS
        panels = [None] if pooled else combos
        for m, metric in enumerate(metrics):
            columns_count = min(3, len(panels))
            rows_count = (len(panels) + columns_count - 1) // columns_count
            figure, grid = pyplot.subplots(rows_count, columns_count, figsize=(5.5 * columns_count, 4 * rows_count),
                                           squeeze=False, sharey=True)
            for panel, combo in enumerate(panels):
                axes = grid[panel // columns_count][panel % columns_count]
                selected = [row for row in rows
                            if combo is None or tuple(row[1 + i] for i in others) == combo]
                for router in routers:
                    xs, means, lows, highs = [], [], [], []
                    for value in values:
                        sample = [float(row[1 + len(parameters) + m]) for row in selected
                                  if row[0] == router and row[1 + p] == value and row[1 + len(parameters) + m] is not None]
                        if not sample:
                            continue
                        mean, half, _ = mean_interval(sample)
                        half = 0.0 if math.isnan(half) else half
                        xs.append(x_of[value])
                        means.append(mean)
                        lows.append(mean - half)
                        highs.append(mean + half)
                    if not xs:
                        continue
                    line, = axes.plot(xs, means, marker="o", label=router)
                    axes.fill_between(xs, lows, highs, color=line.get_color(), alpha=0.2)
                if not numeric:
                    axes.set_xticks(range(len(values)))
                    axes.set_xticklabels([str(v) for v in values])
                axes.set_xlabel(parameter)
                if panel % columns_count == 0:
                    axes.set_ylabel(metric)
                if combo:
                    axes.set_title(", ".join("%s = %s" % (parameters[i], v) for i, v in zip(others, combo)), fontsize=9)
                axes.legend(fontsize=7)
            for panel in range(len(panels), rows_count * columns_count):
                grid[panel // columns_count][panel % columns_count].set_visible(False)
            figure.suptitle("%s vs %s: mean and 95%% CI over replications%s" % (
                metric, parameter, "; pooled over the other parameters" if pooled else ""))
            figure.tight_layout()
            _save(figure, out_dir, "sweep-%s-vs-%s" % (metric, parameter), fmt, written)
    return written


def is_sweep_database(path):
    if not os.path.isfile(path):
        return False
    with open(path, "rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="routelab plot", description="draw the figures of a run directory "
                                     "(routelab run|compare --out) or a sweep database (routelab sweep run --db)")
    parser.add_argument("input", metavar="RUN_DIR_OR_SWEEP_DB")
    parser.add_argument("--out", required=True, metavar="DIR", help="directory for the figures (created)")
    parser.add_argument("--format", choices=["png", "svg"], default="png")
    args = parser.parse_args(argv)
    try:
        if is_sweep_database(args.input):
            written = plot_sweep(args.input, args.out, args.format)
        elif os.path.isdir(args.input):
            written = plot_series(series_from_run_directory(args.input), args.out, args.format)
        else:
            raise PlotInputError("'%s' is neither a run directory nor a sweep database" % args.input)
    except PlotInputError as error:
        print("routelab plot: error: %s" % error, file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
