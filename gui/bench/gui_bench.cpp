// routelab-gui-bench: the GUI's quality bars, measured through the real code paths.
//   1. live: a producer thread pushes 256-expert windows through RingMetricsSink -> MetricsRing;
//      the UI thread drains every 30 ms (RunGroup's interval) into a RunHistory and repaints the
//      PlotStack -> frames per second, frame cost, windows ingested per second;
//   2. memory once 100,000 windows are in (process RSS, and the bytes the history holds);
//   3. zoom latency on that history: axis zoom + synchronous repaint of every view, from the whole
//      run down to 4 windows and back, plus pans;
//   5. the overload event table with 1,000,000 events: fill, sort by peak, filter;
//   4. a real simulation (the default scenario widened to 256 experts, two routers, no speed limit)
//      with the GUI repainting -> frames per second and simulation throughput against headless.
// Usage: routelab-gui-bench [--windows N] [--experts E] [--width W] [--height H]
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <thread>

#include "gui/bench/bench_feed.hpp"
#include "gui/data/run_history.hpp"
#include "gui/events/event_filter_proxy.hpp"
#include "gui/events/overload_event_model.hpp"
#include "gui/run/run_group.hpp"
#include "gui/views/plot_stack.hpp"
#include "gui/views/time_axis.hpp"
#include "core/rng_streams.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/scenario_library.hpp"
#include "scenarios/scenario_runner.hpp"

using namespace routelab;
using namespace routelab::gui;
using namespace routelab::gui::bench;

