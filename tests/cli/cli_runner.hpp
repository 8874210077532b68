#pragma once
// Runs the built `routelab` binary (path in ROUTELAB_CLI) through the shell and captures its exit
// code, stdout and stderr.
#include <sys/wait.h>

#include <cstdlib>
#include <sstream>
#include <string>

#include "tests/support/scratch_dir.hpp"

namespace routelab::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `arguments` go to the shell as written; `environment` (e.g. "OMP_NUM_THREADS=1") is prepended.
inline CliResult run_cli(const std::string& arguments, const std::string& environment = "") {
  ScratchDir capture;
  const auto out = capture / "stdout";
  const auto err = capture / "stderr";
  const std::string command = environment + (environment.empty() ? "" : " ") + "'" ROUTELAB_CLI "' " + arguments +
                              " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_text(out);
  result.err = read_text(err);
  return result;
}

// The JSON text without the wall-clock lines (`--format json` prints one field per line).
inline std::string without_wall_clock(const std::string& json_text) {
  std::istringstream lines(json_text);
  std::string kept;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\"wall_seconds\":") != std::string::npos) continue;
    if (line.find("\"events_per_second\":") != std::string::npos) continue;
    kept += line + '\n';
  }
  return kept;
}

}  // namespace routelab::testing
