#include "core/closest_match.hpp"

#include <algorithm>

namespace routelab {

std::string closest_match(std::string_view word, const std::vector<std::string>& choices) {
  std::string best;
  // A suggestion more than a third of the word away is noise, not help.
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& choice : choices) {
    std::vector<std::size_t> row(choice.size() + 1);
    for (std::size_t j = 0; j <= choice.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= choice.size(); ++j) {
        const std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (word[i - 1] == choice[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    if (row[choice.size()] < best_distance) {
      best_distance = row[choice.size()];
      best = choice;
    }
  }
  return best;
}

}  // namespace routelab
