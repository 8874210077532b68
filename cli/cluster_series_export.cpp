#include "cli/cluster_series_export.hpp"

#include <fmt/format.h>

#include <numeric>

#include "engine/atomic_output_file.hpp"

namespace routelab::cli {

void write_cluster_series(const std::filesystem::path& directory, const std::string& prefix,
                          const cluster::ClusterObserver& observer) {
  const cluster::Topology& topology = observer.model().topology();
  AtomicOutputFile gpus(directory / (prefix + "cluster_gpus.csv"));
  gpus.stream() << "step,gpu,node,tokens,step_us\n";
  for (std::size_t step = 0; step < observer.gpu_tokens().size(); ++step)
    for (std::size_t g = 0; g < observer.gpu_tokens()[step].size(); ++g)
      gpus.stream() << fmt::format("{},{},{},{},{:.6g}\n", step, g, topology.node_of(static_cast<int>(g)),
                                   observer.gpu_tokens()[step][g], observer.step_times()[step]);
  AtomicOutputFile links(directory / (prefix + "cluster_links.csv"));
  links.stream() << "link,from,to,bandwidth_gbps,busy_us,utilization\n";
  const double total = std::accumulate(observer.step_times().begin(), observer.step_times().end(), 0.0);
  for (std::size_t l = 0; l < observer.link_busy_us().size(); ++l) {
    const auto& link = topology.links()[l];
    const double busy = observer.link_busy_us()[l];
    links.stream() << fmt::format("\"{}\",{},{},{},{:.6g},{:.6g}\n", link.name, link.from, link.to, link.bandwidth_gbps,
                                  busy, total > 0 ? busy / total : 0.0);
  }
  gpus.commit();
  links.commit();
}

}  // namespace routelab::cli
