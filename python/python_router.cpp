#include "python/python_router.hpp"

#include <pybind11/stl.h>

#include <algorithm>
#include <vector>

#include "python/python_errors.hpp"

namespace routelab::python {

namespace {

// A read-only numpy view of `count` x `columns` values at `data` (rows `row_stride` bytes apart)
// that keeps `owner` (the Batch) alive. Nothing is copied.
template <typename T>
py::array view(const py::object& owner, const T* data, std::size_t count, std::size_t columns, std::size_t row_stride) {
  static const T empty{};
  if (count == 0 || data == nullptr) data = &empty;
  py::array array;
  if (columns == 0) {
    array = py::array_t<T>({static_cast<py::ssize_t>(count)}, {static_cast<py::ssize_t>(row_stride)}, data, owner);
  } else {
    array = py::array_t<T>({static_cast<py::ssize_t>(count), static_cast<py::ssize_t>(columns)},
                           {static_cast<py::ssize_t>(row_stride), static_cast<py::ssize_t>(sizeof(T))}, data, owner);
  }
  array.attr("setflags")(py::arg("write") = false);
  return array;
}

const BatchView& batch_of(const py::object& self) { return self.cast<const BatchView&>(); }

std::string describe_batch(const RoutingRequest& request) {
  return "batch " + std::to_string(request.batch.index) + " (tick " + std::to_string(request.batch.tick) + ", " +
         std::to_string(request.batch.tokens.size()) + " tokens)";
}

std::string shape_of(const py::array& array) {
  std::string text = "(";
  for (py::ssize_t d = 0; d < array.ndim(); ++d) text += (d > 0 ? ", " : "") + std::to_string(array.shape(d));
  return text + (array.ndim() == 1 ? ",)" : ")");
}

}  // namespace

const RoutingRequest& BatchView::checked() const {
  if (!request) throw py::value_error("this Batch is no longer valid: its arrays are views valid only during route()");
  return *request;
}

std::string python_router_name(const py::handle& object) {
  if (py::hasattr(object, "name")) {
    const py::object name = object.attr("name");
    if (!name.is_none()) {
      if (!py::isinstance<py::str>(name)) throw py::type_error("a Python router's `name` must be a str");
      return name.cast<std::string>();
    }
  }
  return py::str(py::type::of(object).attr("__name__")).cast<std::string>();
}

PythonRouter::PythonRouter(PyObject* object, const RouterConfig& config, std::uint64_t replication)
    : object_(object), name_(config.name), replication_(replication) {
  if (py::hasattr(object_, "setup")) {
    const py::module_ types = py::module_::import("types");
    object_.attr("setup")(types.attr("SimpleNamespace")(
        py::arg("name") = config.name, py::arg("seed") = config.seed, py::arg("num_experts") = config.num_experts,
        py::arg("k") = config.k, py::arg("capacity_factor") = config.capacity_factor,
        py::arg("replication") = replication, py::arg("params") = config.params.values()));
  }
  if (py::hasattr(object_, "max_depth")) {
    const py::object depth = object_.attr("max_depth")(config.k, config.num_experts);
    if (!py::isinstance<py::int_>(depth))
      throw py::type_error("router '" + name_ + "': max_depth(k, num_experts) must return an int");
    max_depth_ = depth.cast<int>();
  }
}

int PythonRouter::max_depth(int k, int num_experts) const {
  (void)num_experts;
  return max_depth_ > 0 ? max_depth_ : k;
}

void PythonRouter::observe(std::span<const std::int64_t> expert_load) {
  if (!py::hasattr(object_, "observe")) return;
  const py::array_t<std::int64_t> loads(static_cast<py::ssize_t>(expert_load.size()), expert_load.data());  // a copy
  object_.attr("observe")(loads);
}

void PythonRouter::route(const RoutingRequest& request, std::span<ExpertId> out) {
  const std::string where = "router '" + name_ + "' (replication " + std::to_string(replication_) + "), " +
                            describe_batch(request);
  py::object batch = py::cast(BatchView{&request, name_, replication_});
  py::object returned;
  try {
    returned = object_.attr("route")(batch);
  } catch (py::error_already_set& error) {
    batch.cast<BatchView&>().request = nullptr;
    const std::string message = where + ": route() raised " +
                                py::str(error.type().attr("__name__")).cast<std::string>() + ": " +
                                py::str(error.value()).cast<std::string>();
    py::raise_from(error, router_error_type(), message.c_str());
    throw py::error_already_set();
  }
  batch.cast<BatchView&>().request = nullptr;  // the views must not be used after the call

  const std::size_t tokens = request.batch.tokens.size();
  const int experts = request.num_experts;
  const std::string expected = "expected a numpy.ndarray of shape (" + std::to_string(tokens) + ", " +
                               std::to_string(request.k) + ") and dtype int32 (expert ids, -1 padded)";
  if (!py::isinstance<py::array>(returned))
    throw py::type_error(where + ": route() returned " +
                         py::str(py::type::of(returned).attr("__name__")).cast<std::string>() + "; " + expected);
  const auto table = py::reinterpret_borrow<py::array>(returned);
  if (table.dtype().kind() != 'i')
    throw py::type_error(where + ": route() returned dtype " + py::str(table.dtype()).cast<std::string>() + "; " + expected);
  if (table.ndim() != 2 || static_cast<std::size_t>(table.shape(0)) != tokens ||
      (table.shape(1) != request.k && table.shape(1) != request.depth))
    throw py::value_error(where + ": route() returned shape " + shape_of(table) + "; " + expected +
                          (request.depth > request.k ? " or (" + std::to_string(tokens) + ", " +
                                                           std::to_string(request.depth) + ") with fallbacks"
                                                     : ""));
  const auto values = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(table);
  const auto columns = static_cast<std::size_t>(table.shape(1));
  const std::int64_t* data = values.data();
  std::vector<std::int64_t> row;
  for (std::size_t i = 0; i < tokens; ++i) {
    row.clear();
    for (std::size_t c = 0; c < columns; ++c) {
      const std::int64_t id = data[i * columns + c];
      if (id < -1 || id >= experts)
        throw py::value_error(where + ": route() returned expert id " + std::to_string(id) + " for token " +
                              std::to_string(i) + " (column " + std::to_string(c) + "); valid: -1 (none) or 0.." +
                              std::to_string(experts - 1));
      if (id == -1) continue;
      if (std::find(row.begin(), row.end(), id) != row.end())
        throw py::value_error(where + ": route() returned expert " + std::to_string(id) + " twice for token " +
                              std::to_string(i) + "; a token's experts must be distinct");
      row.push_back(id);
    }
    for (std::size_t c = 0; c < columns; ++c)
      out[i * static_cast<std::size_t>(request.depth) + c] = static_cast<ExpertId>(data[i * columns + c]);
  }
}

void bind_batch(py::module_& module) {
  py::class_<BatchView>(module, "Batch",
                        "One batch as a Python router sees it. The arrays are read-only views of the engine's "
                        "buffers, valid only during route(): copy what you keep.")
      .def("__len__", [](const BatchView& b) { return b.checked().batch.tokens.size(); })
      .def_property_readonly("index", [](const BatchView& b) { return b.checked().batch.index; })
      .def_property_readonly("tick", [](const BatchView& b) { return b.checked().batch.tick; })
      .def_property_readonly("k", [](const BatchView& b) { return b.checked().k; })
      .def_property_readonly("depth", [](const BatchView& b) { return b.checked().depth; })
      .def_property_readonly("num_experts", [](const BatchView& b) { return b.checked().num_experts; })
      .def_property_readonly("router", [](const BatchView& b) { return b.router; })
      .def_property_readonly("replication", [](const BatchView& b) { return b.replication; })
      .def_property_readonly("keys", [](const py::object& self) {
        const auto& t = batch_of(self).checked().batch.tokens;
        return view<std::uint64_t>(self, t.empty() ? nullptr : &t.front().key, t.size(), 0, sizeof(Token));
      }, "token keys (vocabulary ids), uint64")
      .def_property_readonly("token_ids", [](const py::object& self) {
        const auto& t = batch_of(self).checked().batch.tokens;
        return view<std::uint64_t>(self, t.empty() ? nullptr : &t.front().id, t.size(), 0, sizeof(Token));
      }, "token ids (position in the stream), uint64")
      .def_property_readonly("arrivals", [](const py::object& self) {
        const auto& t = batch_of(self).checked().batch.tokens;
        return view<std::int64_t>(self, t.empty() ? nullptr : &t.front().arrival, t.size(), 0, sizeof(Token));
      }, "arrival tick of each token, int64")
      .def_property_readonly("classes", [](const py::object& self) {
        const auto& t = batch_of(self).checked().batch.tokens;
        return view<std::int32_t>(self, t.empty() ? nullptr : &t.front().token_class, t.size(), 0, sizeof(Token));
      }, "semantic class of each token (-1 when the workload has none), int32")
      .def_property_readonly("embeddings", [](const py::object& self) {
        const TokenBatch& b = batch_of(self).checked().batch;
        const auto dim = static_cast<std::size_t>(b.embedding_dim);
        return view<float>(self, b.embeddings.data(), dim == 0 ? b.tokens.size() : b.tokens.size(), dim,
                           dim * sizeof(float));
      }, "tokens x dim float32 embeddings (tokens x 0 when the workload has none)")
      .def_property_readonly("degrees", [](const py::object& self) -> py::array {
        const TokenBatch& b = batch_of(self).checked().batch;
        if (b.row_degrees.empty()) {  // every token at the default: a new array, nothing to view
          py::array_t<std::int32_t> all(static_cast<py::ssize_t>(b.tokens.size()));
          std::fill_n(all.mutable_data(), b.tokens.size(), kAllExperts);
          return all;
        }
        return view<std::int32_t>(self, b.row_degrees.data(), b.row_degrees.size(), 0, sizeof(std::int32_t));
      }, "row degree of each token (-1: every expert eligible), int32")
      .def_property_readonly("recorded_experts", [](const py::object& self) {
        const TokenBatch& b = batch_of(self).checked().batch;
        const auto k = static_cast<std::size_t>(b.recorded_k);
        return view<ExpertId>(self, b.recorded_experts.data(), b.recorded_experts.empty() ? 0 : b.tokens.size(), k,
                              k * sizeof(ExpertId));
      }, "tokens x recorded_k experts a trace recorded (-1 padded); empty when none")
      .def_property_readonly("loads", [](const py::object& self) {
        const RoutingRequest& r = batch_of(self).checked();
        return view<std::int64_t>(self, r.expert_load.data(), r.expert_load.size(), 0, sizeof(std::int64_t));
      }, "outstanding assignments per expert (queued + in service), int64")
      .def_property_readonly("capacities", [](const py::object& self) {
        const RoutingRequest& r = batch_of(self).checked();
        return view<std::int32_t>(self, r.expert_capacity.data(), r.expert_capacity.size(), 0, sizeof(std::int32_t));
      }, "this batch's capacity per expert, int32")
      .def("__repr__", [](const BatchView& b) {
        if (!b.request) return std::string("<routelab.Batch (expired)>");
        return "<routelab.Batch " + describe_batch(*b.request) + ", k=" + std::to_string(b.request->k) + ">";
      });
}

}  // namespace routelab::python
