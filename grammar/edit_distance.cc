// grammar/edit_distance.cc — see edit_distance.h.
#include "grammar/edit_distance.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace rolec::grammar {

// Levenshtein distance with an early exit once every cell of a row exceeds `bound`.
size_t EditDistance(std::string_view a, std::string_view b, size_t bound) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > bound) return bound + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace rolec::grammar
