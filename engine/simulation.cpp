#include "engine/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "core/errors.hpp"

namespace routelab {

namespace {

constexpr std::uint64_t kTokenBits = 40;
constexpr std::uint64_t kExpertBits = 22;
constexpr std::uint64_t kTokenMask = (std::uint64_t{1} << kTokenBits) - 1;
constexpr std::uint64_t kExpertMask = (std::uint64_t{1} << kExpertBits) - 1;

// Same-tick order: close the window first (it covers [start, end)), then completions free
// servers, then a batch arrives and sees them free.
constexpr std::uint8_t kWindowPriority = 0;
constexpr std::uint8_t kCompletionPriority = 1;
constexpr std::uint8_t kArrivalPriority = 2;

std::uint64_t pack(std::uint64_t kind, ExpertId expert, std::uint64_t token) {
  return (kind << (kTokenBits + kExpertBits)) | ((static_cast<std::uint64_t>(expert) & kExpertMask) << kTokenBits) |
         (token & kTokenMask);
}

OverloadEvent closed_event() {
  OverloadEvent event;
  event.start = -1;
  return event;
}

double seconds_since(std::chrono::steady_clock::time_point begin) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
}

}  // namespace

Simulation::Simulation(SimulationConfig config, Workload& workload, Router& router)
    : config_((config.validate(), std::move(config))),
      workload_(workload),
      router_(router),
      service_rng_(make_stream(config_.master_seed, config_.replication, "service")),
      experts_(config_.num_experts, config_.servers_per_expert) {
  const auto experts = static_cast<std::size_t>(config_.num_experts);
  depth_ = config_.k;
  if (config_.overflow == OverflowPolicy::next_choice)
    depth_ = std::clamp(router_.max_depth(config_.k, config_.num_experts), config_.k, config_.num_experts);
  used_.assign(experts, 0);
  batch_arrivals_.assign(experts, 0);
  outstanding_.assign(experts, 0);
  expert_load_.assign(experts, 0);
  expert_served_.assign(experts, 0);
  window_arrivals_.assign(experts, 0);
  window_drops_.assign(experts, 0);
  window_peak_queue_.assign(experts, 0);
  window_busy_area_.assign(experts, 0.0);
  window_utilization_.assign(experts, 0.0);
  busy_since_.assign(experts, 0);
  open_queue_overload_.assign(experts, closed_event());
  open_capacity_overload_.assign(experts, closed_event());
  queue_.reserve(1024);
}

void Simulation::start() {
  started_ = true;
  fetch_next_batch();
  queue_.push(config_.window_ticks, kWindowPriority, pack(0, 0, 0));
}

void Simulation::fetch_next_batch() {
  has_pending_batch_ = false;
  TokenBatch batch;
  if (!workload_.next_batch(batch)) return;
  if (config_.stop_tick >= 0 && batch.tick >= config_.stop_tick) return;
  if (batch.tick < now_)
    throw Error("workload produced a batch at tick " + std::to_string(batch.tick) + " after tick " +
                std::to_string(now_) + " (batches must come in tick order)");
  pending_batch_ = batch;
  has_pending_batch_ = true;
  queue_.push(batch.tick, kArrivalPriority, pack(static_cast<std::uint64_t>(EventKind::batch_arrival), 0, 0));
}

void Simulation::account_time(Tick t) {
  const auto dt = static_cast<double>(t - area_tick_);
  waiting_area_ += static_cast<double>(total_waiting_) * dt;
  in_system_area_ += static_cast<double>(total_waiting_ + total_busy_) * dt;
  busy_area_total_ += static_cast<double>(total_busy_) * dt;
  area_tick_ = t;
}

void Simulation::touch_busy(ExpertId expert) {
  window_busy_area_[expert] += static_cast<double>(experts_.busy(expert) * (now_ - busy_since_[expert]));
  busy_since_[expert] = now_;
}

bool Simulation::step() {
  if (!started_) start();
  if (finished_) return false;
  if (queue_.empty()) {
    finish();
    return false;
  }
  const Event event = queue_.pop();
  account_time(event.tick);
  now_ = event.tick;
  ++events_;
  fingerprint_ = mix64(fingerprint_ ^ static_cast<std::uint64_t>(event.tick));
  fingerprint_ = mix64(fingerprint_ ^ event.data);
  const auto kind = static_cast<EventKind>(event.data >> (kTokenBits + kExpertBits));
  switch (kind) {
    case EventKind::window_close:
      handle_window_close();
      break;
    case EventKind::service_completion:
      last_activity_ = now_;
      handle_completion(static_cast<ExpertId>((event.data >> kTokenBits) & kExpertMask), event.data & kTokenMask);
      break;
    case EventKind::batch_arrival:
      last_activity_ = now_;
      handle_batch_arrival();
      break;
  }
  return true;
}

