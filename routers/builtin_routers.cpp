// The one place that lists the built-in routers. Adding a router: a folder with its class and
// factory, a line here, and a test folder; the conformance suite then covers it automatically.
#include "routers/greedy/greedy_router.hpp"
#include "routers/hash/hash_router.hpp"
#include "routers/phase/phase_router.hpp"
#include "routers/learned_seed/learned_seed_router.hpp"
#include "routers/power_of_two/power_of_two_router.hpp"
#include "routers/round_robin/round_robin_router.hpp"
#include "routers/router_registry.hpp"
#include "routers/signature/signature_router.hpp"
#include "routers/softmax_topk/softmax_topk_router.hpp"
#include "routers/trace/trace_router.hpp"
#include "routers/uniform/uniform_router.hpp"

namespace routelab {

void register_builtin_routers(RouterRegistry& registry) {
  registry.add({"uniform", "k distinct experts uniformly at random per token (one-choice baseline)", true,
                make_uniform_router});
  // round_robin is seeded: its starting offset comes from the seed, so its output depends on it.
  registry.add({"round_robin", "experts in rotation, k consecutive per token; blind to content and load", true,
                make_round_robin_router});
  registry.add({"hash", "seeded keyed hash of the token key to k distinct experts (hash layers)", true,
                make_hash_router});
  registry.add({"greedy", "k least-loaded experts (queue + this batch's assignments), lowest id on ties", false,
                make_greedy_router});
  registry.add({"power_of_two", "two hashed candidates per slot, the less loaded wins (power of two choices)", true,
                make_power_of_two_router});
  registry.add({"trace", "replays the expert choices recorded in a trace (e.g. DeepSeek-V2-Lite's learned router)",
                false, make_trace_router, /*needs_trace=*/true});
  registry.add({"phase", "bit-packed phase router: seeded arcs of token and capacity rings intersected (spec §2)",
                true, phase::make_phase_router});
  // Learned routers (docs/learned-routing.md): they read token embeddings and need a trained model.
  registry.add({"softmax_topk", "linear softmax gate on the embedding, trained with the Switch balance loss; top-k",
                false, make_softmax_topk_router, /*needs_trace=*/false, train_softmax_topk});
  registry.add({"signature", "expert signatures read from expert weights (sign of summed rows); top-k dot product",
                false, make_signature_router, /*needs_trace=*/false, train_signature});
  registry.add({"learned_seed", "phase router whose token-ring placement is learned: seeds picked from the embedding",
                true, make_learned_seed_router, /*needs_trace=*/false, train_learned_seed_router});
}

}  // namespace routelab
