"""Result objects of routelab.run and routelab.compare."""


def _pandas():
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - depends on the machine
        raise ImportError("to_pandas() needs pandas (Debian: apt-get install python3-pandas)") from error
    return pandas


class RunResult:
    """One run: `summary` (the CLI JSON's fields for this run), `fingerprint`, and per-window x
    per-expert numpy arrays `window_loads` (assignments sent, at the router's pick), `accepted`
    (taken into the expert's servers or line, at the expert that took them), `served` (service
    completions), `drops`, `queue_peak`, `utilization`; `window_start`/`window_end` (ticks); `expert_load` and `expert_served` (whole
    run, per expert); `latencies` (ticks, each completed token, in completion order);
    `overload_events` (dict of arrays expert, start, end, peak and a list cause)."""

    def __init__(self, record, document):
        self.router = record["router"]
        self.replication = record["replication"]
        self.layer = record["layer"]
        self.summary = record["summary"]
        self.fingerprint = record["fingerprint"]
        self.window_start = record["window_start"]
        self.window_end = record["window_end"]
        self.window_loads = record["window_loads"]
        self.accepted = record["accepted"]
        self.served = record["served"]
        self.drops = record["drops"]
        self.queue_peak = record["queue_peak"]
        self.utilization = record["utilization"]
        self.expert_load = record["expert_load"]
        self.expert_served = record["expert_served"]
        self.latencies = record["latencies"]
        self.overload_events = record["overload_events"]
        self.scenario = {key: value for key, value in document.items() if key != "routers"}

    def __repr__(self):
        return "<routelab.RunResult %s replication %d%s: fingerprint %s, drop rate %.4g>" % (
            self.router, self.replication, " layer %d" % self.layer if self.layer else "", self.fingerprint,
            self.summary["drop_rate"])

    def windows_records(self):
        """The long per-window per-expert table as a dict of columns."""
        windows, experts = self.window_loads.shape if self.window_loads.ndim == 2 else (0, 0)
        import numpy
        window = numpy.repeat(numpy.arange(windows), experts)
        return {
            "router": [self.router] * (windows * experts),
            "replication": numpy.full(windows * experts, self.replication),
            "layer": numpy.full(windows * experts, self.layer),
            "window": window,
            "start": numpy.repeat(self.window_start, experts),
            "end": numpy.repeat(self.window_end, experts),
            "expert": numpy.tile(numpy.arange(experts), windows),
            "arrivals": self.window_loads.reshape(-1),
            "accepted": self.accepted.reshape(-1),
            "served": self.served.reshape(-1),
            "dropped": self.drops.reshape(-1),
            "queue_peak": self.queue_peak.reshape(-1),
            "utilization": self.utilization.reshape(-1),
        }

    def to_pandas(self):
        """The per-window per-expert series as one long DataFrame (one row per window and expert)."""
        return _pandas().DataFrame(self.windows_records())


class Comparison:
    """The runs of routelab.compare, in the CLI's order. `document` is what
    `routelab compare --format json` prints; `runs` the RunResults; comparison["greedy"] the first
    run of a router; to_pandas() one row per run with every scalar summary field; windows() the
    long per-window table of every run."""

    def __init__(self, runs, document):
        self.runs = runs
        self.document = document

    def __len__(self):
        return len(self.runs)

    def __iter__(self):
        return iter(self.runs)

    def __getitem__(self, key):
        if isinstance(key, str):
            for run in self.runs:
                if run.router == key:
                    return run
            raise KeyError("no run of router %r (routers: %s)" % (key, ", ".join(self.routers)))
        return self.runs[key]

    @property
    def routers(self):
        names = []
        for run in self.runs:
            if run.router not in names:
                names.append(run.router)
        return names

    @property
    def summary(self):
        return [run.summary for run in self.runs]

    def to_pandas(self):
        rows = []
        for run in self.runs:
            row = {"router": run.router, "replication": run.replication, "layer": run.layer}
            row.update({key: value for key, value in run.summary.items()
                        if key not in row and not isinstance(value, (list, dict))})
            rows.append(row)
        return _pandas().DataFrame(rows)

    def windows(self):
        pandas = _pandas()
        return pandas.concat([pandas.DataFrame(run.windows_records()) for run in self.runs], ignore_index=True)

    def __repr__(self):
        return "<routelab.Comparison of %d runs: %s>" % (len(self.runs), ", ".join(self.routers))