bool Simulation::step_batch() {
  const auto begin = std::chrono::steady_clock::now();
  const std::int64_t target = batches_ + 1;
  while (batches_ < target && step()) {
  }
  wall_seconds_ += seconds_since(begin);
  if (!finished_) return true;
  notify_finish();
  return false;
}

void Simulation::notify_finish() {
  if (finish_notified_) return;
  finish_notified_ = true;
  const Summary result = summary();
  for (auto* sink : sinks_) sink->on_finish(result);
}

Summary Simulation::run() {
  const auto begin = std::chrono::steady_clock::now();
  while (step()) {
  }
  wall_seconds_ += seconds_since(begin);
  notify_finish();
  return summary();
}

void Simulation::handle_batch_arrival() {
  const TokenBatch batch = pending_batch_;
  const std::size_t batch_size = batch.tokens.size();
  const int k = config_.k;
  const int experts = config_.num_experts;
  ++batches_;

  const std::uint64_t base = token_arrival_.size();
  if (base + batch_size > kTokenMask) throw Error("run exceeds the engine's limit of 2^40 tokens");
  for (const Token& token : batch.tokens) token_arrival_.push_back(token.arrival < now_ ? token.arrival : now_);
  token_dispatch_.resize(base + batch_size, now_);
  token_remaining_.resize(base + batch_size, 0);
  const bool observed = !token_observers_.empty();
  if (observed) {
    token_ids_.resize(base);  // stays aligned even if an observer came mid-run
    for (const Token& token : batch.tokens) token_ids_.push_back(token.id);
    token_assignments_.resize(base + batch_size, 0);
    token_dropped_.resize(base + batch_size, 0);
  }

  compute_batch_capacity(config_, batch_size, capacity_);
  routes_.assign(batch_size * static_cast<std::size_t>(depth_), kNoExpert);
  RoutingRequest request{batch, k, depth_, experts, outstanding_, capacity_};
  router_.route(request, routes_);
  for (std::size_t slot = 0; slot < routes_.size(); ++slot) {
    const ExpertId e = routes_[slot];
    if (e < kNoExpert || e >= experts)
      throw RouterContractError("router wrote expert id " + std::to_string(e) + " for token " +
                                std::to_string(slot / depth_) + " (valid: -1 or 0.." + std::to_string(experts - 1) + ")");
  }

  std::fill(used_.begin(), used_.end(), 0);
  std::fill(batch_arrivals_.begin(), batch_arrivals_.end(), 0);
  if (!sinks_.empty()) placed_.assign(batch_size * static_cast<std::size_t>(k), kNoExpert);
  for (std::size_t i = 0; i < batch_size; ++i) {
    const std::uint64_t token = base + i;
    const ExpertId* row = routes_.data() + i * static_cast<std::size_t>(depth_);
    taken_.clear();
    for (int c = 0; c < k; ++c) {
      const ExpertId e = row[c];
      if (e == kNoExpert) continue;
      ++assignments_;
      ++expert_load_[e];
      ++window_arrivals_[e];
      ++batch_arrivals_[e];
      taken_.push_back(e);
    }
    const std::size_t primaries = taken_.size();
    std::int32_t accepted = 0;
    for (std::size_t p = 0; p < primaries; ++p) {
      const ExpertId e = taken_[p];
      ExpertId target = kNoExpert;
      switch (config_.overflow) {
        case OverflowPolicy::drop:
          if (used_[e] < capacity_[e]) target = e;
          break;
        case OverflowPolicy::queue:
          if (config_.queue_buffer < 0 || experts_.has_free_server(e) || experts_.waiting(e) < config_.queue_buffer)
            target = e;
          break;
        case OverflowPolicy::next_choice:
          if (used_[e] < capacity_[e]) {
            target = e;
            break;
          }
          for (int c = k; c < depth_; ++c) {
            const ExpertId fallback = row[c];
            if (fallback == kNoExpert || used_[fallback] >= capacity_[fallback]) continue;
            if (std::find(taken_.begin(), taken_.end(), fallback) != taken_.end()) continue;
            target = fallback;
            taken_.push_back(fallback);
            ++rerouted_;
            break;
          }
          break;
      }
      if (target == kNoExpert) {
        ++dropped_;
        ++window_drops_[e];
        continue;
      }
      ++used_[target];
      ++accepted;
      accept(target, token);
      if (!sinks_.empty()) placed_[i * static_cast<std::size_t>(k) + p] = target;
    }
    token_remaining_[token] = accepted;
    if (observed) {
      token_assignments_[token] = static_cast<std::int32_t>(primaries);
      token_dropped_[token] = static_cast<std::int32_t>(primaries) - accepted;
    }
    if (accepted == 0) {
      ++tokens_unserved_;
      if (observed) emit_token_outcome(token, now_);
    }
  }

  if (config_.capacity_factor > 0.0)
    for (ExpertId e = 0; e < experts; ++e) track_capacity_overload(e, batch_arrivals_[e], capacity_[e]);
  for (auto* sink : sinks_) sink->on_batch_placed(batch, placed_, k);
  router_.observe(outstanding_);
  fetch_next_batch();
}

