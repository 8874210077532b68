#include "python/python_errors.hpp"

#include "core/errors.hpp"

namespace py = pybind11;

namespace routelab::python {

namespace {

PyObject* g_error = nullptr;
PyObject* g_config_error = nullptr;
PyObject* g_unknown_name_error = nullptr;
PyObject* g_io_error = nullptr;
PyObject* g_router_error = nullptr;

PyObject* new_error(py::module_& module, const char* name, py::tuple bases) {
  const std::string qualified = std::string("routelab.") + name;
  PyObject* type = PyErr_NewException(qualified.c_str(), bases.ptr(), nullptr);
  if (!type) throw py::error_already_set();
  module.add_object(name, py::handle(type));  // steals nothing: add_object increments
  return type;
}

}  // namespace

PyObject* router_error_type() { return g_router_error; }

void register_errors(py::module_& module) {
  const py::handle base(g_error = new_error(module, "Error", py::make_tuple(py::handle(PyExc_RuntimeError))));
  g_config_error = new_error(module, "ConfigError", py::make_tuple(base, py::handle(PyExc_ValueError)));
  g_unknown_name_error = new_error(module, "UnknownNameError", py::make_tuple(base, py::handle(PyExc_LookupError)));
  g_io_error = new_error(module, "IoError", py::make_tuple(base, py::handle(PyExc_OSError)));
  g_router_error = new_error(module, "RouterError", py::make_tuple(base));
  py::register_exception_translator([](std::exception_ptr pointer) {
    if (!pointer) return;
    try {
      std::rethrow_exception(pointer);
    } catch (const ConfigError& error) {
      PyErr_SetString(g_config_error, error.what());
    } catch (const UnknownNameError& error) {
      PyErr_SetString(g_unknown_name_error, error.what());
    } catch (const IoError& error) {
      PyErr_SetString(g_io_error, error.what());
    } catch (const RouterContractError& error) {
      PyErr_SetString(g_router_error, error.what());
    } catch (const Error& error) {
      PyErr_SetString(g_error, error.what());
    }
  });
}

}  // namespace routelab::python
