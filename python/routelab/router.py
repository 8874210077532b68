"""The base class of routers written in Python."""


class Router:
    """Subclass and implement route(batch). Pass an instance wherever a router name goes
    (routelab.run, routelab.compare); it runs inside the C++ engine, on the calling thread.

    route(batch) returns a (len(batch), batch.k) numpy array of signed integers (int32 is what
    the engine stores): each token's experts, distinct, padded with -1. The batch's arrays (keys,
    token_ids, arrivals, classes, embeddings, degrees, recorded_experts, loads, capacities) are
    read-only views of the engine's buffers, valid only during the call.

    Optional hooks: setup(config) before each run (config.seed, .num_experts, .k,
    .capacity_factor, .replication, .name, .params) -- reset any state here, since one object
    serves every run of a comparison; observe(loads) after each dispatched batch; and
    max_depth(k, num_experts) to return fallback columns for the next_choice overflow policy
    (route then returns (len(batch), batch.depth)).

    `name` (default: the class name) names the router in results; it must differ from every
    built-in router's name.
    """

    name = None
    description = "Python router"

    def setup(self, config):
        pass

    def route(self, batch):
        raise NotImplementedError("%s.route(batch) is not implemented" % type(self).__name__)
