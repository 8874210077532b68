// Memory bounded by what is in flight, not by the run's length: the peak resident set of
// `routelab run` at 10^7 tokens is at most 1.3x that at 10^6 (it was ~10x before per-token state
// was freed on completion and latencies went into a fixed-size histogram). Measured as the child
// process's ru_maxrss from wait4, so the test process's own memory does not count. Not a timing
// test: only memory is compared.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <string>
#include <vector>

extern char** environ;

namespace routelab {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Peak RSS (KiB) of `routelab run --tokens N` on the default scenario with the hash router.
long peak_rss_kib(long tokens) {
  std::vector<std::string> args = {ROUTELAB_CLI, "run", "--router", "hash", "--format", "json", "--tokens",
                                   std::to_string(tokens)};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, ROUTELAB_CLI, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return usage.ru_maxrss;
}

TEST(RunMemory, PeakRssDoesNotGrowWithRunLength) {
  if (kSanitized) GTEST_SKIP() << "the address sanitizer's quarantine holds freed memory: RSS says nothing here";
  const long small = peak_rss_kib(1'000'000);
  const long large = peak_rss_kib(10'000'000);
  ASSERT_GT(small, 0);
  ASSERT_GT(large, 0);
  EXPECT_LE(static_cast<double>(large), 1.3 * static_cast<double>(small))
      << "peak RSS " << large << " KiB at 10^7 tokens vs " << small << " KiB at 10^6";
}

}  // namespace
}  // namespace routelab
