#include "routers/learned/learned_parameters.hpp"

namespace routelab {

ParamSchema learned_router_parameters(ParamSchema own) {
  ParamSchema schema{
      {.name = "model",
       .type = ParamType::path,
       .default_value = "(trained in-process)",
       .meaning = "trained model file (routelab train --out); relative to the scenario file"},
      {.name = "train_tokens",
       .type = ParamType::integer,
       .default_value = std::to_string(kDefaultTrainTokens),
       .min = 1,
       .max = static_cast<double>(kMaxTrainTokens),
       .meaning = "training-stream tokens drawn when the router is trained in-process"},
  };
  schema.insert(schema.end(), own.begin(), own.end());
  return schema;
}

ParamSpec epochs_parameter(int default_epochs) {
  return {.name = "epochs",
          .type = ParamType::integer,
          .default_value = std::to_string(default_epochs),
          .min = 1,
          .max = 10000,
          .meaning = "passes over the training set"};
}

ParamSpec learning_rate_parameter(double default_rate) {
  return {.name = "learning_rate",
          .type = ParamType::number,
          .default_value = number_text(default_rate),
          .min = 0,
          .max = 10,
          .min_exclusive = true,
          .meaning = "Adam step size"};
}

ParamSpec balance_coef_parameter(double default_coef, std::string meaning) {
  return {.name = "balance_coef",
          .type = ParamType::number,
          .default_value = number_text(default_coef),
          .min = 0,
          .max = 1000,
          .meaning = std::move(meaning)};
}

}  // namespace routelab