void Simulation::accept(ExpertId expert, std::uint64_t token) {
  ++accepted_;
  ++outstanding_[expert];
  ++expert_served_[expert];
  touch_busy(expert);
  if (experts_.arrive(expert, token)) {
    ++total_busy_;
    start_service(expert, token);
  } else {
    ++total_waiting_;
    window_peak_queue_[expert] = std::max(window_peak_queue_[expert], experts_.waiting(expert));
    after_waiting_change(expert);
  }
}

void Simulation::start_service(ExpertId expert, std::uint64_t token) {
  wait_sum_ += static_cast<double>(now_ - token_dispatch_[token]);
  const Tick duration = config_.service.sample(service_rng_, config_.speed(expert));
  queue_.push(now_ + duration, kCompletionPriority,
              pack(static_cast<std::uint64_t>(EventKind::service_completion), expert, token));
}

void Simulation::handle_completion(ExpertId expert, std::uint64_t token) {
  sojourn_sum_ += static_cast<double>(now_ - token_dispatch_[token]);
  --outstanding_[expert];
  touch_busy(expert);
  if (const auto next = experts_.complete(expert)) {
    --total_waiting_;
    start_service(expert, *next);
    after_waiting_change(expert);
  } else {
    --total_busy_;
  }
  if (--token_remaining_[token] == 0) {
    latencies_.push_back(now_ - token_arrival_[token]);
    if (!token_observers_.empty() && token < token_ids_.size()) emit_token_outcome(token, now_);
  }
}

void Simulation::emit_token_outcome(std::uint64_t token, Tick finished) {
  const TokenOutcome outcome{token_ids_[token], token_arrival_[token], finished, token_assignments_[token],
                             token_dropped_[token]};
  for (auto* observer : token_observers_) observer->on_token(outcome);
}

void Simulation::handle_window_close() {
  const int experts = config_.num_experts;
  const Tick start = now_ - config_.window_ticks;
  const double capacity_ticks = static_cast<double>(config_.servers_per_expert * config_.window_ticks);
  for (ExpertId e = 0; e < experts; ++e) {
    touch_busy(e);
    window_utilization_[e] = window_busy_area_[e] / capacity_ticks;
  }
  const std::span<const std::int64_t> completed(latencies_.data() + window_first_latency_,
                                                 latencies_.size() - window_first_latency_);
  const LoadWindow window{window_index_, start, now_, window_arrivals_, window_drops_, window_peak_queue_,
                          window_utilization_, completed};
  for (auto* sink : sinks_) sink->on_window(window);
  window_first_latency_ = latencies_.size();
  if (std::any_of(window_arrivals_.begin(), window_arrivals_.end(), [](std::int64_t a) { return a > 0; }))
    window_max_over_mean_.push_back(max_over_mean(window_arrivals_));

  ++window_index_;
  std::fill(window_arrivals_.begin(), window_arrivals_.end(), 0);
  std::fill(window_drops_.begin(), window_drops_.end(), 0);
  std::fill(window_busy_area_.begin(), window_busy_area_.end(), 0.0);
  for (ExpertId e = 0; e < experts; ++e) window_peak_queue_[e] = experts_.waiting(e);

  if (queue_.empty()) {
    finish();
  } else {
    queue_.push(now_ + config_.window_ticks, kWindowPriority, pack(0, 0, 0));
  }
}

