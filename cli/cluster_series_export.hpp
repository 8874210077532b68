#pragma once
// The cluster's series in --out (docs/cluster.md): per step and GPU, the copies the GPU computed
// (cluster_gpus.csv, long format: step,gpu,node,tokens,step_us), and per directed link its
// whole-run transfer time and share of the total step time (cluster_links.csv).
#include <filesystem>
#include <string>

#include "cluster/cluster_observer.hpp"

namespace routelab::cli {

void write_cluster_series(const std::filesystem::path& directory, const std::string& prefix,
                          const cluster::ClusterObserver& observer);

}  // namespace routelab::cli
