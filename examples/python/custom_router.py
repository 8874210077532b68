"""A load-aware router in Python, against the built-in greedy and phase (docs/python.md)."""
import sys
import numpy as np
import pandas
import routelab
from routelab.plot import plot_comparison

class MostRoom(routelab.Router):
    name = "py_most_room"

    def route(self, batch):  # deal the tokens' k slots over the experts, most room left first
        order = np.argsort(batch.loads - batch.capacities, kind="stable").astype(np.int32)
        slots = np.arange(len(batch))[:, None] * batch.k + np.arange(batch.k)[None, :]
        return order[slots % batch.num_experts]

scenario = routelab.load_scenario("zipf-hot", overrides={"routing.k": 2, "length.tokens": 40000})
comparison = routelab.compare(scenario, ["greedy", "phase", MostRoom()])
pandas.set_option("display.width", 120)
print(comparison.to_pandas()[["router", "drop_rate", "load_max_over_mean", "latency_p99", "fingerprint"]])
print(plot_comparison(comparison, sys.argv[1] if len(sys.argv) > 1 else "figures"))
