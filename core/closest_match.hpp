#pragma once
// "Did you mean": the closest of a list of valid names to a misspelt one, by edit distance.
#include <string>
#include <string_view>
#include <vector>

namespace routelab {

// The closest of `choices` to `word` by edit distance, or "" when none is close.
std::string closest_match(std::string_view word, const std::vector<std::string>& choices);

}  // namespace routelab
