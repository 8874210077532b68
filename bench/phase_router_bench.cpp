// The phase router against the published figures and against this machine's memory-traffic floor.
//
//   published sizes N/k 256/64 .. 4096/512 with the published inputs (row degrees uniform on [1, k]
//   at random positions): the dense-matrix path (pack_and_route shape) and the degree path, each
//   kernel forced and automatic; the literal O(N^2) reference kernel at the small sizes;
//   MoE shapes B x E, k; N = 65536, k = 512 on the degree path; a STREAM-like copy that measures
//   the bandwidth the floors are computed from (floor = bytes that must be read + written / bandwidth).
//
// Counters: floor_ms (this machine's floor for the size), published_ms (published total, where one
// exists), fill (routes / (N k)). Run with --benchmark_repetitions and read the medians; figures
// are recorded in bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <malloc.h>
#include <map>
#include <vector>

#include "core/rng_streams.hpp"
#include "routers/phase/phase_route.hpp"
#include "routers/phase/phase_rng.hpp"

namespace routelab::phase {
namespace {

// Arrays of the copy benchmark: 2 x 256 MiB, far beyond any cache of the machines we run on.
constexpr std::size_t kStreamDoubles = std::size_t{1} << 25;
// STREAM's convention: a copy moves 2 x 8 bytes per element (one read, one write).
constexpr double kStreamBytes = 2.0 * sizeof(double) * kStreamDoubles;
// Copies timed for the bandwidth the floors use; as STREAM does, the best one counts (the floor
// is then the smallest time the traffic could take).
constexpr int kBandwidthCopies = 10;

double timed_copy(std::vector<double>& to, const std::vector<double>& from) {
  const auto begin = std::chrono::steady_clock::now();
#pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < kStreamDoubles; ++i) to[i] = from[i];
  benchmark::DoNotOptimize(to.data());
  benchmark::ClobberMemory();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
}

// Copy bandwidth (bytes/s, all threads), measured once per process whatever the filter selects;
// ROUTELAB_COPY_GBPS=<GB/s> supplies it instead (e.g. for profiling runs).
double copy_bandwidth() {
  static const double bandwidth = [] {
    if (const char* given = std::getenv("ROUTELAB_COPY_GBPS")) return std::atof(given) * 1e9;
    std::vector<double> from(kStreamDoubles, 1.0), to(kStreamDoubles, 0.0);
    double best = std::numeric_limits<double>::infinity();
    for (int r = 0; r < kBandwidthCopies; ++r) best = std::min(best, timed_copy(to, from));
    return kStreamBytes / best;
  }();
  return bandwidth;
}

double floor_ms(double bytes) { return 1e3 * bytes / copy_bandwidth(); }

void BM_StreamCopy(benchmark::State& state) {
  std::vector<double> from(kStreamDoubles, 1.0), to(kStreamDoubles, 0.0);
  double seconds = 0;
  std::int64_t copies = 0;
  for (auto _ : state) {
    seconds += timed_copy(to, from);
    ++copies;
  }
  state.counters["GB_per_s"] = kStreamBytes * static_cast<double>(copies) / seconds / 1e9;
  state.counters["floor_GB_per_s"] = copy_bandwidth() / 1e9;
}
BENCHMARK(BM_StreamCopy)->Unit(benchmark::kMillisecond)->UseRealTime();

// The published timing table (C++ total ms, 2-core laptop) by N.
const std::map<std::int64_t, double> kPublishedTotalMs = {
    {256, 0.68}, {512, 2.84}, {1024, 17.58}, {2048, 42.15}, {4096, 110.76}};

struct PublishedInputs {
  std::vector<std::int64_t> s, t;
  std::vector<std::uint8_t> s_matrix, t_matrix;
};

std::vector<std::int64_t> published_degrees(std::int64_t n, std::int64_t k, std::uint64_t seed) {
  RngEngine rng(seed);
  boost::random::uniform_int_distribution<std::int64_t> draw(1, std::min(k, n));
  std::vector<std::int64_t> degrees(static_cast<std::size_t>(n));
  for (auto& d : degrees) d = draw(rng);
  return degrees;
}

std::vector<std::uint8_t> scatter(const std::vector<std::int64_t>& degrees, std::int64_t n, std::uint64_t seed) {
  std::vector<std::uint8_t> matrix(degrees.size() * static_cast<std::size_t>(n), 0);
  for (std::size_t i = 0; i < degrees.size(); ++i) {
    const auto order = make_permutation(n, mix64(seed ^ (i * kGoldenGamma)));
    for (std::int64_t c = 0; c < degrees[i]; ++c)
      matrix[i * static_cast<std::size_t>(n) + static_cast<std::size_t>(order[static_cast<std::size_t>(c)])] = 1;
  }
  return matrix;
}

// Inputs are cached by size so repetitions do not regenerate them.
const PublishedInputs& published_inputs(std::int64_t n, std::int64_t k, bool dense) {
  static std::map<std::pair<std::int64_t, std::int64_t>, PublishedInputs> cache;
  PublishedInputs& inputs = cache[{n, k}];
  if (inputs.s.empty()) {
    inputs.s = published_degrees(n, k, 42);
    inputs.t = published_degrees(n, k, 123);
  }
  if (dense && inputs.s_matrix.empty()) {
    inputs.s_matrix = scatter(inputs.s, n, 4242);
    inputs.t_matrix = scatter(inputs.t, n, 123123);
  }
  return inputs;
}

void report(benchmark::State& state, const PhaseStats& stats, double floor_bytes, std::int64_t n) {
  state.counters["floor_ms"] = floor_ms(floor_bytes);
  state.counters["fill"] = stats.fill_ratio;
  state.counters["col_max_over_mean"] = stats.column_max_over_mean;
  state.counters["validate_ms"] = stats.validate_ms;  // of the last iteration
  state.counters["setup_ms"] = stats.setup_ms;
  state.counters["route_ms"] = stats.route_ms;
  if (auto it = kPublishedTotalMs.find(n); it != kPublishedTotalMs.end() && stats.rows == stats.cols)
    state.counters["published_ms"] = it->second;
  state.SetLabel(std::string(to_string(stats.kernel)));
}

// Dense path: read S and T (N^2 bytes each), write N k int32.
void BM_PhaseDense(benchmark::State& state, PhaseKernel kernel) {
  const std::int64_t n = state.range(0), k = state.range(1);
  const PublishedInputs& inputs = published_inputs(n, k, true);
  std::vector<std::int32_t> routes(static_cast<std::size_t>(n * k));
  PhaseOptions options;
  options.k = k;
  options.seed = 1;
  options.kernel = kernel;
  const BinaryMatrixView s{inputs.s_matrix.data(), n, n, n}, t{inputs.t_matrix.data(), n, n, n};
  PhaseStats stats;
  for (auto _ : state) {
    stats = route_dense_into(s, t, options, routes);
    benchmark::DoNotOptimize(routes.data());
  }
  report(state, stats, 2.0 * static_cast<double>(n * n) + 4.0 * static_cast<double>(n * k), n);
}

// Degree path: read 2 N degrees (int64), write N k int32.
void BM_PhaseDegrees(benchmark::State& state, PhaseKernel kernel) {
  const std::int64_t n = state.range(0), k = state.range(1);
  const PublishedInputs& inputs = published_inputs(n, k, kernel == PhaseKernel::reference);
  std::vector<std::int32_t> routes(static_cast<std::size_t>(n * k));
  PhaseOptions options;
  options.k = k;
  options.seed = 1;
  options.kernel = kernel;
  PhaseStats stats;
  for (auto _ : state) {
    stats = route_degrees_into(inputs.s, inputs.t, options, routes);
    benchmark::DoNotOptimize(routes.data());
  }
  report(state, stats, 16.0 * static_cast<double>(n) + 4.0 * static_cast<double>(n * k), n);
}

// MoE batch: B tokens, E experts, every token eligible for every expert (s_i = E), expert
// capacity t_j = ceil(capacity factor * B * k / E) (capped at B).
void BM_PhaseMoe(benchmark::State& state, PhaseKernel kernel) {
  const std::int64_t b = state.range(0), e = state.range(1), k = state.range(2);
  const double capacity_factor = 1.25;
  const auto capacity = std::min<std::int64_t>(b, static_cast<std::int64_t>(std::ceil(capacity_factor * static_cast<double>(b * k) / static_cast<double>(e))));
  const std::vector<std::int64_t> s(static_cast<std::size_t>(b), e), t(static_cast<std::size_t>(e), capacity);
  std::vector<std::int32_t> routes(static_cast<std::size_t>(b * k));
  PhaseOptions options;
  options.k = k;
  options.kernel = kernel;
  PhaseStats stats;
  std::uint64_t batch = 0;
  for (auto _ : state) {
    options.seed = batch_seed(7, batch++);  // per-batch reseeding, as the simulator does
    stats = route_degrees_into(s, t, options, routes);
    benchmark::DoNotOptimize(routes.data());
  }
  report(state, stats, 8.0 * static_cast<double>(b + e) + 4.0 * static_cast<double>(b * k), b);
}

const std::vector<std::vector<std::int64_t>> kPublishedSizes = {{256, 64}, {512, 256}, {1024, 256}, {2048, 512}, {4096, 512}};
const std::vector<std::vector<std::int64_t>> kSmallSizes = {{256, 64}, {512, 256}, {1024, 256}};

void register_all() {
  const std::pair<const char*, PhaseKernel> kernels[] = {
      {"auto", PhaseKernel::automatic}, {"arcs", PhaseKernel::arcs}, {"bitpacked", PhaseKernel::bitpacked}};
  for (const auto& [name, kernel] : kernels) {
    auto* dense = benchmark::RegisterBenchmark((std::string("BM_PhaseDense/") + name).c_str(), BM_PhaseDense, kernel);
    auto* degrees = benchmark::RegisterBenchmark((std::string("BM_PhaseDegrees/") + name).c_str(), BM_PhaseDegrees, kernel);
    for (const auto& size : kPublishedSizes) {
      dense->Args(size);
      degrees->Args(size);
    }
    dense->Unit(benchmark::kMillisecond)->UseRealTime();
    degrees->Unit(benchmark::kMillisecond)->UseRealTime();
    auto* moe = benchmark::RegisterBenchmark((std::string("BM_PhaseMoe/") + name).c_str(), BM_PhaseMoe, kernel);
    moe->Args({4096, 256, 8})->Args({16384, 64, 6})->Unit(benchmark::kMillisecond)->UseRealTime();
  }
  auto* reference = benchmark::RegisterBenchmark("BM_PhaseDense/reference", BM_PhaseDense, PhaseKernel::reference);
  for (const auto& size : kSmallSizes) reference->Args(size);
  reference->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RegisterBenchmark("BM_PhaseDegrees/large/auto", BM_PhaseDegrees, PhaseKernel::automatic)
      ->Args({65536, 512})
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

}  // namespace
}  // namespace routelab::phase

int main(int argc, char** argv) {
  // Steady state of a long-running caller: freed memory stays in the heap instead of going back
  // to the kernel after each call, so iterations do not pay fresh page faults for the per-call
  // tables (on this VM a page fault costs several microseconds and varies with the host's load).
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  benchmark::Initialize(&argc, argv);
  routelab::phase::register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
