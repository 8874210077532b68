#include "engine/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "core/errors.hpp"
#include "engine/tick_limits.hpp"

namespace routelab {

namespace {

double seconds_since(std::chrono::steady_clock::time_point begin) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
}

}  // namespace

Simulation::Simulation(SimulationConfig config, Workload& workload, Router& router)
    : config_((config.validate(), std::move(config))),
      workload_(workload),
      service_rng_(make_stream(config_.master_seed, config_.replication, "service")),
      experts_(config_.num_experts, config_.servers_per_expert),
      statistics_(config_, experts_),
      dispatcher_(config_, router, experts_, statistics_),
      queue_overload_(config_.num_experts, OverloadCause::queue_above_threshold) {}

void Simulation::set_sink_window_ticks(Tick ticks) {
  if (started_) throw Error("Simulation::set_sink_window_ticks: the run has started");
  if (ticks < 0 || ticks > kMaxTick) throw ConfigError("sink window", "expected 0.." + std::to_string(kMaxTick) + " ticks");
  sink_window_ticks_ = ticks;
  next_sink_window_end_ = ticks;
}

void Simulation::set_step_timeline(StepTimeline& timeline) {
  if (started_) throw Error("Simulation::set_step_timeline: the run has started");
  timeline_ = &timeline;
  planned_done_.assign(config_.num_experts, {});
  planned_next_.assign(config_.num_experts, 0);
}

void Simulation::start() {
  started_ = true;
  fetch_next_batch();
  kernel_.schedule_window_close(config_.window_ticks);
}

void Simulation::fetch_next_batch() {
  TokenBatch batch;
  if (!workload_.next_batch(batch)) return;
  if (config_.stop_tick >= 0 && batch.tick >= config_.stop_tick) return;
  // Under a step timeline the clock may be past the previous batch's tick (it waited for a step).
  const Tick previous = timeline_ != nullptr ? pending_batch_.tick : kernel_.now();
  if (batch.tick < previous)
    throw Error("workload produced a batch at tick " + std::to_string(batch.tick) + " after tick " +
                std::to_string(previous) + " (batches must come in tick order)");
  pending_batch_ = batch;
  // With a step timeline a batch that comes while the deployment is busy waits for the step's end.
  kernel_.schedule_batch_arrival(timeline_ != nullptr ? std::max(batch.tick, step_end_) : batch.tick);
}

