#pragma once
// The phase router's typed input error: names the offending argument (e.g. "S", "t[17]", "k") so the
// CLI can print it and the Python module can raise ValueError with the same text.
#include <string>

#include "core/errors.hpp"

namespace routelab::phase {

class PhaseArgumentError : public ConfigError {
 public:
  PhaseArgumentError(std::string argument, const std::string& what) : ConfigError(std::move(argument), what) {}
  const std::string& argument() const { return field(); }
};

}  // namespace routelab::phase
