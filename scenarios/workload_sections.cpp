// The [batches], [tokens] and [length] sections of a scenario file.
#include "scenarios/scenario_sections.hpp"

namespace routelab {

namespace {

ArrivalProcess parse_arrival(const std::string& name) {
  if (name == "fixed") return ArrivalProcess::fixed;
  if (name == "poisson") return ArrivalProcess::poisson;
  if (name == "gamma") return ArrivalProcess::gamma;
  if (name == "trace") return ArrivalProcess::trace;
  throw_bad_choice("batches.arrival", "fixed, poisson, gamma, trace", name);
}

KeyDistribution parse_keys(const std::string& name) {
  if (name == "uniform") return KeyDistribution::uniform;
  if (name == "zipf") return KeyDistribution::zipf;
  throw_bad_choice("tokens.keys", "uniform, zipf", name);
}

TokenKind parse_kind(const std::string& name) {
  if (name == "independent") return TokenKind::independent;
  if (name == "locality") return TokenKind::locality;
  if (name == "semantic") return TokenKind::semantic;
  if (name == "trace") return TokenKind::trace;
  throw_bad_choice("tokens.kind", "independent, locality, semantic, trace", name);
}

}  // namespace

void read_batches_section(TableReader& top, WorkloadSpec& work) {
  const toml::table* t = top.subtable("batches");
  if (!t) return;
  TableReader batches(*t, "batches", top.source());
  work.batch_size = static_cast<int>(batches.integer_or("size", work.batch_size, 1, 1 << 24));
  work.arrival = parse_choice(batches, "arrival", ArrivalProcess::fixed, parse_arrival);
  work.interval_ticks = batches.number_or("interval_ticks", work.interval_ticks, 1e-9, 1e15);
  const toml::node* cv_node = t->get("cv");
  work.arrival_cv = batches.number_or("cv", 1.0, 1e-3, 1e3);
  if (cv_node && work.arrival != ArrivalProcess::gamma)
    batches.fail(cv_node, "cv", "applies to arrival = \"gamma\" only");

  if (const toml::table* r = batches.subtable("ramp")) {
    TableReader ramp(*r, "batches.ramp", top.source());
    work.ramp.enabled = true;
    work.ramp.from = ramp.number_or("from", 1.0, 1e-3, 1e3);
    work.ramp.to = ramp.number_or("to", 1.0, 1e-3, 1e3);
    ramp.reject_unknown();
  }
  if (const toml::table* m = batches.subtable("mix")) {
    TableReader mix(*m, "batches.mix", top.source());
    work.mix.enabled = true;
    work.mix.decode_size = static_cast<int>(mix.integer_or("decode_size", work.mix.decode_size, 1, 1 << 24));
    work.mix.prefill_size = static_cast<int>(mix.integer_or("prefill_size", work.mix.prefill_size, 1, 1 << 24));
    work.mix.prefill_share = mix.number_or("prefill_share", work.mix.prefill_share, 0.0, 1.0);
    mix.reject_unknown();
  }
  batches.reject_unknown();
}

void read_tokens_section(TableReader& top, WorkloadSpec& work) {
  const toml::table* t = top.subtable("tokens");
  if (!t) return;
  TableReader tokens(*t, "tokens", top.source());
  work.keys = parse_choice(tokens, "keys", KeyDistribution::uniform, parse_keys);
  work.vocabulary = static_cast<std::uint64_t>(tokens.integer_or("vocabulary", 50257, 1, 1LL << 40));
  work.zipf_s = tokens.number_or("zipf_s", 1.0, 1e-9, 100.0);
  work.kind = parse_choice(tokens, "kind", TokenKind::independent, parse_kind);

  const toml::node* locality_node = t->get("locality");
  if (const toml::table* l = tokens.subtable("locality")) {
    if (work.kind != TokenKind::locality) tokens.fail(locality_node, "locality", "applies to kind = \"locality\" only");
    TableReader locality(*l, "tokens.locality", top.source());
    work.locality.reuse = locality.number_or("reuse", work.locality.reuse, 0.0, 1.0);
    work.locality.history = static_cast<int>(locality.integer_or("history", work.locality.history, 1, 1 << 20));
    locality.reject_unknown();
  }
  const toml::node* semantic_node = t->get("semantic");
  if (const toml::table* s = tokens.subtable("semantic")) {
    if (work.kind != TokenKind::semantic) tokens.fail(semantic_node, "semantic", "applies to kind = \"semantic\" only");
    TableReader semantic(*s, "tokens.semantic", top.source());
    work.semantic.classes = static_cast<int>(semantic.integer_or("classes", work.semantic.classes, 1, 1 << 20));
    work.semantic.dim = static_cast<int>(semantic.integer_or("dim", work.semantic.dim, 1, 4096));
    work.semantic.class_zipf_s = semantic.number_or("class_zipf_s", work.semantic.class_zipf_s, 0.0, 100.0);
    work.semantic.spread = semantic.number_or("spread", work.semantic.spread, 0.0, 1e3);
    semantic.reject_unknown();
  }
  tokens.reject_unknown();
}

void read_length_section(TableReader& top, ScenarioSpec& spec) {
  const toml::table* t = top.subtable("length");
  if (!t) {
    if (spec.workload.kind == TokenKind::trace) spec.workload.total_tokens = 0;  // the whole trace
    return;
  }
  TableReader length(*t, "length", top.source());
  spec.workload.total_tokens = length.integer_or("tokens", 0, 0, INT64_MAX);
  spec.simulation.stop_tick = length.integer_or("ticks", -1, 1, INT64_MAX);
  if (spec.workload.total_tokens == 0 && spec.simulation.stop_tick < 0 && spec.workload.kind != TokenKind::trace)
    length.fail(nullptr, "tokens", "expected `tokens` or `ticks`");
  length.reject_unknown();
}

}  // namespace routelab
