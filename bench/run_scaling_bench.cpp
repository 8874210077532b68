// Peak RSS and tokens/s of whole runs against the token count and the expert count (issue 17).
// Each run executes in a forked child, so its peak resident set (wait4's ru_maxrss) is the run's
// own and not the largest one this program has seen; the child sends back its CPU seconds.
//   tokens: the default scenario (64 experts, top-2, hash router) at 10^5 .. 10^8 tokens
//   experts: the default scenario at 10^6 tokens with 64 .. 4096 experts
// Counters: peak_rss_MiB, tokens_per_cpu_second (the child's CPU time: the machine is shared).
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>

#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

namespace {

struct ChildRun {
  double cpu_seconds = 0;
  double wall_seconds = 0;
  std::int64_t tokens = 0;
  long peak_rss_kib = 0;
};

double clock_seconds(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

ChildRun run_in_child(std::int64_t tokens, int experts) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    routelab::ScenarioSpec spec = routelab::load_builtin_scenario(routelab::kDefaultScenario);
    spec.workload.total_tokens = tokens;
    spec.simulation.num_experts = experts;
    const routelab::RouterRegistry registry = routelab::builtin_router_registry();
    const double cpu0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    const double wall0 = clock_seconds(CLOCK_MONOTONIC);
    const routelab::RunResult result = routelab::run_scenario(spec, routelab::RouterSpec{"hash", {}}, 0, registry);
    ChildRun out;
    out.cpu_seconds = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    out.wall_seconds = clock_seconds(CLOCK_MONOTONIC) - wall0;
    out.tokens = result.summary.tokens;
    const ssize_t written = write(fds[1], &out, sizeof out);
    _exit(written == static_cast<ssize_t>(sizeof out) ? 0 : 1);
  }
  close(fds[1]);
  ChildRun run;
  const ssize_t got = read(fds[0], &run, sizeof run);
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (got != static_cast<ssize_t>(sizeof run)) return {};
  run.peak_rss_kib = usage.ru_maxrss;
  return run;
}

void report(benchmark::State& state, std::int64_t tokens, int experts) {
  ChildRun last;
  double cpu = 0;
  std::int64_t total_tokens = 0;
  for (auto _ : state) {
    last = run_in_child(tokens, experts);
    if (last.tokens == 0) {
      state.SkipWithError("the child run failed");
      return;
    }
    state.SetIterationTime(last.wall_seconds);
    cpu += last.cpu_seconds;
    total_tokens += last.tokens;
  }
  state.counters["peak_rss_MiB"] = static_cast<double>(last.peak_rss_kib) / 1024.0;
  state.counters["tokens_per_cpu_second"] = cpu > 0 ? static_cast<double>(total_tokens) / cpu : 0.0;
}

void BM_RunTokens(benchmark::State& state) { report(state, state.range(0), 64); }
void BM_RunExperts(benchmark::State& state) { report(state, 1'000'000, static_cast<int>(state.range(0))); }

}  // namespace

BENCHMARK(BM_RunTokens)->Arg(100'000)->Arg(1'000'000)->Arg(10'000'000)->Arg(100'000'000)
    ->UseManualTime()->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_RunExperts)->Arg(64)->Arg(256)->Arg(1024)->Arg(4096)
    ->UseManualTime()->Iterations(1)->Unit(benchmark::kSecond);

BENCHMARK_MAIN();
