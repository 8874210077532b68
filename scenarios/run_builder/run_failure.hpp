#pragma once
// A run that could not be built or did not finish: which one, and why. A comparison reports its
// failed runs beside the finished ones, so one router that cannot run never hides the others.
#include <cstdint>
#include <exception>
#include <string>

#include "scenarios/run_builder/run_key.hpp"

namespace routelab {

struct RunFailure {
  std::string router;
  std::uint64_t replication = 0;
  int layer = 0;
  std::string message;
  bool bad_input = false;  // a configuration, name or file error (exit code 2), not an internal one
};

// The failure of run `key`, from the exception it threw (call inside a catch block or with a
// captured exception_ptr).
RunFailure describe_failure(const RunKey& key, const std::exception_ptr& error);

}  // namespace routelab
