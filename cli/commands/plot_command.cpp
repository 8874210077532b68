// `routelab plot RUN_DIR_OR_SWEEP_DB --out DIR [--format png|svg]`: the figures are drawn by the
// Python package's plotting module (python/routelab/plot.py, matplotlib from Debian); this command
// finds the interpreter and the package and runs it, passing its exit code on.
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands/commands.hpp"
#include "cli/figures.hpp"
#include "core/errors.hpp"

extern char** environ;

namespace routelab::cli {

namespace {

// Where the `routelab` package is: $ROUTELAB_PYTHONPATH, else beside an installed routelab
// (PREFIX/bin/routelab -> PREFIX/<python install dir>), else the build tree it was built in.
std::string python_package_root() {
  if (const char* path = std::getenv("ROUTELAB_PYTHONPATH"); path && *path) return path;
  std::error_code error;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = executable.parent_path().parent_path() / ROUTELAB_PYTHON_INSTALL_DIR;
    if (std::filesystem::is_regular_file(installed / "routelab" / "plot.py")) return installed.string();
  }
  return ROUTELAB_PYTHON_BUILD_DIR;
}

std::string python_interpreter() {
  if (const char* python = std::getenv("ROUTELAB_PYTHON"); python && *python) return python;
  return ROUTELAB_PYTHON_EXECUTABLE;
}

int run_program(const std::vector<std::string>& arguments, const std::string& python_path) {
  std::vector<std::string> environment;
  for (char** entry = environ; *entry; ++entry)
    if (std::string(*entry).rfind("PYTHONPATH=", 0) != 0) environment.emplace_back(*entry);
  const char* old_path = std::getenv("PYTHONPATH");
  environment.push_back("PYTHONPATH=" + python_path + (old_path && *old_path ? std::string(":") + old_path : ""));
  std::vector<char*> argv, envp;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  for (const auto& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  pid_t child = 0;
  if (posix_spawn(&child, arguments.front().c_str(), nullptr, nullptr, argv.data(), envp.data()) != 0)
    throw IoError("cannot start the Python interpreter '" + arguments.front() +
                  "' (set ROUTELAB_PYTHON to a python3 with matplotlib)");
  int status = 0;
  if (waitpid(child, &status, 0) < 0) throw Error("lost the plotting process");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

int draw_figures(const std::string& input, const std::string& out_dir, const std::string& format) {
  if (!std::filesystem::exists(input)) throw IoError("'" + input + "' does not exist");
  return run_program({python_interpreter(), "-m", "routelab.plot", input, "--out", out_dir, "--format", format},
                     python_package_root());
}

CommandAction add_plot_command(CLI::App& app) {
  auto* command = app.add_subcommand("plot", "draw figures of a run directory (run/compare --out) or a sweep database");
  auto input = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("png");
  command->add_option("input", *input, "RUN_DIR (from run/compare --out) or SWEEP_DB (from sweep run --db)")->required();
  command->add_option("--out", *out, "directory for the figures (created)")->required();
  command->add_option("--format", *format, "image format")->check(CLI::IsMember({"png", "svg"}))->capture_default_str();
  return [input, out, format] { return draw_figures(*input, *out, *format); };
}

}  // namespace routelab::cli
