#include "gui/data/channels.hpp"

namespace routelab::gui {

std::string_view channel_key(ExpertChannel channel) {
  switch (channel) {
    case ExpertChannel::load: return "load";
    case ExpertChannel::drops: return "drops";
    case ExpertChannel::queue: return "queue";
    case ExpertChannel::utilization: return "utilization";
  }
  return "load";
}

std::string_view channel_title(ExpertChannel channel) {
  switch (channel) {
    case ExpertChannel::load: return "Load (assignments per window)";
    case ExpertChannel::drops: return "Drops per window";
    case ExpertChannel::queue: return "Peak queue length";
    case ExpertChannel::utilization: return "Utilization";
  }
  return "";
}

std::string_view scalar_key(WindowScalar scalar) {
  switch (scalar) {
    case WindowScalar::max_load: return "max_load";
    case WindowScalar::mean_load: return "mean_load";
    case WindowScalar::drop_rate: return "drop_rate";
    case WindowScalar::latency_p99: return "latency_p99";
    case WindowScalar::max_queue: return "max_queue";
  }
  return "";
}

std::string_view scalar_title(WindowScalar scalar) {
  switch (scalar) {
    case WindowScalar::max_load: return "max load";
    case WindowScalar::mean_load: return "mean load";
    case WindowScalar::drop_rate: return "drop rate";
    case WindowScalar::latency_p99: return "latency p99";
    case WindowScalar::max_queue: return "max queue";
  }
  return "";
}

bool parse_channel_key(std::string_view key, ExpertChannel& channel) {
  for (const ExpertChannel candidate : kAllChannels) {
    if (channel_key(candidate) == key) {
      channel = candidate;
      return true;
    }
  }
  return false;
}

}  // namespace routelab::gui
