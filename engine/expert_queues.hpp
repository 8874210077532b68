#pragma once
// Per-expert FIFO waiting lines with c parallel servers each. Holds only counts and tickets
// (token indices); the simulation owns the clock and the events.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/types.hpp"

namespace routelab {

class ExpertQueues {
 public:
  ExpertQueues(int num_experts, int servers_per_expert);

  // An assignment arrives; true when a server was free and it starts service now,
  // false when it joined the waiting line.
  bool arrive(ExpertId expert, std::uint64_t ticket);

  // A server finished; returns the next waiting ticket that starts service now, if any.
  std::optional<std::uint64_t> complete(ExpertId expert);

  std::int64_t waiting(ExpertId expert) const { return static_cast<std::int64_t>(lines_[expert].size()); }
  std::int64_t busy(ExpertId expert) const { return busy_[expert]; }
  std::int64_t outstanding(ExpertId expert) const { return waiting(expert) + busy(expert); }
  bool has_free_server(ExpertId expert) const { return busy_[expert] < servers_; }
  int servers() const { return servers_; }

 private:
  // Growable ring buffer: a FIFO without std::deque's per-block allocations.
  class TicketRing {
   public:
    std::size_t size() const { return count_; }
    void push(std::uint64_t ticket);
    std::uint64_t pop();

   private:
    std::vector<std::uint64_t> slots_;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
  };

  int servers_;
  std::vector<std::int64_t> busy_;
  std::vector<TicketRing> lines_;
};

}  // namespace routelab
