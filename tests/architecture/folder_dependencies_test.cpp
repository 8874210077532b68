// The direction of every folder dependency (ARCHITECTURE.md's module table): each `#include
// "folder/..."` in a source file must name its own folder or one the table allows below it, and
// core/ includes only the standard library (plus Boost.Random's engine for the RNG streams). The
// build enforces the same through per-target include roots (cmake/RoutelabIncludeRoot.cmake);
// this test names the offending line, and fails for a new top-level folder until it is placed in
// the table.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

// folder -> the folders its sources may include (its own always).
const std::map<std::string, std::set<std::string>>& allowed() {
  static const std::map<std::string, std::set<std::string>> table = {
      {"core", {}},
      {"engine", {"core"}},
      {"cluster", {"core", "engine"}},
      {"routers", {"core"}},
      {"results", {"core"}},
      {"scenarios", {"core", "engine", "cluster", "routers"}},
      {"cli", {"core", "engine", "cluster", "routers", "scenarios", "results"}},
      {"gui", {"core", "engine", "cluster", "routers", "scenarios", "results", "cli"}},
      {"python", {"core", "engine", "cluster", "routers", "scenarios", "results", "cli"}},
      {"fuzz", {"core", "engine", "cluster", "routers", "scenarios", "results", "cli"}},
      {"bench", {"core", "engine", "cluster", "routers", "scenarios", "results", "cli"}},
      {"tests", {"core", "engine", "cluster", "routers", "scenarios", "results", "cli", "gui", "python"}},
  };
  return table;
}

bool is_source(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".hpp" || extension == ".cpp" || extension == ".h" || extension == ".cc";
}

// Top-level folders that hold C++ sources (build trees and hidden folders aside).
std::vector<std::string> source_folders(const std::filesystem::path& root) {
  std::vector<std::string> folders;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name.starts_with(".") || name.starts_with("build")) continue;
    for (const auto& file : std::filesystem::recursive_directory_iterator(entry.path()))
      if (file.is_regular_file() && is_source(file.path())) {
        folders.push_back(name);
        break;
      }
  }
  return folders;
}

std::vector<std::string> violations(const std::filesystem::path& root) {
  static const std::regex project_include(R"(^\s*#\s*include\s*"([a-z_]+)/)");
  static const std::regex system_include(R"(^\s*#\s*include\s*<([^>]+)>)");
  std::vector<std::string> found;
  for (const std::string& folder : source_folders(root)) {
    const auto rule = allowed().find(folder);
    if (rule == allowed().end()) {
      found.push_back(folder + "/: a folder with sources that ARCHITECTURE.md's table does not place; add it to "
                               "tests/architecture/folder_dependencies_test.cpp");
      continue;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / folder)) {
      if (!entry.is_regular_file() || !is_source(entry.path())) continue;
      std::ifstream file(entry.path());
      std::string line;
      for (int number = 1; std::getline(file, line); ++number) {
        std::smatch match;
        const std::string where = std::filesystem::relative(entry.path(), root).string() + ":" +
                                  std::to_string(number) + ": ";
        if (std::regex_search(line, match, project_include)) {
          const std::string target = match[1];
          if (target != folder && !rule->second.count(target) && allowed().count(target))
            found.push_back(where + folder + "/ may not include " + target + "/: " + line);
        } else if (folder == "core" && std::regex_search(line, match, system_include)) {
          const std::string header = match[1];
          const bool standard = header.find('/') == std::string::npos && header.find('.') == std::string::npos;
          if (!standard && !header.starts_with("boost/random/"))
            found.push_back(where + "core/ includes only the standard library: " + line);
        }
      }
    }
  }
  return found;
}

TEST(Architecture, EveryFolderDependencyPointsDownTheTable) {
  const auto found = violations(ROUTELAB_SOURCE_DIR);
  std::string listing;
  for (const auto& line : found) listing += line + "\n";
  EXPECT_TRUE(found.empty()) << listing;
}

TEST(Architecture, TheTableIsADirectedAcyclicOrder) {
  // No folder may reach itself through the folders it includes: the layering has a bottom.
  std::map<std::string, int> state;  // 0 unvisited, 1 on the current path, 2 done
  std::function<bool(const std::string&)> acyclic = [&](const std::string& folder) {
    if (state[folder] == 1) return false;
    if (state[folder] == 2) return true;
    state[folder] = 1;
    for (const std::string& below : allowed().at(folder))
      if (!allowed().count(below) || !acyclic(below)) return false;
    state[folder] = 2;
    return true;
  };
  for (const auto& [folder, below] : allowed()) EXPECT_TRUE(acyclic(folder)) << folder;
  EXPECT_TRUE(allowed().at("core").empty());
}

}  // namespace
