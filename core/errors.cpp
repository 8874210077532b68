#include "core/errors.hpp"

namespace routelab {

namespace {
std::string list_choices(const std::vector<std::string>& valid) {
  std::string joined;
  for (const auto& name : valid) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}
}  // namespace

UnknownNameError::UnknownNameError(const std::string& kind, const std::string& name,
                                   std::vector<std::string> valid)
    : Error("unknown " + kind + " '" + name + "'; valid choices: " + list_choices(valid)),
      valid_(std::move(valid)) {}

}  // namespace routelab
