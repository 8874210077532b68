#include "cli/phase/phase_inputs.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/rng_streams.hpp"
#include "scenarios/adversaries/degree_patterns.hpp"

namespace routelab::cli {

namespace {

constexpr const char* kOption = "--degrees";

std::int64_t parse_integer(std::string_view text, const std::string& spec) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    throw ConfigError(kOption, "expected uniform:LO..HI with integers LO <= HI, got '" + spec + "'");
  return value;
}

std::vector<std::int64_t> uniform(std::int64_t count, std::int64_t low, std::int64_t high, std::uint64_t seed,
                                  const char* stream) {
  RngEngine rng = make_stream(seed, 0, stream);
  boost::random::uniform_int_distribution<std::int64_t> draw(low, high);
  std::vector<std::int64_t> degrees(static_cast<std::size_t>(count));
  for (auto& d : degrees) d = draw(rng);
  return degrees;
}

std::vector<std::int64_t> read_field(const nlohmann::json& document, const char* field, std::int64_t expected,
                                     std::int64_t ring, const std::string& path) {
  const std::string where = "file '" + path + "', field '" + field + "'";
  if (!document.contains(field) || !document[field].is_array())
    throw ConfigError(kOption, where + ": expected an array of " + std::to_string(expected) + " integers");
  const auto& array = document[field];
  if (static_cast<std::int64_t>(array.size()) != expected)
    throw ConfigError(kOption, where + ": expected " + std::to_string(expected) + " entries, got " +
                                   std::to_string(array.size()));
  std::vector<std::int64_t> values;
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_number_integer())
      throw ConfigError(kOption, where + "[" + std::to_string(i) + "]: expected an integer, got " + array[i].dump());
    values.push_back(array[i].get<std::int64_t>());
    if (values.back() < 0 || values.back() > ring)
      throw ConfigError(kOption, where + "[" + std::to_string(i) + "]: expected a degree in 0.." + std::to_string(ring) +
                                     " (the other side's count), got " + std::to_string(values.back()));
  }
  return values;
}

PhaseDegrees read_file(const std::string& path, std::int64_t rows, std::int64_t cols) {
  std::ifstream file(path);
  if (!file) throw IoError("cannot read degree file '" + path + "'");
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(file);
  } catch (const nlohmann::json::parse_error& error) {
    throw ConfigError(kOption, "file '" + path + "': not valid JSON (" + error.what() + ")");
  }
  if (!document.is_object()) throw ConfigError(kOption, "file '" + path + "': expected an object {\"s\": [...], \"t\": [...]}");
  return PhaseDegrees{read_field(document, "s", rows, cols, path), read_field(document, "t", cols, rows, path)};
}

// pattern:NAME[:MAX[:PERIOD]]: s from degree_patterns.hpp over the E ring (MAX default E), t as
// uniform:1..MAX would draw it.
PhaseDegrees pattern_degrees(const std::string& spec, std::int64_t rows, std::int64_t cols, std::uint64_t seed) {
  std::vector<std::string> parts;
  for (std::size_t start = 8;;) {
    const auto colon = spec.find(':', start);
    parts.push_back(spec.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (parts.size() > 3) throw ConfigError(kOption, "expected pattern:NAME[:MAX[:PERIOD]], got '" + spec + "'");
  DegreePatternSpec pattern;
  try {
    pattern.pattern = parse_degree_pattern(parts[0]);
  } catch (const ConfigError& error) {
    throw ConfigError(kOption, std::string(error.what()).substr(error.field().size() + 2));
  }
  auto number = [&](std::size_t i, const char* what) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(parts[i].data(), parts[i].data() + parts[i].size(), value);
    if (error != std::errc() || end != parts[i].data() + parts[i].size() || value < 1)
      throw ConfigError(kOption, std::string("expected a positive integer ") + what + " in '" + spec + "'");
    return value;
  };
  const std::int64_t max = parts.size() > 1 ? number(1, "MAX") : cols;
  if (max > std::min(rows, cols))
    throw ConfigError(kOption, "MAX = " + std::to_string(max) + " exceeds a ring size: S degrees must be <= E = " +
                                   std::to_string(cols) + " and T degrees <= B = " + std::to_string(rows));
  if (pattern.pattern == DegreePattern::periodic && parts.size() < 3)
    throw ConfigError(kOption, "pattern:periodic needs a period: pattern:periodic:MAX:PERIOD, got '" + spec + "'");
  if (pattern.pattern != DegreePattern::periodic && parts.size() > 2)
    throw ConfigError(kOption, "only pattern:periodic takes a PERIOD, got '" + spec + "'");
  pattern.rows = static_cast<int>(rows);
  pattern.ring_size = static_cast<int>(cols);
  pattern.max_degree = static_cast<int>(max);
  pattern.period = parts.size() > 2 ? static_cast<int>(number(2, "PERIOD")) : 0;
  RngEngine rng = make_stream(seed, 0, "phase-degrees-s");
  std::vector<int> s;
  try {
    s = make_degree_pattern(pattern, rng);
  } catch (const ConfigError& error) {
    throw ConfigError(kOption, error.what());  // names the part: "period: expected a divisor ..."
  }
  return PhaseDegrees{std::vector<std::int64_t>(s.begin(), s.end()), uniform(cols, 1, max, seed, "phase-degrees-t")};
}

}  // namespace

PhaseDegrees make_phase_degrees(const std::string& spec, std::int64_t rows, std::int64_t cols, std::uint64_t seed) {
  if (spec == "full")
    return PhaseDegrees{std::vector<std::int64_t>(static_cast<std::size_t>(rows), cols),
                        std::vector<std::int64_t>(static_cast<std::size_t>(cols), rows)};
  if (spec.rfind("file:", 0) == 0) return read_file(spec.substr(5), rows, cols);
  if (spec.rfind("uniform:", 0) == 0) {
    const std::string range = spec.substr(8);
    const auto dots = range.find("..");
    if (dots == std::string::npos) throw ConfigError(kOption, "expected uniform:LO..HI, got '" + spec + "'");
    const std::int64_t low = parse_integer(std::string_view(range).substr(0, dots), spec);
    const std::int64_t high = parse_integer(std::string_view(range).substr(dots + 2), spec);
    if (low < 0 || low > high) throw ConfigError(kOption, "expected 0 <= LO <= HI, got '" + spec + "'");
    if (high > std::min(rows, cols))
      throw ConfigError(kOption, "HI = " + std::to_string(high) + " exceeds a ring size: S degrees must be <= E = " +
                                     std::to_string(cols) + " and T degrees <= B = " + std::to_string(rows));
    return PhaseDegrees{uniform(rows, low, high, seed, "phase-degrees-s"), uniform(cols, low, high, seed, "phase-degrees-t")};
  }
  if (spec.rfind("pattern:", 0) == 0) return pattern_degrees(spec, rows, cols, seed);
  throw ConfigError(kOption, "expected full, uniform:LO..HI, pattern:NAME[:MAX[:PERIOD]] or file:PATH, got '" + spec + "'");
}

}  // namespace routelab::cli
