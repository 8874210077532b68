// The one place that lists the built-in routers. Adding a router: a folder with its class and
// factory, an entry here (with its parameters), and a test folder; the conformance suite then
// covers it automatically.
#include "routers/aux_free_bias/aux_free_bias_router.hpp"
#include "routers/base/base_router.hpp"
#include "routers/chwbl/chwbl_router.hpp"
#include "routers/expert_choice/expert_choice_router.hpp"
#include "routers/greedy/greedy_router.hpp"
#include "routers/group_limited/group_limited_router.hpp"
#include "routers/hash/hash_router.hpp"
#include "routers/learned_seed/learned_seed_router.hpp"
#include "routers/learned_seed/learned_seed_training.hpp"
#include "routers/phase/phase_router.hpp"
#include "routers/power_of_two/power_of_two_router.hpp"
#include "routers/round_robin/round_robin_router.hpp"
#include "routers/router_registry.hpp"
#include "routers/signature/signature_router.hpp"
#include "routers/sinkhorn/sinkhorn_router.hpp"
#include "routers/softmax_topk/softmax_topk_router.hpp"
#include "routers/trace/trace_router.hpp"
#include "routers/uniform/uniform_router.hpp"

namespace routelab {

namespace {

ParamSchema phase_parameters() {
  return {
      {.name = "reseed",
       .type = ParamType::choice,
       .default_value = "per_batch",
       .choices = {"per_batch", "fixed"},
       .meaning = "draw new permutations every batch, or keep the first batch's"},
      {.name = "eligible_experts",
       .type = ParamType::integer,
       .default_value = "experts",
       .min = 1,
       .max_is_experts = true,
       .meaning = "experts each token's arc may reach (its row degree)"},
      {.name = "expert_order",
       .type = ParamType::choice,
       .default_value = "permuted",
       .choices = {"permuted", "given"},
       .meaning = "experts' order on the token ring: a seeded permutation per batch (no seed-independent bias), "
                  "or the given order (the spec's tiling)"},
      {.name = "capacity_arcs",
       .type = ParamType::choice,
       .default_value = "spread",
       .choices = {"spread", "end_to_end"},
       .meaning = "capacity arcs spread evenly over the token ring (the surplus coverage shared), or laid end to "
                  "end"},
  };
}

}  // namespace

void register_builtin_routers(RouterRegistry& registry) {
  registry.add({.name = "uniform",
                .description = "k distinct experts uniformly at random per token (one-choice baseline)",
                .factory = make_uniform_router});
  // round_robin is seeded: its starting offset comes from the seed, so its output depends on it.
  registry.add({.name = "round_robin",
                .description = "experts in rotation, k consecutive per token; blind to content and load",
                .factory = make_round_robin_router});
  registry.add({.name = "hash",
                .description = "seeded keyed hash of the token key to k distinct experts (hash layers)",
                .factory = make_hash_router});
  registry.add({.name = "greedy",
                .description = "k least-loaded experts (queue + this batch's assignments), lowest id on ties",
                .randomized = false,
                .factory = make_greedy_router});
  registry.add({.name = "power_of_two",
                .description = "two hashed candidates per slot, the less loaded wins (power of two choices)",
                .factory = make_power_of_two_router});
  registry.add({.name = "trace",
                .description = "replays the expert choices recorded in a trace (e.g. DeepSeek-V2-Lite's learned router)",
                .randomized = false,
                .factory = make_trace_router,
                .needs_trace = true});
  registry.add({.name = "phase",
                .description = "bit-packed phase router: seeded arcs of token and capacity rings intersected (spec §2)",
                .factory = phase::make_phase_router,
                .parameters = phase_parameters()});
  // Routers from the literature (docs/routers.md), each with its paper's defining property tested.
  registry.add({.name = "chwbl",
                .description = "consistent hashing with bounded loads: first k experts clockwise under ceil((1+eps) mean)",
                .factory = make_chwbl_router,
                .parameters = chwbl_parameters()});
  registry.add({.name = "aux_free_bias",
                .description = "DeepSeek-V3 aux-loss-free balancing: top-k of affinity + per-expert bias, bias -/+ gamma per batch",
                .factory = make_aux_free_bias_router,
                .parameters = aux_free_bias_parameters()});
  registry.add({.name = "base",
                .description = "BASE layers: exact balanced assignment (B k / E per expert) of maximal total affinity",
                .factory = make_base_router,
                .parameters = base_parameters()});
  registry.add({.name = "expert_choice",
                .description = "Expert Choice: each expert takes its ceil(f B k / E) best tokens; a token gets 0..E experts",
                .factory = make_expert_choice_router,
                .parameters = expert_choice_parameters()});
  registry.add({.name = "sinkhorn",
                .description = "S-BASE-style Sinkhorn gating: affinities balanced by Sinkhorn iterations, then top-k",
                .factory = make_sinkhorn_router,
                .parameters = sinkhorn_parameters()});
  registry.add({.name = "group_limited",
                .description = "DeepSeek-V2/V3 group-limited top-k: a scored router's ranking within the token's M best expert groups",
                .factory = make_group_limited_router,
                .parameters = group_limited_parameters()});
  // Learned routers (docs/learned-routing.md): they read token embeddings and need a trained model.
  registry.add({.name = "softmax_topk",
                .description = "linear softmax gate on the embedding, trained with the Switch balance loss; top-k",
                .randomized = false,
                .factory = make_softmax_topk_router,
                .trainer = train_softmax_topk,
                .parameters = softmax_topk_parameters()});
  registry.add({.name = "signature",
                .description = "expert signatures read from expert weights (sign of summed rows); top-k dot product",
                .randomized = false,
                .factory = make_signature_router,
                .trainer = train_signature,
                .parameters = signature_parameters()});
  registry.add({.name = "learned_seed",
                .description = "phase router whose token-ring placement is learned: seeds picked from the embedding",
                .factory = make_learned_seed_router,
                .trainer = train_learned_seed_router,
                .parameters = learned_seed_parameters()});
}

}  // namespace routelab
