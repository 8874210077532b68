#pragma once
// The explicit list of GUI test suites (no static registration).
#include <QObject>

#include <memory>
#include <vector>

namespace routelab::gui::tests {

struct Suite {
  const char* name;
  std::unique_ptr<QObject> (*make)();
};

std::unique_ptr<QObject> make_lod_matrix_test();
std::unique_ptr<QObject> make_metrics_ring_test();
std::unique_ptr<QObject> make_data_adapters_test();
std::unique_ptr<QObject> make_time_axis_test();
std::unique_ptr<QObject> make_event_table_test();
std::unique_ptr<QObject> make_run_control_test();
std::unique_ptr<QObject> make_export_test();
std::unique_ptr<QObject> make_sqlite_catalog_test();
std::unique_ptr<QObject> make_command_line_test();
std::unique_ptr<QObject> make_heatmap_views_test();
std::unique_ptr<QObject> make_saved_runs_test();
std::unique_ptr<QObject> make_sweep_charts_test();
std::unique_ptr<QObject> make_time_resolution_test();
std::unique_ptr<QObject> make_run_settings_ui_test();
std::unique_ptr<QObject> make_opened_run_dock_test();
std::unique_ptr<QObject> make_cluster_view_test();
std::unique_ptr<QObject> make_partial_window_charts_test();
std::unique_ptr<QObject> make_partial_window_heatmaps_test();
std::unique_ptr<QObject> make_person_script_test();  // under X only: gui.person_script

inline const std::vector<Suite>& suites() {
  static const std::vector<Suite> all = {
      {"lod_matrix", &make_lod_matrix_test},       {"metrics_ring", &make_metrics_ring_test},
      {"data_adapters", &make_data_adapters_test}, {"time_axis", &make_time_axis_test},
      {"event_table", &make_event_table_test},     {"run_control", &make_run_control_test},
      {"export", &make_export_test},               {"sqlite_catalog", &make_sqlite_catalog_test},
      {"command_line", &make_command_line_test},
      {"heatmap_views", &make_heatmap_views_test},
      {"saved_runs", &make_saved_runs_test},
      {"sweep_charts", &make_sweep_charts_test},
      {"time_resolution", &make_time_resolution_test},
      {"run_settings_ui", &make_run_settings_ui_test},
      {"opened_run_dock", &make_opened_run_dock_test},
      {"cluster_view", &make_cluster_view_test},
      {"partial_window_charts", &make_partial_window_charts_test},
      {"partial_window_heatmaps", &make_partial_window_heatmaps_test},
      {"person_script", &make_person_script_test},
  };
  return all;
}

}  // namespace routelab::gui::tests
