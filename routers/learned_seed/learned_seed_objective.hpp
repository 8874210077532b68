#pragma once
// learned_seed's training objective on n tokens:
//   J = (1/n) sum_i sum_m y_im * lbar_im  +  coef * CV^2(D G),
//   lbar_im = sum_j H_mj * loss_ij          (the expected expert loss of token i homed at seed m)
//   D_m     = sum_i y_im                    (relaxed seed loads: the demand on each seed)
// G (seeds x L) maps seed demand onto what it loads: ring positions (a seed spreads its tokens
// over its window) or experts (G = H: the relaxed expert loads).
// where y_i is the token's Gumbel-softmax sample over the M seeds (z_i = P x_i + c) and H_mj the
// share of a seed-m token's assignments at expert j (window_share of its window, seed_window_share.hpp).
#include <span>
#include <vector>

namespace routelab {

struct SeedParameters {
  int seeds = 0;
  int dim = 0;
  std::vector<double> projection;  // seeds x dim
  std::vector<double> bias;        // seeds
};

struct SeedObjective {
  double task = 0;
  double balance = 0;
  double total() const { return task + balance; }
};

// soft: y = the soft sample (a smooth function: its gradient is exact).
// straight_through: y = the hard sample forward, the soft sample's Jacobian backward.
enum class SeedForward { soft, straight_through };

// The relaxed loads the CV^2 regularizer evens out: D G, with `load_map` = G row-major.
struct LoadMap {
  std::span<const double> map;  // seeds x width
  int width = 0;
};

struct SeedBatchView {
  std::span<const float> embeddings;  // n x dim
  std::span<const float> losses;      // n x experts
  std::span<const double> noise;      // n x seeds Gumbel noise; empty: none (plain softmax / argmax)
};

// Buffers one evaluation after another reuses (defined in the .cpp); see GateScratch.
struct SeedScratch;

SeedObjective seed_objective(const SeedParameters& parameters, std::span<const double> window_share, int experts,
                             const SeedBatchView& batch, double temperature, double balance_coef, SeedForward forward,
                             const LoadMap& load_map, SeedParameters* gradient = nullptr,
                             SeedScratch* scratch = nullptr);

}  // namespace routelab
