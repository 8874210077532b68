#pragma once
// Writes one CSV row per token of a run (no header), each led by the caller's run-key values:
// its id, arrival tick, the experts that accepted its assignments, how many assignments the router
// made and how many were dropped, its completion tick and latency (empty when every assignment was
// dropped). Rows are streamed as tokens finish (completion order); the only state kept is the
// accepted experts of tokens still in flight, so memory follows the tokens in flight, not the run.
#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>

#include "engine/atomic_output_file.hpp"
#include "engine/metrics_sink.hpp"
#include "engine/token_outcome.hpp"

namespace routelab {

class TokenCsvSink : public MetricsSink, public TokenObserver {
 public:
  TokenCsvSink(const OutputFileName& path, std::string key_values);

  void on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) override;
  void on_token(const TokenOutcome& outcome) override;
  void commit();  // closes and renames the file into place; throws IoError

  // `experts`: the accepting experts, ';'-separated, in assignment order.
  static constexpr const char* kColumns = "token,arrival_tick,experts,assignments,dropped,completion_tick,latency";

 private:
  std::string key_values_;
  AtomicOutputFile file_;
  std::unordered_map<std::uint64_t, std::string> experts_in_flight_;
};

}  // namespace routelab