void Simulation::after_waiting_change(ExpertId expert) {
  if (config_.queue_threshold < 0) return;
  OverloadEvent& open = open_queue_overload_[expert];
  const std::int64_t waiting = experts_.waiting(expert);
  if (waiting > config_.queue_threshold) {
    if (open.start < 0) {
      open = OverloadEvent{expert, now_, now_, waiting, OverloadCause::queue_above_threshold};
    } else {
      open.peak = std::max(open.peak, waiting);
    }
  } else if (open.start >= 0) {
    open.end = now_;
    emit_event(open);
    open = closed_event();
  }
}

void Simulation::track_capacity_overload(ExpertId expert, std::int64_t arrivals, std::int32_t capacity) {
  OverloadEvent& open = open_capacity_overload_[expert];
  if (arrivals > capacity) {
    if (open.start < 0) {
      open = OverloadEvent{expert, now_, now_, arrivals, OverloadCause::arrivals_above_capacity};
    } else {
      open.peak = std::max(open.peak, arrivals);
    }
  } else if (open.start >= 0) {
    open.end = now_;
    emit_event(open);
    open = closed_event();
  }
}

void Simulation::emit_event(const OverloadEvent& event) {
  ++overload_events_;
  for (auto* sink : sinks_) sink->on_event(event);
}

void Simulation::finish() {
  for (auto* open_list : {&open_queue_overload_, &open_capacity_overload_}) {
    for (OverloadEvent& open : *open_list) {
      if (open.start < 0) continue;
      open.end = std::max(open.start, last_activity_);
      emit_event(open);
      open = closed_event();
    }
  }
  finished_ = true;
}

Summary Simulation::summary() const {
  Summary s;
  s.tokens = static_cast<std::int64_t>(token_arrival_.size());
  s.tokens_completed = static_cast<std::int64_t>(latencies_.size());
  s.tokens_unserved = tokens_unserved_;
  s.batches = batches_;
  s.assignments = assignments_;
  s.assignments_dropped = dropped_;
  s.assignments_rerouted = rerouted_;
  s.overload_events = overload_events_;
  s.windows = window_index_;
  s.end_tick = last_activity_;
  s.expert_load = expert_load_;
  s.expert_served = expert_served_;
  s.load_max_over_mean = max_over_mean(expert_load_);
  s.load_cv = coefficient_of_variation(expert_load_);
  s.load_gini = gini(expert_load_);
  s.load_entropy = normalized_entropy(expert_load_);
  if (!window_max_over_mean_.empty()) {
    s.window_max_over_mean_mean =
        std::accumulate(window_max_over_mean_.begin(), window_max_over_mean_.end(), 0.0) /
        static_cast<double>(window_max_over_mean_.size());
    s.window_max_over_mean_p99 = percentile(window_max_over_mean_, 0.99);
  }
  if (assignments_ > 0) s.drop_rate = static_cast<double>(dropped_) / static_cast<double>(assignments_);
  if (s.tokens > 0) s.fill_ratio = static_cast<double>(assignments_) / (static_cast<double>(s.tokens) * config_.k);

  const auto span = static_cast<double>(last_activity_);
  if (span > 0) {
    s.utilization = busy_area_total_ / (span * config_.servers_per_expert * config_.num_experts);
    s.mean_waiting = waiting_area_ / span;
    s.mean_in_system = in_system_area_ / span;
    s.accepted_rate = static_cast<double>(accepted_) / span;
    s.arrival_rate = static_cast<double>(s.tokens) / span;
  }
  if (accepted_ > 0) {
    s.mean_wait = wait_sum_ / static_cast<double>(accepted_);
    s.mean_sojourn = sojourn_sum_ / static_cast<double>(accepted_);
  }
  if (!latencies_.empty()) {
    std::vector<std::int64_t> sorted = latencies_;
    std::sort(sorted.begin(), sorted.end());
    auto rank = [&](double q) { return sorted[nearest_rank(q, sorted.size()) - 1]; };
    s.latency_mean = static_cast<double>(std::accumulate(sorted.begin(), sorted.end(), std::int64_t{0})) /
                     static_cast<double>(sorted.size());
    s.latency_p50 = rank(0.50);
    s.latency_p95 = rank(0.95);
    s.latency_p99 = rank(0.99);
    s.latency_max = sorted.back();
  }
  s.events = events_;
  s.fingerprint = fingerprint_;
  s.wall_seconds = wall_seconds_;
  if (wall_seconds_ > 0) s.events_per_second = static_cast<double>(events_) / wall_seconds_;
  return s;
}

}  // namespace routelab
