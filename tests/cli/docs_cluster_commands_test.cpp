// Every command docs/cluster.md shows runs, from the source tree, and exits 0; where the page
// shows the command's output (the indented lines right after it) the output is exactly that.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/scratch_dir.hpp"

namespace routelab::testing {
namespace {

struct DocumentedCommand {
  std::string arguments;        // after "routelab "
  std::string expected_output;  // empty: the page shows none
};

// Indented (code) blocks; in each, a line "routelab ..." starts a command and the lines up to the
// next command or the block's end are its output.
std::vector<DocumentedCommand> documented_commands(const std::string& page) {
  std::vector<DocumentedCommand> commands;
  std::istringstream lines(page);
  bool in_command = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("    ", 0) != 0) {
      in_command = false;
      continue;
    }
    const std::string code = line.substr(4);
    if (code.rfind("routelab ", 0) == 0) {
      commands.push_back({code.substr(9), ""});
      in_command = true;
    } else if (in_command) {
      commands.back().expected_output += code + "\n";
    }
  }
  return commands;
}

TEST(DocsClusterCommands, EveryCommandRunsAndPrintsWhatThePageShows) {
  const std::string page = read_text(ROUTELAB_SOURCE_DIR "/docs/cluster.md");
  const auto commands = documented_commands(page);
  ASSERT_GE(commands.size(), 6U) << "the page lost its commands?";
  int with_output = 0;
  for (const auto& command : commands) {
    SCOPED_TRACE(command.arguments);
    ScratchDir capture;
    const std::string shell = "cd '" ROUTELAB_SOURCE_DIR "' && '" ROUTELAB_CLI "' " + command.arguments + " >'" +
                              (capture / "out").string() + "' 2>'" + (capture / "err").string() + "'";
    const int status = std::system(shell.c_str());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_text(capture / "err");
    if (command.expected_output.empty()) continue;
    ++with_output;
    EXPECT_EQ(read_text(capture / "out"), command.expected_output);
  }
  EXPECT_GE(with_output, 1);
}

}  // namespace
}  // namespace routelab::testing
