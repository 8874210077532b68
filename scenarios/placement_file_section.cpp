// placement = "file": each logical expert's replicas on the GPUs a file lists (docs/cluster.md,
// "Placement from a file"). Two formats, by extension:
//   TOML: experts = [[0], [1], [2, 5], ...]: one list of GPU ids per logical expert, in replica
//     order (the first is the replica `nearest` falls back to); at least one GPU each, no GPU
//     twice for one expert;
//   JSON: a plan as `routelab eplb --format json` prints it (one layer): slot s of phy2log on GPU
//     s / (replicas / gpus), so a plan EPLB made offline runs as it would in the run.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/errors.hpp"
#include "scenarios/referenced_file.hpp"
#include "scenarios/scenario_sections.hpp"

namespace routelab {

namespace {

std::vector<std::vector<int>> read_toml_placement(const ReferencedFile& file, int experts, int gpus) {
  const toml::table root = parse_toml_text(file.text, file.path);
  TableReader reader(root, "", file.path);
  const toml::node* node = reader.get("experts");
  if (!node) reader.fail(nullptr, "experts", "expected experts = [[gpu, ...], ...]: one list of GPU ids per expert");
  const toml::array* lists = node->as_array();
  if (!lists) reader.fail(node, "experts", "expected an array with one array of GPU ids per expert");
  if (static_cast<int>(lists->size()) != experts)
    reader.fail(node, "experts", "lists " + std::to_string(lists->size()) + " experts; the scenario has " +
                                     std::to_string(experts) + " ([experts] count)");
  std::vector<std::vector<int>> placement(experts);
  for (int e = 0; e < experts; ++e) {
    const std::string key = "experts[" + std::to_string(e) + "]";
    const toml::node& entry = *lists->get(e);
    const toml::array* ids = entry.as_array();
    if (!ids || ids->empty()) reader.fail(&entry, key, "expected a non-empty array of GPU ids (the expert's replicas)");
    for (const toml::node& id : *ids) {
      if (!id.is_integer()) reader.fail(&id, key, "expected GPU ids (integers)");
      const std::int64_t gpu = id.as_integer()->get();
      if (gpu < 0 || gpu >= gpus)
        reader.fail(&id, key, "GPU " + std::to_string(gpu) + " is out of range: the cluster has " + std::to_string(gpus) +
                                  " GPUs (0.." + std::to_string(gpus - 1) + ")");
      if (std::find(placement[e].begin(), placement[e].end(), gpu) != placement[e].end())
        reader.fail(&id, key, "GPU " + std::to_string(gpu) + " is listed twice (one replica per GPU)");
      placement[e].push_back(static_cast<int>(gpu));
    }
  }
  reader.reject_unknown();
  return placement;
}

// JSON has no positions to report: the error names the file and the entry ("plan.json: gpus").
[[noreturn]] void fail_entry(const ReferencedFile& file, const std::string& entry, const std::string& what) {
  throw ConfigError(file.path + (entry.empty() ? "" : ": " + entry), what);
}

std::vector<std::vector<int>> read_eplb_plan(const ReferencedFile& file, int experts, int gpus) {
  const auto fail = [&](const std::string& entry, const std::string& what) { fail_entry(file, entry, what); };
  nlohmann::json plan;
  try {
    plan = nlohmann::json::parse(file.text);
  } catch (const nlohmann::json::parse_error& error) {
    fail("", std::string("not valid JSON: ") + error.what());
  }
  if (!plan.is_object() || !plan.contains("phy2log") || !plan.contains("gpus"))
    fail("", "expected an EPLB plan as `routelab eplb --format json` prints it (with \"gpus\" and \"phy2log\")");
  if (!plan["gpus"].is_number_integer() || plan["gpus"].get<std::int64_t>() != gpus)
    fail("gpus", "the plan is for " + plan["gpus"].dump() + " GPUs; the cluster has " + std::to_string(gpus));
  const nlohmann::json& layers = plan["phy2log"];
  if (!layers.is_array() || layers.size() != 1 || !layers[0].is_array())
    fail("phy2log", "expected one layer (an array holding one array of experts); plan one layer's loads");
  const nlohmann::json& slots = layers[0];
  if (slots.empty() || slots.size() % gpus != 0)
    fail("phy2log[0]", "expected a multiple of the " + std::to_string(gpus) + " GPUs' slots, got " + std::to_string(slots.size()));
  const std::size_t per_gpu = slots.size() / gpus;
  std::vector<std::vector<int>> placement(experts);
  for (std::size_t s = 0; s < slots.size(); ++s) {
    const std::string entry = "phy2log[0][" + std::to_string(s) + "]";
    if (!slots[s].is_number_integer()) fail(entry, "expected an expert id, got " + slots[s].dump());
    const std::int64_t expert = slots[s].get<std::int64_t>();
    if (expert < 0 || expert >= experts)
      fail(entry, "expert " + std::to_string(expert) + " is out of range: the scenario has " + std::to_string(experts) + " experts");
    placement[expert].push_back(static_cast<int>(s / per_gpu));
  }
  for (int e = 0; e < experts; ++e)
    if (placement[e].empty()) fail("phy2log[0]", "expert " + std::to_string(e) + " has no slot");
  return placement;
}

}  // namespace

void read_placement_file(TableReader& cluster_reader, cluster::ClusterSpec& cl, int experts) {
  // A file beside another policy is still read and checked, but unused: `--set cluster.placement=
  // contiguous` or a sweep over placement then compares against it.
  const toml::node* key = cluster_reader.get("placement_file");
  if (!key && cl.placement != cluster::PlacementPolicy::file) return;
  if (!key) cluster_reader.fail(cluster_reader.table().get("placement"), "placement",
                                "\"file\" needs placement_file = \"FILE\" (the GPUs of each expert's replicas)");
  const ReferencedFile file = read_referenced_file(cluster_reader, "placement_file");
  const bool json = file.path.size() >= 5 && file.path.compare(file.path.size() - 5, 5, ".json") == 0;
  cl.placement_gpus = json ? read_eplb_plan(file, experts, cl.gpus()) : read_toml_placement(file, experts, cl.gpus());
  cl.placement_source = file.path;
}

}  // namespace routelab
