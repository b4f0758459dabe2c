// grammar/edit_distance.h — Levenshtein distance for "did you mean" suggestions: misspelt keywords
// (grammar/), catalog actions, role names and set names (compiler/). It lives in grammar/, the lowest
// layer, so that both use this one implementation (data flows grammar -> compiler -> runtime).
#pragma once

#include <cstddef>
#include <string_view>

namespace rolec::grammar {

// The edit distance of `a` and `b` (byte-wise, case-sensitive: callers lower-case first), or
// `bound + 1` as soon as it is certain to exceed `bound` (each row's minimum only grows).
size_t EditDistance(std::string_view a, std::string_view b, size_t bound);

}  // namespace rolec::grammar
