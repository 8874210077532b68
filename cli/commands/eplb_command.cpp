// `routelab eplb`: DeepSeek's expert-parallel load balancer on a file of expert loads; prints the
// replication and placement plan (phy2log, logcnt, log2phy) as rebalance_experts returns it.
#include <fmt/format.h>

#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/eplb/eplb_loads_file.hpp"
#include "cli/eplb/eplb_plan_output.hpp"
#include "cluster/eplb.hpp"

namespace routelab::cli {

namespace {

struct EplbCommandOptions {
  std::string loads;
  cluster::EplbShape shape;
  std::string format = "table";
};

int run_eplb(const EplbCommandOptions& o) {
  const auto loads = read_eplb_loads(o.loads);
  const cluster::EplbPlan plan = cluster::rebalance_experts(loads, o.shape);
  if (o.format == "json") {
    fmt::print("{}\n", eplb_plan_json(plan, o.shape).dump(2));
  } else {
    fmt::print("{}", eplb_plan_table(plan, o.shape));
  }
  return 0;
}

}  // namespace

CommandAction add_eplb_command(CLI::App& app) {
  auto* command = app.add_subcommand("eplb", "plan expert replication and placement with DeepSeek's EPLB");
  auto o = std::make_shared<EplbCommandOptions>();
  command->add_option("--loads", o->loads, "JSON file: an array of layers, each an array of expert loads")->required();
  command->add_option("--replicas", o->shape.replicas, "physical experts (replicas), a multiple of --gpus")->required()->check(CLI::PositiveNumber);
  command->add_option("--groups", o->shape.groups, "expert groups (hierarchical policy when --nodes divides it)")->required()->check(CLI::PositiveNumber);
  command->add_option("--nodes", o->shape.nodes, "server nodes")->required()->check(CLI::PositiveNumber);
  command->add_option("--gpus", o->shape.gpus, "GPUs in all, a multiple of --nodes")->required()->check(CLI::PositiveNumber);
  command->add_option("--format", o->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  return [o] { return run_eplb(*o); };
}

}  // namespace routelab::cli
