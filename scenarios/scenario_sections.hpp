#pragma once
// The readers of a scenario file's sections, one per table; parse_scenario() calls them in order.
// Each reads every key of its table (so unknown keys can be reported) and fails with the key's
// position when a value is out of range or inconsistent with the rest of its section.
#include "scenarios/scenario_spec.hpp"
#include "scenarios/toml_table_reader.hpp"

namespace routelab {

void read_batches_section(TableReader& top, WorkloadSpec& workload);
void read_tokens_section(TableReader& top, WorkloadSpec& workload);
void read_length_section(TableReader& top, ScenarioSpec& spec);
void read_trace_section(TableReader& top, ScenarioSpec& spec);      // scenarios/traces/trace_section.cpp
void read_adversary_section(TableReader& top, ScenarioSpec& spec);  // scenarios/adversaries/adversary_section.cpp
void read_cluster_section(TableReader& top, ScenarioSpec& spec);    // scenarios/cluster_section.cpp
// [[gpu]], [[switch]], [[link]] of a described topology (scenarios/cluster_graph_section.cpp).
cluster::TopologyGraphSpec read_topology_graph(TableReader& graph);
// cluster.placement_file for placement = "file" (scenarios/placement_file_section.cpp).
void read_placement_file(TableReader& cluster_reader, cluster::ClusterSpec& cl, int experts);

}  // namespace routelab
