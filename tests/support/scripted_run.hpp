#pragma once
// Hand-written building blocks for engine tests: a workload that replays fixed batches, a router
// that writes a fixed table per batch (and records what the engine asked it), and a sink that
// keeps everything it is told. Small enough that the expected figures can be worked out by hand.
#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engine/metrics_sink.hpp"
#include "engine/simulation.hpp"
#include "engine/simulation_config.hpp"
#include "engine/workload.hpp"
#include "core/router.hpp"

namespace routelab::testing {

struct ScriptedBatch {
  Tick tick = 0;
  std::vector<Token> tokens;
};

// `count` tokens arriving at `tick`, ids continuing from `first_id`, key = id.
inline ScriptedBatch batch_at(Tick tick, int count, std::uint64_t first_id = 0) {
  ScriptedBatch batch{tick, {}};
  for (int i = 0; i < count; ++i) {
    const std::uint64_t id = first_id + static_cast<std::uint64_t>(i);
    batch.tokens.push_back(Token{id, id, tick, -1});
  }
  return batch;
}

class ScriptedWorkload : public Workload {
 public:
  explicit ScriptedWorkload(std::vector<ScriptedBatch> batches) : batches_(std::move(batches)) {}

  bool next_batch(TokenBatch& out) override {
    if (next_ >= batches_.size()) return false;
    const ScriptedBatch& batch = batches_[next_];
    out = TokenBatch{batch.tick, next_, batch.tokens, 0, {}};
    ++next_;
    return true;
  }

 private:
  std::vector<ScriptedBatch> batches_;
  std::size_t next_ = 0;
};

// Writes table[b] for batch b: one row of `columns` ids per token (-1 for an empty slot). It
// offers `columns` ranked columns (max_depth), so `next_choice` can walk columns k.. as fallbacks.
class ScriptedRouter : public Router {
 public:
  struct Request {
    int k = 0;
    int depth = 0;
    std::vector<std::int64_t> expert_load;
    std::vector<std::int32_t> expert_capacity;
  };

  ScriptedRouter(int columns, std::vector<std::vector<ExpertId>> table)
      : columns_(columns), table_(std::move(table)) {}

  void route(const RoutingRequest& request, std::span<ExpertId> out) override {
    requests_.push_back(Request{request.k, request.depth,
                                {request.expert_load.begin(), request.expert_load.end()},
                                {request.expert_capacity.begin(), request.expert_capacity.end()}});
    const std::vector<ExpertId>& rows = table_.at(batch_++);
    const std::size_t tokens = request.batch.tokens.size();
    const int copied = std::min(columns_, request.depth);
    for (std::size_t i = 0; i < tokens; ++i)
      for (int c = 0; c < copied; ++c)
        out[i * static_cast<std::size_t>(request.depth) + static_cast<std::size_t>(c)] =
            rows.at(i * static_cast<std::size_t>(columns_) + static_cast<std::size_t>(c));
  }

  int max_depth(int k, int num_experts) const override {
    (void)k;
    (void)num_experts;
    return columns_;
  }

  const std::vector<Request>& requests() const { return requests_; }

 private:
  int columns_;
  std::vector<std::vector<ExpertId>> table_;
  std::size_t batch_ = 0;
  std::vector<Request> requests_;
};

// Keeps copies of every window and overload event.
class RecordingSink : public MetricsSink {
 public:
  struct Window {
    std::int64_t index = 0;
    Tick start = 0;
    Tick end = 0;
    std::vector<std::int64_t> arrivals;
    std::vector<std::int64_t> drops;
    std::vector<std::int64_t> peak_queue;
    std::vector<double> utilization;
    std::vector<std::int64_t> accepted;
    std::vector<std::int64_t> served;
  };

  void on_window(const LoadWindow& w) override {
    windows.push_back(Window{w.index, w.start, w.end, {w.arrivals.begin(), w.arrivals.end()},
                             {w.drops.begin(), w.drops.end()}, {w.peak_queue.begin(), w.peak_queue.end()},
                             {w.utilization.begin(), w.utilization.end()}, {w.accepted.begin(), w.accepted.end()},
                             {w.served.begin(), w.served.end()}});
  }
  void on_event(const OverloadEvent& event) override { events.push_back(event); }
  void on_finish(const Summary& summary) override {
    ++finishes;
    final_summary = summary;
  }

  std::vector<Window> windows;
  std::vector<OverloadEvent> events;
  int finishes = 0;
  Summary final_summary;
};

// A small deterministic configuration the tests adjust field by field.
inline SimulationConfig tiny_config(int experts, int k, Tick service_ticks) {
  SimulationConfig config;
  config.num_experts = experts;
  config.k = k;
  config.service.distribution = ServiceDistribution::deterministic;
  config.service.mean_ticks = static_cast<double>(service_ticks);
  config.window_ticks = 1000000;  // one window unless a test asks for more
  return config;
}

// Everything one scripted run produced: the summary, what the router was asked, what a sink heard.
struct ScriptedRun {
  Summary summary;
  std::vector<ScriptedRouter::Request> requests;
  RecordingSink sink;
};

// Runs `batches` through a Simulation whose router writes `table` (`columns` ids per token).
inline ScriptedRun run_scripted(const SimulationConfig& config, std::vector<ScriptedBatch> batches, int columns,
                                std::vector<std::vector<ExpertId>> table) {
  ScriptedWorkload workload(std::move(batches));
  ScriptedRouter router(columns, std::move(table));
  ScriptedRun run;
  Simulation simulation(config, workload, router);
  simulation.add_sink(run.sink);
  run.summary = simulation.run();
  run.requests = router.requests();
  return run;
}

}  // namespace routelab::testing
