#include "cli/run_output.hpp"

#include "cli/comparison_exports.hpp"
#include "core/errors.hpp"
#include "engine/atomic_output_file.hpp"

namespace routelab::cli {

std::string dump_json(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::unique_ptr<OutputTransaction> begin_output(const ScenarioOptions& options) {
  if (options.out_dir.empty()) {
    if (options.tokens_csv) throw ConfigError("--tokens-csv", "needs --out DIR (tokens.csv is written there)");
    return nullptr;
  }
  return std::make_unique<OutputTransaction>(options.out_dir, options.force);
}

void write_output_file(OutputTransaction& out, const std::string& name, const std::string& text) {
  AtomicOutputFile file(out.staging() / name);
  file.stream() << text;
  file.commit();
}

void commit_output(OutputTransaction& out, const std::string& summary_json) {
  AtomicOutputFile summary(out.staging() / "summary.json");
  summary.stream() << summary_json << "\n";
  summary.commit();
  out.commit();
}

void commit_comparison_output(OutputTransaction& out, const nlohmann::ordered_json& report) {
  join_run_exports(out.staging(), report["provenance"]);
  // The sidecars of every CSV under --out: what made them (summary.json, the commit marker, is last).
  write_output_file(out, "provenance.json", dump_json(report["provenance"]) + "\n");
  write_output_file(out, "scenario.toml", report["provenance"]["scenario_toml"].get<std::string>());
  commit_output(out, dump_json(report));
}

}  // namespace routelab::cli
