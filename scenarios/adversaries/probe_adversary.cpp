#include "scenarios/adversaries/probe_adversary.hpp"

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>

namespace routelab {

namespace {
// Copies of the anchor in the first calibration round; doubled after each round without a drop.
// Small, so that calibration spends little of the budget when capacity is small.
constexpr std::int64_t kFirstCalibrationCopies = 4;
}  // namespace

ProbeAdversary::ProbeAdversary(std::int64_t budget, std::uint64_t key_space, RngEngine rng)
    : budget_(budget), key_space_(key_space), rng_(std::move(rng)), anchor_(fresh_key()),
      calibration_copies_(kFirstCalibrationCopies) {}

std::uint64_t ProbeAdversary::fresh_key() {
  if (key_space_ == 0) return rng_();
  return boost::random::uniform_int_distribution<std::uint64_t>(0, key_space_ - 1)(rng_);
}

void ProbeAdversary::emit(std::uint64_t key, std::vector<std::uint64_t>& keys) {
  keys.push_back(key);
  round_of_.push_back(-1);
  ++emitted_;
}

void ProbeAdversary::choose_keys(Tick tick, std::int64_t count, std::vector<std::uint64_t>& keys) {
  (void)tick;
  largest_share_ = std::max(largest_share_, count);
  const std::int64_t left_budget = budget_ - spent_;
  std::int64_t probe_size = 0;
  std::int64_t anchors = 0;
  if (!gave_up_ && left_budget > 0) {
    if (capacity_ == 0) {
      anchors = std::min({calibration_copies_, count, left_budget});
      probe_size = anchors;
    } else if (count > capacity_ && left_budget > capacity_) {
      anchors = capacity_;
      probe_size = std::min(count, left_budget);
    }
  }
  if (probe_size > 0) {
    rounds_.push_back(Round{emitted_, anchors, probe_size, probe_size, 0});
    const auto round = static_cast<std::int32_t>(rounds_.size() - 1);
    for (std::int64_t i = 0; i < probe_size; ++i) {
      emit(i < anchors ? anchor_ : fresh_key(), keys);
      round_of_.back() = round;
    }
    spent_ += probe_size;
  }
  // Attack with what is known, once the budget cannot buy another probe: the anchor and the learned
  // keys once each, fresh keys for the rest.
  std::int64_t left = count - probe_size;
  const bool attacking = probe_size == 0 && capacity_ > 0;
  if (left > 0 && attacking) {
    emit(anchor_, keys);
    --left;
  }
  for (std::size_t i = 0; left > 0 && attacking && i < learned_.size(); ++i, --left) emit(learned_[i], keys);
  for (; left > 0; --left) emit(fresh_key(), keys);
}

void ProbeAdversary::on_own_outcome(std::uint64_t sequence, std::uint64_t key, const TokenOutcome& outcome) {
  if (sequence >= round_of_.size() || round_of_[sequence] < 0) return;  // an attack token
  Round& round = rounds_[static_cast<std::size_t>(round_of_[sequence])];
  const bool is_anchor = sequence - round.first_sequence < static_cast<std::uint64_t>(round.anchors);
  if (outcome.dropped > 0) {
    if (is_anchor) {
      ++round.anchors_dropped;
    } else if (round.anchors_dropped == 0 || key != anchor_) {
      if (learned_set_.insert(key).second && key != anchor_) learned_.push_back(key);
    }
  }
  if (--round.outstanding == 0) finish_round(round);
}

void ProbeAdversary::finish_round(const Round& round) {
  if (capacity_ > 0 || round.anchors != round.size) return;  // only calibration rounds teach capacity
  if (round.anchors_dropped > 0) {
    capacity_ = round.anchors - round.anchors_dropped;
    if (capacity_ == 0) capacity_ = 1;  // every copy dropped: the expert was already full
    return;
  }
  if (round.anchors < calibration_copies_) return;  // an older, smaller round
  if (calibration_copies_ >= largest_share_) {
    gave_up_ = true;  // even a whole batch's share of copies fits: identical keys are spread
    return;
  }
  calibration_copies_ = std::min(2 * calibration_copies_, largest_share_);
}

AdversaryStats ProbeAdversary::stats() const {
  return {static_cast<std::int64_t>(learned_.size()), 0, spent_};
}

}  // namespace routelab
