// The cluster panel's data on real runs: for ep-mixtral under hash and greedy, the per-window GPU
// and link series the app keeps add up to the run's own cluster figures, as `routelab compare`
// computes them (step time, straggler ratio, all-to-all, busiest link), the GPUs' copies add up to
// the accepted assignments, and the rows are the topology's GPUs and links. A run without a
// [cluster] keeps no cluster data (the panel is not shown).
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>
#include <numeric>

#include "cluster/topology.hpp"
#include "gui/run/run_group.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/run_group_to_end.hpp"
#include "routers/router_registry.hpp"
#include "scenarios/run_builder/run_key.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::gui::tests {

namespace {

bool close_to(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }
}  // namespace

class ClusterViewTest : public QObject {
  Q_OBJECT

 private:
  RouterRegistry registry_ = builtin_router_registry();
  TrainedModelCache models_;
  RunBuilder builder_{registry_, models_};

  std::unique_ptr<RunGroup> run_to_end(const ScenarioSpec& spec, std::vector<RouterSpec> routers) {
    return run_group_to_end(builder_, spec, routers, 0, 0);
  }

 private slots:
  void gpu_and_link_series_add_up_to_the_cli_figures() {
    const ScenarioSpec spec = load_builtin_scenario("ep-mixtral");
    const std::vector<RouterSpec> routers{RouterSpec{"hash", {}}, RouterSpec{"greedy", {}}};
    auto group = run_to_end(spec, routers);
    const cluster::Topology topology(spec.cluster.topology_graph());
    QCOMPARE(group->sessions().size(), routers.size());
    for (std::size_t r = 0; r < routers.size(); ++r) {
      const RunSession& session = *group->sessions()[r];
      QVERIFY(!session.failure());
      const ClusterHistory* cluster = session.history().cluster();
      QVERIFY(cluster != nullptr && cluster->has_layout());
      QCOMPARE(cluster->gpus(), topology.gpus());
      QCOMPARE(cluster->links(), static_cast<int>(topology.links().size()));
      // The CLI's run: the run builder's, to the end with no sink.
      const Summary cli = builder_.build(spec, router_runs(spec, routers[r], 0).front())->run().summary;
      QVERIFY(cli.cluster.has_value());
      const ClusterTotals totals = cluster->totals();
      QCOMPARE(totals.steps, cli.batches);
      QVERIFY2(close_to(totals.step_time_mean, cli.cluster->step_time_mean), routers[r].name.c_str());
      QVERIFY2(close_to(totals.straggler_ratio, cli.cluster->straggler_ratio), routers[r].name.c_str());
      QVERIFY2(close_to(totals.alltoall_time_mean, cli.cluster->alltoall_time_mean), routers[r].name.c_str());
      QVERIFY2(close_to(totals.link_utilization_max, cli.cluster->link_utilization_max), routers[r].name.c_str());
      const double copies = std::accumulate(totals.gpu_tokens.begin(), totals.gpu_tokens.end(), 0.0);
      QCOMPARE(copies, static_cast<double>(cli.assignments - cli.assignments_dropped));
    }
    // hash leaves a GPU busier than the rest; greedy evens them: the straggler series say so.
    QVERIFY(group->sessions()[0]->history().cluster()->totals().straggler_ratio >
            group->sessions()[1]->history().cluster()->totals().straggler_ratio);
  }

  void steps_on_the_step_timeline_land_at_their_dispatch() {
    // Under tick_us a step may start after later windows closed (its batch waited): the app must
    // place it at its dispatch and still add up to the CLI's figures.
    const ScenarioSpec spec = resolve_scenario(ROUTELAB_EXAMPLES_DIR "/cluster/step-timeline.toml");
    const RouterSpec hash{"hash", {}};
    auto group = run_to_end(spec, {hash});
    const RunSession& session = *group->sessions()[0];
    QVERIFY2(!session.failure(), session.failure() ? qPrintable(*session.failure()) : "");
    const Summary cli = builder_.build(spec, router_runs(spec, hash, 0).front())->run().summary;
    const ClusterTotals totals = session.history().cluster()->totals();
    QCOMPARE(totals.steps, cli.batches);
    QVERIFY(close_to(totals.step_time_mean, cli.cluster->step_time_mean));
    QCOMPARE(session.results()[0].summary.fingerprint, cli.fingerprint);
  }

  void no_cluster_data_without_a_cluster_section() {
    auto group = run_to_end(load_builtin_scenario("default"), {RouterSpec{"hash", {}}});
    QVERIFY(group->sessions()[0]->history().cluster() == nullptr);
  }
};

std::unique_ptr<QObject> make_cluster_view_test() { return std::make_unique<ClusterViewTest>(); }

}  // namespace routelab::gui::tests

#include "cluster_view_test.moc"