bool Simulation::step() {
  if (!started_) start();
  if (finished_) return false;
  if (kernel_.empty()) {
    finish();
    return false;
  }
  const KernelEvent event = kernel_.next();
  // The sinks' own windows close before anything at their end tick happens, as kernel windows do.
  if (sink_window_ticks_ > 0 && event.kind != EventKind::window_close) close_sink_windows_through(kernel_.now());
  statistics_.advance_to(kernel_.now());
  switch (event.kind) {
    case EventKind::window_close:
      handle_window_close();
      break;
    case EventKind::service_completion:
      last_activity_ = kernel_.now();
      handle_completion(event.expert, event.token);
      break;
    case EventKind::batch_arrival:
      last_activity_ = kernel_.now();
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
  const Tick now = kernel_.now();
  ++batches_;
  const std::uint64_t base = tokens_.admitted();
  if (base + batch.tokens.size() > EventKernel::kMaxTokens) throw Error("run exceeds the engine's limit of 2^40 tokens");
  for (const Token& token : batch.tokens) {
    InFlightToken& slot = tokens_.admit();
    slot.id = token.id;
    slot.arrival = token.arrival < now ? token.arrival : now;
    slot.dispatch = now;
  }
  statistics_.tokens_admitted(static_cast<std::int64_t>(batch.tokens.size()));

  dispatcher_.dispatch(batch, base, now, *this, !sinks_.empty() || timeline_ != nullptr);
  if (timeline_ != nullptr) plan_step(batch, now);
  const auto placements = dispatcher_.placements();
  for (std::size_t i = 0; i < placements.size(); ++i) {
    const std::uint64_t token = base + i;
    InFlightToken& slot = tokens_[token];
    slot.assignments = placements[i].assignments;
    slot.dropped = placements[i].assignments - placements[i].accepted;
    slot.remaining += placements[i].accepted;
    if (placements[i].accepted == 0) {
      statistics_.token_unserved();
      if (!token_observers_.empty()) emit_token_outcome(token, now);
      tokens_.retire(token);
    }
  }
  for (auto* sink : sinks_) sink->on_batch_placed(batch, dispatcher_.placed(), config_.k);
  dispatcher_.end_batch();
  fetch_next_batch();
}

void Simulation::accept(ExpertId expert, std::uint64_t token) {
  statistics_.before_expert_change(expert, kernel_.now());
  const bool started = experts_.arrive(expert, token);
  statistics_.assignment_accepted(expert, started);
  if (started && timeline_ != nullptr) {
    started_at_dispatch_.emplace_back(expert, token);  // its completion is known once the step is planned
  } else if (started) {
    start_service(expert, token);
  } else {
    after_waiting_change(expert);
  }
}

void Simulation::plan_step(const TokenBatch& batch, Tick now) {
  const std::span<const ExpertId> placed = dispatcher_.placed();
  const Tick length = timeline_->plan_step(batch, now, placed, config_.k, step_done_);
  step_end_ = now + length;
  for (auto& planned : planned_done_) planned.clear();
  std::fill(planned_next_.begin(), planned_next_.end(), 0);
  for (std::size_t slot = 0; slot < placed.size(); ++slot)
    if (placed[slot] >= 0) planned_done_[placed[slot]].push_back(now + step_done_[slot]);
  // The experts' FIFOs hand out completions earliest first; which of an expert's assignments
  // gets which tick does not matter to the tokens: each completes when the step ends.
  for (auto& planned : planned_done_) std::sort(planned.begin(), planned.end());
  for (const auto& [expert, token] : started_at_dispatch_) start_service(expert, token);
  started_at_dispatch_.clear();
}

Tick Simulation::service_time(ExpertId expert) {
  if (timeline_ == nullptr) return config_.service.sample(service_rng_, config_.speed(expert));
  const Tick done = planned_done_[expert][planned_next_[expert]++];
  return std::max<Tick>(done - kernel_.now(), 0);
}

void Simulation::start_service(ExpertId expert, std::uint64_t token) {
  const Tick now = kernel_.now();
  statistics_.service_started(now - tokens_[token].dispatch);
  kernel_.schedule_completion(now + service_time(expert), expert, token);
}

void Simulation::handle_completion(ExpertId expert, std::uint64_t token) {
  const Tick now = kernel_.now();
  const Tick sojourn = now - tokens_[token].dispatch;
  dispatcher_.completed(expert);
  statistics_.before_expert_change(expert, now);
  const auto next = experts_.complete(expert);
  statistics_.assignment_completed(expert, sojourn, next.has_value());
  if (next) {
    start_service(expert, *next);
    after_waiting_change(expert);
  }
  InFlightToken& slot = tokens_[token];
  if (--slot.remaining == 0) {
    // Under a step timeline only one step is in flight, and its tokens complete when it ends.
    const Tick finished = timeline_ != nullptr ? step_end_ : now;
    statistics_.token_completed(finished - slot.arrival);
    if (!token_observers_.empty()) emit_token_outcome(token, finished);
    tokens_.retire(token);
  }
}

void Simulation::emit_token_outcome(std::uint64_t token, Tick finished) {
  const InFlightToken& slot = tokens_[token];
  const TokenOutcome outcome{slot.id, slot.arrival, finished, slot.assignments, slot.dropped};
  for (auto* observer : token_observers_) observer->on_token(outcome);
}

void Simulation::emit_window(Tick end) {
  const LoadWindow& window = statistics_.close_window(end);
  for (auto* sink : sinks_) sink->on_window(window);
  statistics_.open_next_window(end);
}

void Simulation::close_sink_windows_through(Tick now) {
  while (next_sink_window_end_ <= now) {
    emit_window(next_sink_window_end_);
    next_sink_window_end_ += sink_window_ticks_;
  }
}

void Simulation::handle_window_close() {
  statistics_.close_summary_window();
  if (sink_window_ticks_ == 0) emit_window(kernel_.now());
  if (kernel_.empty()) {
    finish();
  } else {
    kernel_.schedule_window_close(kernel_.now() + config_.window_ticks);
  }
}

void Simulation::after_waiting_change(ExpertId expert) {
  if (config_.queue_threshold < 0) return;
  OverloadEvent closed;
  if (queue_overload_.observe(expert, kernel_.now(), experts_.waiting(expert), config_.queue_threshold, closed))
    overload_closed(closed);
}

void Simulation::overload_closed(const OverloadEvent& event) {
  statistics_.overload_event();
  for (auto* sink : sinks_) sink->on_event(event);
}

void Simulation::finish() {
  if (timeline_ != nullptr && batches_ > 0) last_activity_ = std::max(last_activity_, step_end_);
  if (sink_window_ticks_ > 0) {
    // The last sink window ends just after the last activity: a partial window of its true length.
    close_sink_windows_through(last_activity_);
    emit_window(last_activity_ + 1);
  }
  queue_overload_.close_all(last_activity_, [&](const OverloadEvent& event) { overload_closed(event); });
  dispatcher_.close_overloads(last_activity_, *this);
  finished_ = true;
}

Summary Simulation::summary() const {
  Summary s = statistics_.summary(last_activity_);
  s.batches = batches_;
  s.events = kernel_.events();
  s.fingerprint = kernel_.fingerprint();
  s.wall_seconds = wall_seconds_;
  if (wall_seconds_ > 0) s.events_per_second = static_cast<double>(s.events) / wall_seconds_;
  return s;
}

}  // namespace routelab
