// Issue 16 item 5: inputs that overflowed the kernel's tick arithmetic are rejected by
// SimulationConfig::validate, naming the key; a far service-time tail is cut at the same bound.
#include <gtest/gtest.h>

#include <limits>

#include "core/errors.hpp"
#include "engine/simulation_config.hpp"
#include "engine/tick_limits.hpp"

namespace routelab {
namespace {

std::string field_of(const SimulationConfig& config) {
  try {
    config.validate();
  } catch (const ConfigError& error) {
    return error.field();
  }
  return "valid";
}

SimulationConfig four_experts() {
  SimulationConfig config;
  config.num_experts = 4;
  config.k = 1;
  return config;
}

TEST(TickLimits, TinySpeedIsAnErrorNotAnOverflow) {
  SimulationConfig config = four_experts();
  config.expert_speed = {1e-300, 1, 1, 1};
  EXPECT_EQ(field_of(config), "experts.speed");
  try {  // the service time in short scientific form, not the 301 digits of std::to_string
    config.validate();
  } catch (const ConfigError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("a mean service time of 1e+30"), std::string::npos) << message;
    EXPECT_LT(message.size(), 250u) << message;
  }
  config.expert_speed = {1e-6, 1, 1, 1};  // a million times slower still fits
  EXPECT_EQ(field_of(config), "valid");
}

TEST(TickLimits, HugeServiceTimesAndWindowsAreErrors) {
  SimulationConfig config = four_experts();
  config.service.mean_ticks = 1e15;
  EXPECT_EQ(field_of(config), "experts.service.mean_ticks");
  config = four_experts();
  config.window_ticks = std::numeric_limits<Tick>::max();
  EXPECT_EQ(field_of(config), "metrics.window_ticks");
  config.window_ticks = kMaxTick;
  EXPECT_EQ(field_of(config), "valid");
  config.stop_tick = std::numeric_limits<Tick>::max();
  EXPECT_EQ(field_of(config), "length.ticks");
}

TEST(TickLimits, ServiceSamplesStayBelowTheBound) {
  ServiceModel model{ServiceDistribution::lognormal, 1e12, 1e6};  // an absurd tail
  RngEngine rng(7);
  for (int i = 0; i < 10000; ++i) {
    const Tick t = model.sample(rng, 1e-3);
    ASSERT_GE(t, 0);
    ASSERT_LE(t, kMaxServiceTicks);
  }
}

}  // namespace
}  // namespace routelab
