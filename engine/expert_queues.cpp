#include "engine/expert_queues.hpp"

namespace routelab {

void ExpertQueues::TicketRing::push(std::uint64_t ticket) {
  if (count_ == slots_.size()) {
    std::vector<std::uint64_t> grown(slots_.empty() ? 16 : slots_.size() * 2);
    for (std::size_t i = 0; i < count_; ++i) grown[i] = slots_[(head_ + i) % slots_.size()];
    slots_.swap(grown);
    head_ = 0;
  }
  slots_[(head_ + count_) % slots_.size()] = ticket;
  ++count_;
}

std::uint64_t ExpertQueues::TicketRing::pop() {
  const std::uint64_t ticket = slots_[head_];
  head_ = (head_ + 1) % slots_.size();
  --count_;
  return ticket;
}

ExpertQueues::ExpertQueues(int num_experts, int servers_per_expert)
    : servers_(servers_per_expert), busy_(num_experts, 0), lines_(num_experts) {}

bool ExpertQueues::arrive(ExpertId expert, std::uint64_t ticket) {
  if (busy_[expert] < servers_) {
    ++busy_[expert];
    return true;
  }
  lines_[expert].push(ticket);
  return false;
}

std::optional<std::uint64_t> ExpertQueues::complete(ExpertId expert) {
  if (lines_[expert].size() > 0) return lines_[expert].pop();  // the server stays busy
  --busy_[expert];
  return std::nullopt;
}

}  // namespace routelab
