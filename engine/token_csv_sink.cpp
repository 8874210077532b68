#include "engine/token_csv_sink.hpp"

namespace routelab {

TokenCsvSink::TokenCsvSink(const OutputFileName& path, std::string key_values)
    : key_values_(std::move(key_values)), file_(path) {}

void TokenCsvSink::on_batch_placed(const TokenBatch& batch, std::span<const ExpertId> placed, int k) {
  const auto width = static_cast<std::size_t>(k);
  for (std::size_t i = 0; i < batch.tokens.size(); ++i) {
    std::string experts;
    for (std::size_t j = 0; j < width; ++j) {
      const ExpertId expert = placed[i * width + j];
      if (expert < 0) continue;
      if (!experts.empty()) experts += ';';
      experts += std::to_string(expert);
    }
    // A token with nothing accepted was reported at dispatch already (before this call).
    if (!experts.empty()) experts_in_flight_[batch.tokens[i].id] = std::move(experts);
  }
}

void TokenCsvSink::on_token(const TokenOutcome& outcome) {
  std::string experts;
  if (const auto found = experts_in_flight_.find(outcome.id); found != experts_in_flight_.end()) {
    experts = std::move(found->second);
    experts_in_flight_.erase(found);
  }
  auto& out = file_.stream();
  out << key_values_ << outcome.id << ',' << outcome.arrival << ',' << experts << ',' << outcome.assignments << ','
      << outcome.dropped << ',' << outcome.finished << ',';
  if (outcome.dropped < outcome.assignments) out << outcome.finished - outcome.arrival;
  out << '\n';
}

void TokenCsvSink::commit() { file_.commit(); }

}  // namespace routelab
