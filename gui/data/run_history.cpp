#include "gui/data/run_history.hpp"

#include <stdexcept>

namespace routelab::gui {

RunHistory::RunHistory(std::string label, int experts, Tick window_ticks, std::size_t detail_budget_bytes)
    : label_(std::move(label)),
      experts_(experts),
      window_ticks_(window_ticks > 0 ? window_ticks : 1),
      coverage_(window_ticks_),
      detail_budget_bytes_(detail_budget_bytes) {
  channels_.reserve(kChannelCount);
  for (int c = 0; c < kChannelCount; ++c) channels_.emplace_back(experts, detail_budget_bytes / kChannelCount);
}

void RunHistory::append(const WindowRecord& record) {
  if (record.index != windows() || record.experts != experts_)
    throw std::logic_error("RunHistory::append: window " + std::to_string(record.index) + " out of order");
  for (int s = 0; s < kScalarCount; ++s)
    scalars_[static_cast<std::size_t>(s)].push_back(record.scalars[static_cast<std::size_t>(s)]);
  for (const ExpertChannel c : kAllChannels) channels_[static_cast<std::size_t>(index_of(c))].append(record.channel(c));
  coverage_.add(record.index, record.end - record.start);
  ++version_;
}

void RunHistory::enable_cluster(std::int64_t span_windows) {
  // A channel's share of the budget: GPUs and links are few rows next to the experts.
  if (!cluster_)
    cluster_ = std::make_unique<ClusterHistory>(window_ticks_, span_windows, detail_budget_bytes_ / kChannelCount);
  ++version_;
}

void RunHistory::add_event(const OverloadEvent& event) {
  if (events_.size() < kMaxEventsKept) {
    events_.push_back(event);
  } else {
    ++events_not_kept_;
  }
  ++version_;
}

std::size_t RunHistory::bytes_held() const {
  std::size_t bytes = 0;
  for (const auto& scalar : scalars_) bytes += scalar.capacity() * sizeof(double);
  for (const auto& channel : channels_) bytes += channel.bytes_held();
  bytes += events_.capacity() * sizeof(OverloadEvent);
  if (cluster_ && cluster_->has_layout())
    bytes += cluster_->matrix(ClusterMatrix::gpu_tokens).bytes_held() + cluster_->matrix(ClusterMatrix::link_busy_us).bytes_held();
  return bytes;
}

}  // namespace routelab::gui
