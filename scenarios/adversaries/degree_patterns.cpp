#include "scenarios/adversaries/degree_patterns.hpp"

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <functional>
#include <set>
#include <string>

#include "core/errors.hpp"

namespace routelab {

namespace {

constexpr std::pair<DegreePattern, std::string_view> kNames[] = {
    {DegreePattern::uniform_random, "uniform_random"},
    {DegreePattern::sorted_ascending, "sorted_ascending"},
    {DegreePattern::sorted_descending, "sorted_descending"},
    {DegreePattern::alternating_extremes, "alternating_extremes"},
    {DegreePattern::periodic, "periodic"},
    {DegreePattern::identical_rows, "identical_rows"},
};

std::vector<int> uniform_degrees(int rows, int max_degree, RngEngine& rng) {
  boost::random::uniform_int_distribution<int> draw(1, max_degree);
  std::vector<int> degrees(static_cast<std::size_t>(rows));
  for (int& d : degrees) d = draw(rng);
  return degrees;
}

}  // namespace

DegreePattern parse_degree_pattern(std::string_view name) {
  std::string valid;
  for (const auto& [pattern, text] : kNames) {
    if (text == name) return pattern;
    valid += (valid.empty() ? "" : ", ") + std::string(text);
  }
  throw ConfigError("pattern", "expected one of " + valid + "; got '" + std::string(name) + "'");
}

std::string_view to_string(DegreePattern pattern) {
  for (const auto& [p, text] : kNames)
    if (p == pattern) return text;
  return "?";
}

std::vector<int> make_degree_pattern(const DegreePatternSpec& spec, RngEngine& rng) {
  if (spec.rows < 0) throw ConfigError("rows", "expected a number of rows >= 0");
  if (spec.ring_size < 1) throw ConfigError("ring_size", "expected a ring of at least 1 position");
  if (spec.max_degree < 1 || spec.max_degree > spec.ring_size)
    throw ConfigError("max_degree", "expected 1 <= max_degree <= ring_size (" + std::to_string(spec.ring_size) + ")");
  switch (spec.pattern) {
    case DegreePattern::uniform_random:
      return uniform_degrees(spec.rows, spec.max_degree, rng);
    case DegreePattern::sorted_ascending: {
      auto degrees = uniform_degrees(spec.rows, spec.max_degree, rng);
      std::sort(degrees.begin(), degrees.end());
      return degrees;
    }
    case DegreePattern::sorted_descending: {
      auto degrees = uniform_degrees(spec.rows, spec.max_degree, rng);
      std::sort(degrees.begin(), degrees.end(), std::greater<>());
      return degrees;
    }
    case DegreePattern::alternating_extremes: {
      std::vector<int> degrees(static_cast<std::size_t>(spec.rows));
      for (std::size_t i = 0; i < degrees.size(); ++i) degrees[i] = i % 2 == 0 ? 1 : spec.max_degree;
      return degrees;
    }
    case DegreePattern::periodic: {
      if (spec.period < 1 || spec.ring_size % spec.period != 0)
        throw ConfigError("period", "expected a divisor of the ring size " + std::to_string(spec.ring_size) + ", got " +
                                        std::to_string(spec.period));
      const int degree = spec.ring_size / spec.period;
      if (degree > spec.max_degree)
        throw ConfigError("period", "ring_size / period = " + std::to_string(degree) + " exceeds max_degree " +
                                        std::to_string(spec.max_degree));
      return std::vector<int>(static_cast<std::size_t>(spec.rows), degree);
    }
    case DegreePattern::identical_rows:
      return std::vector<int>(static_cast<std::size_t>(spec.rows), spec.max_degree);
  }
  return {};
}

std::vector<int> phase_offsets(std::span<const int> degrees, int ring_size) {
  std::vector<int> offsets(degrees.size());
  long long sum = 0;
  for (std::size_t i = 0; i < degrees.size(); ++i) {
    offsets[i] = static_cast<int>(sum % ring_size);
    sum += degrees[i];
  }
  return offsets;
}

int distinct_arcs(std::span<const int> degrees, int ring_size) {
  const auto offsets = phase_offsets(degrees, ring_size);
  std::set<std::pair<int, int>> arcs;
  for (std::size_t i = 0; i < degrees.size(); ++i) arcs.emplace(offsets[i], std::min(degrees[i], ring_size));
  return static_cast<int>(arcs.size());
}

}  // namespace routelab
