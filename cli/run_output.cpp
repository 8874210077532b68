#include "cli/run_output.hpp"

#include "engine/atomic_output_file.hpp"

namespace routelab::cli {

std::string dump_json(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::unique_ptr<OutputTransaction> begin_output(const ScenarioOptions& options) {
  if (options.out_dir.empty()) return nullptr;
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

}  // namespace routelab::cli