namespace {

struct Options {
  std::int64_t windows = 100000;
  int experts = 256;
  int width = 1600;
  int height = 900;
};

constexpr const char* kUsage =
    "Usage: routelab-gui-bench [--windows N] [--experts E] [--width W] [--height H]\n"
    "Measures the desktop app's frame budget through its real code paths (offscreen): live repaint\n"
    "while windows stream in, memory at N windows, zoom and pan latency, the event table with\n"
    "1,000,000 events, and a real two-router simulation with the views repainting.\n"
    "  --windows N   windows streamed into the history (default 100000)\n"
    "  --experts E   experts per window (default 256)\n"
    "  --width W     plot stack width in pixels (default 1600)\n"
    "  --height H    plot stack height in pixels (default 900)\n"
    "  -h, --help    print this and exit without running the benchmark\n";

enum class ParseOutcome { run, help, bad };

// Every option takes a positive whole number; anything else is refused (exit 2) before the
// benchmark starts, so a typo never silently runs the full default benchmark.
ParseOutcome parse(int argc, char** argv, Options& o, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    if (key == "-h" || key == "--help") return ParseOutcome::help;
    if (key != "--windows" && key != "--experts" && key != "--width" && key != "--height") {
      error = "unknown option '" + key + "'";
      return ParseOutcome::bad;
    }
    if (i + 1 >= argc) {
      error = key + " needs a value";
      return ParseOutcome::bad;
    }
    const std::string text = argv[++i];
    long long value = 0;
    std::size_t used = 0;
    try {
      value = std::stoll(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != text.size() || value < 1 || (key != "--windows" && value > 1000000)) {
      error = key + ": '" + text + "' is not a positive whole number";
      return ParseOutcome::bad;
    }
    if (key == "--windows") o.windows = value;
    if (key == "--experts") o.experts = static_cast<int>(value);
    if (key == "--width") o.width = static_cast<int>(value);
    if (key == "--height") o.height = static_cast<int>(value);
  }
  return ParseOutcome::run;
}

double ms_since(const QElapsedTimer& timer) { return static_cast<double>(timer.nsecsElapsed()) / 1e6; }

// CPU time of the calling thread: unlike wall time it does not grow when other processes share
// the cores, so it says what a frame costs on an idle machine.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

void print_stats(const char* what, const Stats& s) {
  std::printf("  %-34s median %7.2f ms  p95 %7.2f ms  max %7.2f ms  (n=%zu)\n", what, s.median, s.p95, s.max, s.count);
}

// 1 + 2: live ingest with repaint, then memory.
void live_synthetic(const Options& o, RunHistory& history, PlotStack& stack) {
  MetricsRing ring;
  RingMetricsSink sink(ring);
  std::vector<WindowRecord> windows;
  std::vector<OverloadEvent> events;
  std::optional<Summary> summary;
  std::vector<double> frame_ms, frame_cpu_ms, drain_ms, drain_cpu_us;
  const ProcessMemory before = process_memory();
  QElapsedTimer wall;
  wall.start();
  std::thread producer([&] { feed_synthetic_windows(sink, o.experts, o.windows); });
  // A local loop: QApplication::quit() would also close (hide) the views measured next.
  QEventLoop loop;
  QTimer timer;
  timer.setInterval(RunGroup::kPollIntervalMs);
  QObject::connect(&timer, &QTimer::timeout, [&] {
    QElapsedTimer t;
    t.start();
    const double drain_cpu = thread_cpu_ms();
    ring.drain(windows, events, summary, RunGroup::kMaxWindowsPerPoll);  // as RunGroup::poll
    for (const auto& record : windows) history.append(record);
    for (const auto& event : events) history.add_event(event);
    drain_ms.push_back(ms_since(t));
    if (!windows.empty()) drain_cpu_us.push_back((thread_cpu_ms() - drain_cpu) * 1000.0 / static_cast<double>(windows.size()));
    t.restart();
    const double cpu = thread_cpu_ms();
    stack.refresh();
    stack.repaint();
    frame_ms.push_back(ms_since(t));
    frame_cpu_ms.push_back(thread_cpu_ms() - cpu);
    if (history.windows() >= o.windows) loop.quit();
  });
  timer.start();
  loop.exec();
  producer.join();
  const double seconds = ms_since(wall) / 1000.0;
  const ProcessMemory after = process_memory();
  std::printf("live ingest: %lld windows x %d experts in %.2f s = %.0f windows/s; %zu frames = %.1f frames/s; "
              "ring grew %lld times\n",
              static_cast<long long>(history.windows()), o.experts, seconds, static_cast<double>(history.windows()) / seconds,
              frame_ms.size(), static_cast<double>(frame_ms.size()) / seconds, static_cast<long long>(ring.growths()));
  print_stats("frame (refresh + repaint), wall", stats_of(frame_ms));
  print_stats("frame, UI thread CPU", stats_of(frame_cpu_ms));
  print_stats("drain ring into history, wall", stats_of(drain_ms));
  const Stats per_window = stats_of(drain_cpu_us);
  std::printf("  drain, UI thread CPU per window     median %7.2f us  p95 %7.2f us\n", per_window.median, per_window.p95);
  std::printf("memory at %lld windows: history holds %.1f MiB (detail budget %.0f MiB); process RSS %.1f MiB "
              "(%.1f before the run), peak %.1f MiB\n",
              static_cast<long long>(history.windows()), static_cast<double>(history.bytes_held()) / (1 << 20),
              static_cast<double>(RunHistory::kDefaultDetailBudgetBytes) / (1 << 20), after.rss_mib, before.rss_mib,
              after.peak_rss_mib);
  std::printf("  finest detail at window 0: %d-window buckets; at the last window: %d\n",
              1 << (LodMatrix::kFanoutBits * history.channel(ExpertChannel::load).finest_level_at(0)),
              1 << (LodMatrix::kFanoutBits * history.channel(ExpertChannel::load).finest_level_at(history.windows() - 1)));
}

// 3: zoom and pan latency.
void zoom_latency(TimeAxis& axis, PlotStack& stack) {
  std::vector<double> zoom_ms, pan_ms, zoom_cpu_ms;
  axis.fit();
  QElapsedTimer t;
  t.start();
  stack.repaint();
  const double first_draw = ms_since(t);
  auto timed_zoom = [&](double factor, double centre) {
    t.restart();
    const double cpu = thread_cpu_ms();
    axis.zoom(factor, centre);
    stack.repaint();
    zoom_ms.push_back(ms_since(t));
    zoom_cpu_ms.push_back(thread_cpu_ms() - cpu);
  };
  for (int round = 0; round < 3; ++round) {
    axis.fit();
    stack.repaint();
    const double centre = static_cast<double>(axis.extent()) * (0.3 + 0.2 * round);
    while (axis.span() > TimeAxis::kMinSpanWindows) {
      timed_zoom(0.5, centre);
      t.restart();
      axis.pan(axis.span() * 0.1);
      stack.repaint();
      pan_ms.push_back(ms_since(t));
    }
    while (axis.span() < static_cast<double>(axis.extent())) timed_zoom(2.0, centre);
  }
  axis.fit();
  std::printf("repaint of each view at the whole run:");
  for (auto* view : stack.heatmaps()) {
    t.restart();
    view->repaint();
    std::printf(" heatmap %.2f ms;", ms_since(t));
  }
  for (auto* chart : stack.charts()) {
    t.restart();
    chart->repaint();
    std::printf(" %s %.2f ms;", chart->title().left(12).toLocal8Bit().constData(), ms_since(t));
  }
  std::printf("\n");
  std::printf("zoom/pan on %lld windows (whole run down to %g windows and back, 3 rounds):\n",
              static_cast<long long>(axis.extent()), TimeAxis::kMinSpanWindows);
  std::printf("  first draw of the whole run        %7.2f ms\n", first_draw);
  print_stats("zoom step (x2) + repaint, wall", stats_of(zoom_ms));
  print_stats("zoom step, UI thread CPU", stats_of(zoom_cpu_ms));
  print_stats("pan step (10% of span) + repaint", stats_of(pan_ms));
}

// 4: a real simulation with the GUI repainting.
// batches_per_second 0: no limit (the simulation threads take every cycle they get); else the
// speed limit of the Run button (RunToolbar's default is 100 batches/s).
void live_simulation(const Options& o, double batches_per_second, std::int64_t batches) {
  ScenarioSpec spec = load_builtin_scenario(kDefaultScenario);
  spec.simulation.num_experts = o.experts;
  spec.workload.batch_size = 2048;  // a fair share of 16 assignments per expert and batch, as the default
  spec.workload.total_tokens = 2048 * batches;
  spec.simulation.window_ticks = 1600;  // one batch per window
  const RouterRegistry registry = builtin_router_registry();
  const std::vector<RouterSpec> routers = {{"hash", {}}, {"greedy", {}}};

  double headless_events = 0, headless_seconds = 0;
  {
    QElapsedTimer t;
    t.start();
    for (const auto& router : routers) headless_events += static_cast<double>(run_scenario(spec, router, 0, registry).summary.events);
    headless_seconds = ms_since(t) / 1000.0;
  }

  TimeAxis axis;
  PlotStack stack(axis);
  stack.resize(o.width, o.height);
  TrainedModelCache models;
  const RunBuilder builder(registry, models);
  RunGroup group(builder, spec, routers, 0, 0, RunHistory::kDefaultDetailBudgetBytes);  // the app's default windows
  stack.set_runs(group.histories());
  stack.show();
  QObject::connect(&group, &RunGroup::data_arrived, &stack, [&](bool repaint) {
    if (repaint) stack.refresh();
  });
  QEventLoop loop;
  QObject::connect(&group, &RunGroup::finished, &loop, &QEventLoop::quit);
  const std::int64_t frames_before = stack.heatmaps()[0]->frames_painted();
  QElapsedTimer wall;
  wall.start();
  const double cpu_before = thread_cpu_ms();
  group.set_batches_per_second(batches_per_second);
  group.run();
  loop.exec();
  const double seconds = ms_since(wall) / 1000.0;
  const double ui_cpu_ms = thread_cpu_ms() - cpu_before;
  const auto frames = stack.heatmaps()[0]->frames_painted() - frames_before;
  double events = 0;
  for (const auto* history : group.histories()) events += static_cast<double>(history->summary()->events);
  std::printf("live simulation: default scenario at %d experts, %lld batches of 2,048 tokens (one window each), "
              "routers hash+greedy (one thread each), speed limit %s, repainting:\n",
              o.experts, static_cast<long long>(batches),
              batches_per_second > 0 ? QString("%1 batches/s").arg(batches_per_second).toLocal8Bit().constData() : "none");
  std::printf("  %.2f s, %.1f frames/s (first heatmap), %.2f M events/s; headless (same runs, one after the other): "
              "%.2f s, %.2f M events/s\n",
              seconds, static_cast<double>(frames) / seconds, events / seconds / 1e6, headless_seconds,
              headless_events / headless_seconds / 1e6);
  std::printf("  UI thread CPU: %.1f ms per frame (drain + repaint), %.0f%% of one core\n",
              frames > 0 ? ui_cpu_ms / static_cast<double>(frames) : 0.0, ui_cpu_ms / 10.0 / seconds);
}

// 5: the event table at scale.
void event_table(int experts) {
  constexpr std::int64_t kEvents = 1000000;
  RunHistory history("events", experts, 16000);
  const ProcessMemory before = process_memory();
  for (std::int64_t i = 0; i < kEvents; ++i) {
    const auto noise = mix64(static_cast<std::uint64_t>(i));
    history.add_event(OverloadEvent{static_cast<ExpertId>(noise % static_cast<std::uint64_t>(experts)), i * 160,
                                    i * 160 + static_cast<Tick>(noise % 5000), static_cast<std::int64_t>((noise >> 16) % 200),
                                    (noise >> 40) % 2 ? OverloadCause::queue_above_threshold : OverloadCause::arrivals_above_capacity});
  }
  OverloadEventModel model;
  EventFilterProxy proxy;
  proxy.setSourceModel(&model);
  QElapsedTimer t;
  t.start();
  model.set_runs({&history});
  const double fill_ms = ms_since(t);
  t.restart();
  proxy.sort(OverloadEventModel::peak_column, Qt::DescendingOrder);
  (void)proxy.rowCount();
  const double sort_ms = ms_since(t);
  t.restart();
  proxy.set_text("queue");
  const auto shown = proxy.rowCount();  // the proxy maps lazily: count the rows to finish the work
  (void)proxy.index(0, 0);
  const double filter_ms = ms_since(t);
  const ProcessMemory after = process_memory();
  std::printf("event table, %lld events: fill %.0f ms, sort by peak %.0f ms, text filter %.0f ms (%d rows); "
              "+%.0f MiB RSS\n",
              static_cast<long long>(kEvents), fill_ms, sort_ms, filter_ms, shown, after.rss_mib - before.rss_mib);
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  Options o;
  std::string error;
  switch (parse(argc, argv, o, error)) {
    case ParseOutcome::help: std::fputs(kUsage, stdout); return 0;
    case ParseOutcome::bad:
      std::fprintf(stderr, "routelab-gui-bench: error: %s\n%s", error.c_str(), kUsage);
      return 2;
    case ParseOutcome::run: break;
  }
  QApplication app(argc, argv);
  std::printf("routelab-gui-bench: %d experts x %lld windows, views %dx%d, platform %s, %u hardware threads\n",
              o.experts, static_cast<long long>(o.windows), o.width, o.height,
              QApplication::platformName().toLocal8Bit().constData(), std::thread::hardware_concurrency());
  {
    RunHistory history("synthetic", o.experts, 16000);
    TimeAxis axis;
    PlotStack stack(axis);
    stack.resize(o.width, o.height);
    stack.set_runs({&history});
    stack.show();
    live_synthetic(o, history, stack);
    zoom_latency(axis, stack);
    stack.set_runs({});
  }
  live_simulation(o, 0, 2000);
  live_simulation(o, 100, 600);
  event_table(o.experts);
  return 0;
}
