#pragma once
// A router written in Python, run inside the C++ engine: each batch is handed to the object's
// `route(batch)` as a Batch whose arrays are read-only numpy views of the engine's buffers (no
// copies), and the returned table is checked before the engine sees it. Runs on the calling
// thread, which holds the GIL for the whole run.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>

#include "core/router.hpp"
#include "routers/router_config.hpp"

namespace routelab::python {

namespace py = pybind11;

// What route() sees: the request, valid only during the call (the arrays it hands out are views).
struct BatchView {
  const RoutingRequest* request = nullptr;
  std::string router;
  std::uint64_t replication = 0;
  const RoutingRequest& checked() const;  // throws RuntimeError once the call has returned
};

class PythonRouter : public Router {
 public:
  // `object` is borrowed: the caller keeps it alive for the router's lifetime. Calls the object's
  // optional setup(config) with this run's seed, experts, k and replication.
  PythonRouter(PyObject* object, const RouterConfig& config, std::uint64_t replication);
  void route(const RoutingRequest& request, std::span<ExpertId> out) override;
  void observe(std::span<const std::int64_t> expert_load) override;
  int max_depth(int k, int num_experts) const override;

 private:
  py::handle object_;
  std::string name_;
  std::uint64_t replication_;
  int max_depth_ = 0;  // from the object's max_depth(k, experts), 0 when it has none
};

// The name a Python router runs under: its `name` attribute, else its class name.
std::string python_router_name(const py::handle& object);

void bind_batch(py::module_& module);

}  // namespace routelab::python
