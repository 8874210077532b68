#pragma once
// The exception classes of the `routelab` Python module and the translation of the core's typed
// errors into them (message kept as the library wrote it):
//   routelab.Error (RuntimeError)            any routelab error
//   routelab.ConfigError (Error, ValueError) a bad scenario value or key, a bad override
//   routelab.UnknownNameError (Error, LookupError)  an unknown router or scenario name
//   routelab.IoError (Error, OSError)        a file that cannot be read or written
//   routelab.RouterError (Error)             a router broke its contract; a Python router's own
//                                            exception is its __cause__
#include <pybind11/pybind11.h>

namespace routelab::python {

PyObject* router_error_type();  // valid once register_errors has run

void register_errors(pybind11::module_& module);

}  // namespace routelab::python
