#include "cli/eplb/eplb_plan_output.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace routelab::cli {

namespace {

// log2phy[e]: the physical slots of expert e in replica-rank order, padded with -1 to the widest.
std::vector<std::vector<int>> log2phy(const cluster::EplbLayerPlan& layer) {
  const int widest = *std::max_element(layer.logcnt.begin(), layer.logcnt.end());
  std::vector<std::vector<int>> slots(layer.logcnt.size(), std::vector<int>(widest, -1));
  for (std::size_t p = 0; p < layer.phy2log.size(); ++p) slots[layer.phy2log[p]][layer.replica_rank[p]] = static_cast<int>(p);
  return slots;
}

std::string matrix_rows(const std::vector<std::vector<int>>& rows) {
  std::string out;
  for (const auto& row : rows) out += fmt::format("  [{:>3}]\n", fmt::join(row, ", "));
  return out;
}

}  // namespace

nlohmann::ordered_json eplb_plan_json(const cluster::EplbPlan& plan, const cluster::EplbShape& shape) {
  nlohmann::ordered_json out;
  out["policy"] = std::string(cluster::to_string(plan.policy));
  out["replicas"] = shape.replicas;
  out["groups"] = shape.groups;
  out["nodes"] = shape.nodes;
  out["gpus"] = shape.gpus;
  auto& phy2log = out["phy2log"] = nlohmann::ordered_json::array();
  auto& logcnt = out["logcnt"] = nlohmann::ordered_json::array();
  auto& slots = out["log2phy"] = nlohmann::ordered_json::array();
  for (const auto& layer : plan.layers) {
    phy2log.push_back(layer.phy2log);
    logcnt.push_back(layer.logcnt);
    slots.push_back(log2phy(layer));
  }
  return out;
}

std::string eplb_plan_table(const cluster::EplbPlan& plan, const cluster::EplbShape& shape) {
  std::vector<std::vector<int>> phy2log;
  std::vector<std::vector<int>> logcnt;
  for (const auto& layer : plan.layers) {
    phy2log.push_back(layer.phy2log);
    logcnt.push_back(layer.logcnt);
  }
  std::string out = fmt::format("policy: {} ({} replicas, {} groups, {} nodes, {} GPUs, {} replicas per GPU)\n",
                                cluster::to_string(plan.policy), shape.replicas, shape.groups, shape.nodes, shape.gpus,
                                shape.replicas / shape.gpus);
  out += fmt::format("phy2log ({} layers x {} replicas):\n", phy2log.size(), shape.replicas);
  out += matrix_rows(phy2log);
  out += fmt::format("logcnt ({} layers x {} experts):\n", logcnt.size(), logcnt.empty() ? 0 : logcnt.front().size());
  out += matrix_rows(logcnt);
  return out;
}

}  // namespace routelab::cli
