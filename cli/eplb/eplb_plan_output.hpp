#pragma once
// How `routelab eplb` prints a plan: phy2log (layers x replicas), logcnt (layers x experts) and
// log2phy (layers x experts x max replicas, -1 padded), as a table or as JSON.
#include <nlohmann/json.hpp>
#include <string>

#include "cluster/eplb.hpp"

namespace routelab::cli {

nlohmann::ordered_json eplb_plan_json(const cluster::EplbPlan& plan, const cluster::EplbShape& shape);
std::string eplb_plan_table(const cluster::EplbPlan& plan, const cluster::EplbShape& shape);

}  // namespace routelab::cli
