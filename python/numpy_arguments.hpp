#pragma once
// Reading numpy arguments without silent conversion: a wrong type is a TypeError, a wrong shape or
// value a ValueError, each naming the argument. Matrices are used in place (no copy); degree
// vectors of any integer dtype are read exactly.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "routers/phase/phase_dense_input.hpp"

namespace routelab::python {

namespace py = pybind11;

inline py::array require_ndarray(const py::handle& object, const char* name) {
  if (!py::isinstance<py::array>(object))
    throw py::type_error(std::string(name) + ": expected a numpy.ndarray, got " +
                         std::string(py::str(py::type::of(object).attr("__name__"))));
  return py::reinterpret_borrow<py::array>(object);
}

inline std::string dtype_name(const py::array& array) { return py::str(array.dtype()); }

inline std::string shape_text(const py::array& array) {
  std::string text = "(";
  for (py::ssize_t d = 0; d < array.ndim(); ++d)
    text += (d > 0 ? ", " : "") + std::to_string(array.shape(d));
  return text + (array.ndim() == 1 ? ",)" : ")");
}

// A 2-D uint8 or bool array with at least one row and one column, whose rows are contiguous.
inline phase::BinaryMatrixView binary_matrix(const py::handle& object, const char* name) {
  const py::array array = require_ndarray(object, name);
  const char kind = array.dtype().kind();
  if (!((kind == 'u' && array.itemsize() == 1) || kind == 'b'))
    throw py::type_error(std::string(name) + ": expected dtype uint8 or bool (0/1 entries), got " + dtype_name(array));
  if (array.ndim() != 2)
    throw py::value_error(std::string(name) + ": expected a 2-D matrix, got " + std::to_string(array.ndim()) + " dimensions");
  if (array.shape(0) == 0 || array.shape(1) == 0)
    throw py::value_error(std::string(name) + ": expected at least one row and one column, got an empty matrix of shape " +
                          shape_text(array));
  if (array.shape(1) > 1 && array.strides(1) != 1)
    throw py::value_error(std::string(name) + ": rows must be contiguous (strides[1] == 1); use numpy.ascontiguousarray");
  if (array.shape(0) > 1 && array.strides(0) < array.shape(1))
    throw py::value_error(std::string(name) + ": rows must not overlap or run backwards (strides[0] >= number of columns)");
  return phase::BinaryMatrixView{static_cast<const std::uint8_t*>(array.data()), array.shape(0), array.shape(1),
                                 array.shape(0) > 1 ? array.strides(0) : array.shape(1)};
}

template <typename T>
void append_values(const py::array& array, std::vector<std::int64_t>& out, const char* name) {
  const auto view = array.unchecked<T, 1>();
  for (py::ssize_t i = 0; i < view.shape(0); ++i) {
    const T value = view(i);
    if constexpr (std::is_unsigned_v<T> && sizeof(T) == 8) {
      if (value > static_cast<T>(std::numeric_limits<std::int64_t>::max()))
        throw py::value_error(std::string(name) + "[" + std::to_string(i) + "]: " + std::to_string(value) + " is out of range");
    }
    out.push_back(static_cast<std::int64_t>(value));
  }
}

// A 1-D array of any integer dtype and either byte order, read exactly into int64 (an array in
// the other byte order is converted first, by numpy, value for value).
inline std::vector<std::int64_t> integer_vector(const py::handle& object, const char* name) {
  py::array array = require_ndarray(object, name);
  const char kind = array.dtype().kind();
  if (kind != 'i' && kind != 'u')
    throw py::type_error(std::string(name) + ": expected an integer dtype, got " + dtype_name(array));
  if (array.ndim() != 1)
    throw py::value_error(std::string(name) + ": expected a 1-D array, got " + std::to_string(array.ndim()) + " dimensions");
  const char order = array.dtype().byteorder();  // '=' native, '|' not applicable, '<' or '>'
  const char native = std::endian::native == std::endian::little ? '<' : '>';
  if (order != '=' && order != '|' && order != native)
    array = array.attr("astype")(array.dtype().attr("newbyteorder")("="));
  std::vector<std::int64_t> values;
  values.reserve(static_cast<std::size_t>(array.shape(0)));
  const auto size = array.itemsize();
  if (kind == 'i') {
    if (size == 1) append_values<std::int8_t>(array, values, name);
    if (size == 2) append_values<std::int16_t>(array, values, name);
    if (size == 4) append_values<std::int32_t>(array, values, name);
    if (size == 8) append_values<std::int64_t>(array, values, name);
  } else {
    if (size == 1) append_values<std::uint8_t>(array, values, name);
    if (size == 2) append_values<std::uint16_t>(array, values, name);
    if (size == 4) append_values<std::uint32_t>(array, values, name);
    if (size == 8) append_values<std::uint64_t>(array, values, name);
  }
  return values;
}

// A 1-D integer array of int32 values (e.g. ring positions); an entry outside int32 is a
// ValueError quoting that entry as given.
inline std::vector<std::int32_t> int32_vector(const py::handle& object, const char* name) {
  const std::vector<std::int64_t> wide = integer_vector(object, name);
  std::vector<std::int32_t> values(wide.size());
  for (std::size_t i = 0; i < wide.size(); ++i) {
    if (wide[i] < std::numeric_limits<std::int32_t>::min() || wide[i] > std::numeric_limits<std::int32_t>::max())
      throw py::value_error(std::string(name) + "[" + std::to_string(i) + "]: " + std::to_string(wide[i]) +
                            " is out of range (expected a ring position)");
    values[i] = static_cast<std::int32_t>(wide[i]);
  }
  return values;
}

// The caller's route table: exactly int32, shape (rows, k), C-contiguous and writeable (the
// published code silently dropped output written to an array of another type).
inline std::span<std::int32_t> route_table(const py::handle& object, std::int64_t rows, std::int64_t k, const char* name) {
  py::array array = require_ndarray(object, name);
  if (!array.dtype().is(py::dtype::of<std::int32_t>()))
    throw py::type_error(std::string(name) + ": expected dtype int32, got " + dtype_name(array));
  if (array.ndim() != 2 || array.shape(0) != rows || array.shape(1) != k)
    throw py::value_error(std::string(name) + ": expected shape (" + std::to_string(rows) + ", " + std::to_string(k) + ")");
  if (!(array.flags() & py::array::c_style))
    throw py::value_error(std::string(name) + ": expected a C-contiguous array");
  if (!array.writeable()) throw py::value_error(std::string(name) + ": the array is read-only");
  return {static_cast<std::int32_t*>(array.mutable_data()), static_cast<std::size_t>(rows * k)};
}

template <typename T>
py::array_t<T> to_numpy(const std::vector<T>& values) {
  py::array_t<T> array(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), array.mutable_data());
  return array;
}

}  // namespace routelab::python
