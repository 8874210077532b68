#pragma once
// GoogleTest parameter names for scenario-parameterized suites: a scenario name with its dashes
// turned into underscores (GoogleTest allows only alphanumerics and '_').
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace routelab::testing {

inline std::string scenario_test_name(const ::testing::TestParamInfo<std::string>& param) {
  std::string name = param.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

}  // namespace routelab::testing
