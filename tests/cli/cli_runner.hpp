#pragma once
// Runs the built `routelab` binary (path in ROUTELAB_CLI) through the shell and captures its exit
// code, stdout and stderr; plus a scratch directory that cleans up after itself.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace routelab::testing {

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("routelab-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             (test ? test->name() : "none"));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

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

// Every file below `root` whose name ends in `.partial`.
inline std::vector<std::string> partial_files(const std::filesystem::path& root) {
  std::vector<std::string> found;
  if (!std::filesystem::exists(root)) return found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.path().extension() == ".partial") found.push_back(entry.path().string());
  return found;
}

}  // namespace routelab::testing
