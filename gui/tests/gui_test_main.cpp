// One QTest program for the GUI; `gui_tests SUITE [QTest options]` runs one suite, so each suite
// is its own ctest entry while the program is built and linked once.
#include <QApplication>
#include <QTest>

#include <cstdio>
#include <cstring>
#include <memory>

#include "gui/tests/gui_test_suites.hpp"

int main(int argc, char** argv) {
  using namespace routelab::gui::tests;
  if (argc < 2) {
    std::fprintf(stderr, "usage: gui_tests SUITE [QTest options]; suites:");
    for (const Suite& suite : suites()) std::fprintf(stderr, " %s", suite.name);
    std::fprintf(stderr, "\n");
    return 2;
  }
  const Suite* chosen = nullptr;
  for (const Suite& suite : suites())
    if (std::strcmp(suite.name, argv[1]) == 0) chosen = &suite;
  if (!chosen) {
    std::fprintf(stderr, "gui_tests: unknown suite '%s'\n", argv[1]);
    return 2;
  }
  QApplication app(argc, argv);
  QApplication::setOrganizationName("routelab-tests");
  QApplication::setApplicationName("routelab-gui-tests");
  std::unique_ptr<QObject> test = chosen->make();
  argv[1] = argv[0];  // QTest sees the remaining options only
  return QTest::qExec(test.get(), argc - 1, argv + 1);
}
