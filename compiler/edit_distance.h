// compiler/edit_distance.h — Levenshtein distance for "did you mean" suggestions (catalog actions,
// role names, set names).
#pragma once

#include <cstddef>
#include <string_view>

namespace rolec::compiler {

// The edit distance of `a` and `b` (byte-wise, case-sensitive: callers lower-case first), or
// `bound + 1` as soon as it is certain to exceed `bound` (each row's minimum only grows).
size_t EditDistance(std::string_view a, std::string_view b, size_t bound);

}  // namespace rolec::compiler
