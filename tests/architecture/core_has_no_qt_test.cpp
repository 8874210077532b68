// The core libraries (core/, engine/, routers/, scenarios/, results/) never include Qt and never link it: the GUI
// is the only place Qt may appear (ARCHITECTURE.md). Scans the source tree as text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

const char* const kCoreFolders[] = {"core", "engine", "cluster", "routers", "scenarios", "results"};

// <QString>, <QtCore>, <QtWidgets/QWidget>, "QObject", <qcustomplot.h>, <qglobal.h> ...
bool includes_qt(const std::string& line) {
  static const std::regex pattern(R"(^\s*#\s*include\s*[<"]\s*(Q[A-Za-z]|qcustomplot|qglobal|qobject|qstring))");
  return std::regex_search(line, pattern);
}

// find_package(Qt6 ...), Qt6::Widgets, Qt5::Core, QCustomPlotQt6::... in a CMake file.
bool links_qt(const std::string& line) {
  static const std::regex pattern(R"((find_package\s*\(\s*Qt|\bQt[56]?::|QCustomPlot))");
  return std::regex_search(line, pattern);
}

std::vector<std::string> offending_lines(const std::filesystem::path& root) {
  std::vector<std::string> found;
  for (const char* folder : kCoreFolders) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / folder)) {
      if (!entry.is_regular_file()) continue;
      const auto& path = entry.path();
      const std::string extension = path.extension().string();
      const bool source = extension == ".hpp" || extension == ".cpp" || extension == ".h" || extension == ".cc" ||
                          extension == ".inl";
      const bool cmake = path.filename() == "CMakeLists.txt" || extension == ".cmake";
      if (!source && !cmake) continue;
      std::ifstream file(path);
      std::string line;
      for (int number = 1; std::getline(file, line); ++number)
        if ((source && includes_qt(line)) || (cmake && links_qt(line)))
          found.push_back(path.string() + ":" + std::to_string(number) + ": " + line);
    }
  }
  return found;
}

TEST(Architecture, CoreLibrariesNeverIncludeOrLinkQt) {
  const auto found = offending_lines(ROUTELAB_SOURCE_DIR);
  std::string listing;
  for (const auto& line : found) listing += "\n  " + line;
  EXPECT_TRUE(found.empty()) << "Qt in the core (only gui/ may use it):" << listing;
}

TEST(Architecture, TheScanSeesEveryCoreFolder) {
  // A scan of an empty or moved tree would pass vacuously.
  for (const char* folder : kCoreFolders)
    EXPECT_TRUE(std::filesystem::is_directory(std::filesystem::path(ROUTELAB_SOURCE_DIR) / folder)) << folder;
  EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::path(ROUTELAB_SOURCE_DIR) / "engine/simulation.hpp"));
}

TEST(Architecture, DetectorRecognisesQtIncludes) {
  for (const char* bad : {"#include <QString>", "#include <QtCore>", "#include <QtWidgets/QWidget>",
                          "  #  include \"QObject\"", "#include <qcustomplot.h>", "#include <QtCore/qglobal.h>"})
    EXPECT_TRUE(includes_qt(bad)) << bad;
  for (const char* fine : {"#include <queue>", "#include <quadmath.h>", "#include \"engine/queue.hpp\"",
                           "// #include is not <QString> here", "#include <boost/random.hpp>"})
    EXPECT_FALSE(includes_qt(fine)) << fine;
  EXPECT_TRUE(links_qt("target_link_libraries(x PRIVATE Qt6::Widgets)"));
  EXPECT_TRUE(links_qt("find_package(Qt6 COMPONENTS Widgets)"));
  EXPECT_FALSE(links_qt("target_link_libraries(x PRIVATE Boost::headers)"));
}

}  // namespace
