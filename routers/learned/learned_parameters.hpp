#pragma once
// The parameters the learned routers share, declared once: `model` and `train_tokens` for every
// learned router, and the training knobs (epochs, learning rate, balance weight) that more than
// one trainer reads, each with the owning trainer's default.
#include <cstdint>
#include <string>

#include "routers/router_parameters.hpp"

namespace routelab {

// Training-stream tokens the scenario layer draws when `train_tokens` is absent: 64 batches of
// 512, enough for a 64 x 32 gate to settle, trained in about a second on one core.
inline constexpr std::int64_t kDefaultTrainTokens = 32768;
inline constexpr std::int64_t kMaxTrainTokens = std::int64_t{1} << 26;

// `model` and `train_tokens`, then the router's own parameters.
ParamSchema learned_router_parameters(ParamSchema own);

ParamSpec epochs_parameter(int default_epochs);
ParamSpec learning_rate_parameter(double default_rate);
ParamSpec balance_coef_parameter(double default_coef, std::string meaning);

}  // namespace routelab
