#include "scenarios/traces/trace_workload.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "scenarios/traces/trace_loader.hpp"

namespace routelab {

TraceWorkload::TraceWorkload(std::shared_ptr<const RoutingTrace> trace, int layer, const ScenarioSpec& scenario,
                             std::uint64_t replication)
    : trace_(std::move(trace)),
      layer_((layer >= 1 && layer <= trace_->layer_count() && trace_->layers[static_cast<std::size_t>(layer - 1)].size() > 0)
                 ? trace_->layers[static_cast<std::size_t>(layer - 1)]
                 : throw ConfigError("trace.layer", "trace '" + trace_->source + "' holds no rows of layer " +
                                                        std::to_string(layer) + "; it has layers " +
                                                        describe_layers(layers_present(*trace_)))),
      interval_ticks_(scenario.workload.interval_ticks),
      token_limit_(layer_.size()),
      rng_(make_stream(scenario.simulation.master_seed, replication, "workload")) {
  if (scenario.workload.total_tokens > 0)
    token_limit_ = std::min(token_limit_, static_cast<std::size_t>(scenario.workload.total_tokens));
  if (scenario.workload.arrival != ArrivalProcess::trace)
    schedule_.emplace(scenario.workload, static_cast<std::int64_t>(token_limit_), scenario.simulation.stop_tick);
}

bool TraceWorkload::next_batch(TokenBatch& out) {
  if (next_ >= token_limit_) return false;
  std::size_t size = 0;
  Tick tick = 0;
  if (schedule_) {
    const auto batch = schedule_->next(rng_);
    if (!batch) return false;
    size = static_cast<std::size_t>(batch->size);
    tick = batch->tick;
  } else {
    const std::uint64_t group = layer_.groups[next_];
    while (next_ + size < token_limit_ && layer_.groups[next_ + size] == group) ++size;
    tick = trace_->groups_are_ticks ? static_cast<Tick>(group)
                                    : static_cast<Tick>(std::llround(static_cast<double>(batch_index_) * interval_ticks_));
  }
  tokens_.resize(size);
  for (std::size_t i = 0; i < size; ++i) tokens_[i] = Token{next_ + i, layer_.keys[next_ + i], tick, -1};
  const auto k = static_cast<std::size_t>(trace_->recorded_k);
  out = TokenBatch{tick, batch_index_++, tokens_, 0, {}, trace_->recorded_k,
                   std::span<const ExpertId>(layer_.experts).subspan(next_ * k, size * k)};
  next_ += size;
  return true;
}

}  // namespace routelab
