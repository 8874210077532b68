#include "cli/optimum_report.hpp"

#include <fmt/format.h>

#include <map>

#include "results/confidence_interval.hpp"

namespace routelab::cli {

namespace {

// Per router (first appearance order): per replication, the mean of `value` over its layers.
template <typename Value>
std::vector<std::pair<std::string, std::vector<double>>> per_router(const std::vector<RunResult>& results, Value value) {
  std::vector<std::pair<std::string, std::map<std::uint64_t, std::pair<double, int>>>> sums;
  for (const auto& r : results) {
    auto it = std::find_if(sums.begin(), sums.end(), [&](const auto& s) { return s.first == r.router; });
    if (it == sums.end()) it = sums.insert(sums.end(), {r.router, {}});
    auto& [sum, count] = it->second[r.replication];
    sum += value(r);
    ++count;
  }
  std::vector<std::pair<std::string, std::vector<double>>> out;
  for (const auto& [router, by_replication] : sums) {
    std::vector<double> values;
    for (const auto& [replication, sum_count] : by_replication) values.push_back(sum_count.first / sum_count.second);
    out.emplace_back(router, values);
  }
  return out;
}

double mean_of(const std::vector<double>& values) { return results::mean_interval(values).mean; }

}  // namespace

double served_fill(const RunResult& result, int k) {
  const Summary& s = result.summary;
  if (s.tokens <= 0) return 0;
  return static_cast<double>(s.assignments - s.assignments_dropped) / (static_cast<double>(s.tokens) * k);
}

nlohmann::ordered_json optimum_gap_to_json(const RunResult& result, int k) {
  return {{"load_max_over_mean", result.summary.load_max_over_mean - result.optimum.load_max_over_mean},
          {"fill_ratio", result.optimum.fill_ratio - served_fill(result, k)}};
}

nlohmann::ordered_json optimum_to_json(const std::vector<RunResult>& results, bool adaptive_adversary) {
  nlohmann::ordered_json j;
  if (results.empty()) return j;
  const auto load = per_router(results, [](const RunResult& r) { return r.optimum.load_max_over_mean; }).front().second;
  const auto fill = per_router(results, [](const RunResult& r) { return r.optimum.fill_ratio; }).front().second;
  const auto load_ci = results::mean_interval(load);
  const auto fill_ci = results::mean_interval(fill);
  j["load_max_over_mean"] = load_ci.mean;
  j["fill_ratio"] = fill_ci.mean;
  if (load.size() > 1) {
    j["load_max_over_mean_ci95"] = load_ci.half_width;
    j["fill_ratio_ci95"] = fill_ci.half_width;
  }
  if (!results.front().optimum.quality.empty()) {
    // The best quality at each per-batch load bound, the first (perfect balance) as expert_loss_mean.
    nlohmann::ordered_json front = nlohmann::ordered_json::array();
    for (std::size_t b = 0; b < results.front().optimum.quality.size(); ++b) {
      const auto loss = per_router(results, [b](const RunResult& r) {
                          return b < r.optimum.quality.size() ? r.optimum.quality[b].expert_loss_mean : 0.0;
                        }).front().second;
      if (b == 0) j["expert_loss_mean"] = mean_of(loss);
      front.push_back({{"load_bound", results.front().optimum.quality[b].load_bound}, {"expert_loss_mean", mean_of(loss)}});
    }
    j["quality_front"] = front;
  }
  j["batches"] = results.front().optimum.batches;
  j["of_router"] = results.front().router;
  j["per_router"] = adaptive_adversary;
  return j;
}

std::string optimum_to_table(const std::vector<RunResult>& results, int k, bool adaptive_adversary) {
  if (results.empty()) return {};
  const auto load = per_router(results, [](const RunResult& r) { return r.optimum.load_max_over_mean; });
  const auto fill = per_router(results, [](const RunResult& r) { return r.optimum.fill_ratio; });
  std::string out = fmt::format(
      "{:<14} {:>8.3f} max/mean, {:.3f} served fill: the best any assignment of {} batch(es) reaches "
      "(max-flow on the token-expert graph){}\n",
      "optimum", mean_of(load.front().second), mean_of(fill.front().second), results.front().optimum.batches,
      adaptive_adversary ? "; the adversary adapts, so each router is measured against its own run's batches" : "");
  if (const auto& quality = results.front().optimum.quality; !quality.empty()) {
    out += fmt::format("{:<14} best expert loss", "");
    for (std::size_t b = 0; b < quality.size(); ++b) {
      const auto loss = per_router(results, [b](const RunResult& r) {
                          return b < r.optimum.quality.size() ? r.optimum.quality[b].expert_loss_mean : 0.0;
                        }).front().second;
      out += fmt::format("{} {:.4f} at max/mean <= {:.2f}", b == 0 ? "" : ",", mean_of(loss), quality[b].load_bound);
    }
    out += " in every batch (min-cost flow, every slot filled)\n";
  }
  const auto router_load = per_router(results, [](const RunResult& r) { return r.summary.load_max_over_mean - r.optimum.load_max_over_mean; });
  const auto router_fill = per_router(results, [k](const RunResult& r) { return r.optimum.fill_ratio - served_fill(r, k); });
  out += fmt::format("{:<14} {:>8} {:>12}   (0 = optimal; max/mean: router - optimum, served fill: optimum - router)\n",
                     "gap", "max/mean", "served fill");
  for (std::size_t i = 0; i < router_load.size(); ++i)
    out += fmt::format("{:<14} {:>+8.3f} {:>+12.3f}\n", router_load[i].first, mean_of(router_load[i].second),
                       mean_of(router_fill[i].second));
  return out;
}

}  // namespace routelab::cli
