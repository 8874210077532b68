// The [adversary] section: the attack's kind and its knobs. A knob that the chosen kind does not
// use is an error (a typo'd kind would otherwise silently ignore the rest of the section).
#include <algorithm>

#include "scenarios/scenario_sections.hpp"

namespace routelab {

namespace {

constexpr const char* kKindChoices = "collision, hot_flood, colocation, probe, phase_structure";

struct KnobUse {
  const char* key;
  std::vector<AdversaryKind> kinds;  // empty: every kind
};

const std::vector<KnobUse>& knob_uses() {
  using K = AdversaryKind;
  static const std::vector<KnobUse> uses{
      {"target", {K::collision, K::colocation}},      {"target_experts", {K::collision, K::colocation}},
      {"distinct_keys", {K::collision, K::colocation}}, {"search_budget", {K::collision, K::colocation}},
      {"hot_keys", {K::hot_flood}},                    {"keys", {K::hot_flood}},
      {"probe_budget", {K::probe}},
      {"pattern", {K::phase_structure}},               {"max_degree", {K::phase_structure}},
      {"period", {K::phase_structure}},
  };
  return uses;
}

AdversaryKind parse_kind(const std::string& name) {
  if (name == "collision") return AdversaryKind::collision;
  if (name == "hot_flood") return AdversaryKind::hot_flood;
  if (name == "colocation") return AdversaryKind::colocation;
  if (name == "probe") return AdversaryKind::probe;
  if (name == "phase_structure") return AdversaryKind::phase_structure;
  throw_bad_choice("adversary.kind", kKindChoices, name);
}

AttackPlacement parse_placement(const std::string& name) {
  if (name == "interleaved") return AttackPlacement::interleaved;
  if (name == "ahead") return AttackPlacement::ahead;
  if (name == "behind") return AttackPlacement::behind;
  throw_bad_choice("adversary.placement", "interleaved, ahead, behind", name);
}

// Co-location only works from the front of the batch; so does the prober, whose anchor copies must
// fill their expert before its candidates arrive.
AttackPlacement default_placement(AdversaryKind kind) {
  if (kind == AdversaryKind::colocation || kind == AdversaryKind::probe) return AttackPlacement::ahead;
  return AttackPlacement::interleaved;
}

std::string kind_name(AdversaryKind kind) { return std::string(to_string(kind)); }

}  // namespace

std::string_view to_string(AdversaryKind kind) {
  switch (kind) {
    case AdversaryKind::collision: return "collision";
    case AdversaryKind::hot_flood: return "hot_flood";
    case AdversaryKind::colocation: return "colocation";
    case AdversaryKind::probe: return "probe";
    case AdversaryKind::phase_structure: return "phase_structure";
    case AdversaryKind::none: break;
  }
  return "none";
}

std::string_view to_string(AttackPlacement placement) {
  switch (placement) {
    case AttackPlacement::interleaved: return "interleaved";
    case AttackPlacement::ahead: return "ahead";
    case AttackPlacement::behind: return "behind";
  }
  return "?";
}

void read_adversary_section(TableReader& top, ScenarioSpec& spec) {
  const toml::table* t = top.subtable("adversary");
  if (!t) return;
  TableReader reader(*t, "adversary", top.source());
  AdversarySpec& a = spec.adversary;
  const toml::node* kind_node = reader.get("kind");
  if (!kind_node) reader.fail(nullptr, "kind", std::string("expected one of ") + kKindChoices);
  a.kind = parse_choice(reader, "kind", AdversaryKind::none, parse_kind);
  a.share = reader.number_or("share", a.share, 1e-6, 0.99);
  a.placement = parse_choice(reader, "placement", default_placement(a.kind), parse_placement);
  a.target = reader.string_or("target", "");
  a.target_experts = static_cast<int>(reader.integer_or("target_experts", 0, 0, 1 << 22));
  a.distinct_keys = static_cast<int>(reader.integer_or("distinct_keys", a.distinct_keys, 1, 1 << 20));
  a.search_budget = reader.integer_or("search_budget", a.search_budget, 1, INT64_MAX);
  a.key_space = static_cast<std::uint64_t>(reader.integer_or("key_space", 0, 0, INT64_MAX));
  a.hot_keys = static_cast<int>(reader.integer_or("hot_keys", a.hot_keys, 1, 1 << 20));
  a.keys = reader.unsigned_integers("keys");
  a.probe_budget = reader.integer_or("probe_budget", a.probe_budget, 0, INT64_MAX);
  a.pattern = parse_choice(reader, "pattern", a.pattern, parse_degree_pattern);
  a.max_degree = static_cast<int>(reader.integer_or("max_degree", 0, 0, 1 << 22));
  a.period = static_cast<int>(reader.integer_or("period", 0, 0, 1 << 22));
  reader.reject_unknown();

  for (const auto& use : knob_uses()) {
    const toml::node* node = t->get(use.key);
    if (!node || std::find(use.kinds.begin(), use.kinds.end(), a.kind) != use.kinds.end()) continue;
    std::string kinds;
    for (const auto kind : use.kinds) kinds += (kinds.empty() ? "" : ", ") + kind_name(kind);
    reader.fail(node, use.key, "not used by kind = \"" + kind_name(a.kind) + "\" (only by " + kinds + ")");
  }
  if (!a.keys.empty() && t->get("hot_keys"))
    reader.fail(t->get("hot_keys"), "hot_keys", "give either `keys` or `hot_keys`, not both");
  if (!a.keys.empty()) a.hot_keys = static_cast<int>(a.keys.size());
  if (a.pattern == DegreePattern::periodic && !t->get("period"))
    reader.fail(t->get("pattern"), "period", "pattern = \"periodic\" needs a period (a divisor of experts.count)");
  if (a.pattern != DegreePattern::periodic && t->get("period"))
    reader.fail(t->get("period"), "period", "only used by pattern = \"periodic\"");
}

}  // namespace routelab
