#pragma once
// Chart lines of a run's expert-parallel steps, per window (ClusterHistory): the slowest step,
// the mean all-to-all time and the mean straggler ratio of the steps whose batch arrived in the
// window; no value (NaN) in a window without a step. On the run's windows: each holds the value of
// the cluster window (a batch interval or longer) it belongs to.
#include <memory>

#include "gui/data/run_history.hpp"
#include "gui/data/series_source.hpp"

namespace routelab::gui {

enum class ClusterLine { slowest_step_us, alltoall_mean_us, straggler_mean };

// `run` must have a cluster (RunHistory::cluster()).
std::unique_ptr<SeriesSource> cluster_series(const RunHistory& run, ClusterLine which);

}  // namespace routelab::gui
