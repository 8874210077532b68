#pragma once
// Runs the real `routelab` binary from tests: to completion (exit code, stdout, stderr), or in the
// background so a test can kill it. The child never inherits Slurm array variables by accident.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace routelab::cli::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

using Environment = std::vector<std::pair<std::string, std::string>>;

inline pid_t spawn_cli(const std::vector<std::string>& args, const std::filesystem::path& out,
                       const std::filesystem::path& err, const Environment& environment = {}) {
  const pid_t pid = fork();
  if (pid == 0) {
    for (const char* name : {"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_STEP"})
      unsetenv(name);
    for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
    const int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    std::vector<char*> argv;
    std::string program = ROUTELAB_CLI;
    argv.push_back(program.data());
    std::vector<std::string> copies = args;
    for (auto& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

inline int wait_exit_code(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline CliResult run_cli(const std::vector<std::string>& args, const Environment& environment = {}) {
  const auto dir = std::filesystem::path(::testing::TempDir());
  const auto out = dir / ("routelab-cli-" + std::to_string(getpid()) + ".out");
  const auto err = dir / ("routelab-cli-" + std::to_string(getpid()) + ".err");
  CliResult result;
  result.exit_code = wait_exit_code(spawn_cli(args, out, err, environment));
  result.out = read_text(out);
  result.err = read_text(err);
  return result;
}

inline std::string last_line(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  const auto newline = trimmed.rfind('\n');
  return newline == std::string::npos ? trimmed : trimmed.substr(newline + 1);
}

}  // namespace routelab::cli::testing
