// format/line_diff.h — a unified diff of two texts, line by line, for `rolec fmt --diff`.
//
// The edit script is a shortest one (Myers' O(ND) algorithm, "An O(ND) Difference Algorithm and
// Its Variations", 1986) as long as the two texts differ in at most kMaxDiffEdits lines; beyond
// that the changed middle (between the common first and last lines) is shown as removed and added
// whole, which is still a correct diff. Hunks have three lines of context, in the `diff -u` /
// `git diff` shape:
//
//   --- a/x.role
//   +++ b/x.role
//   @@ -3,7 +3,7 @@
//    context
//   -old
//   +new
//
// A text whose last line has no newline gets the `\ No newline at end of file` marker.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rolec::format {

inline constexpr size_t kMaxDiffEdits = 2000;

// "" if the texts are equal.
std::string UnifiedDiff(std::string_view before, std::string_view after, std::string_view before_label,
                        std::string_view after_label, size_t context = 3);

}  // namespace rolec::format
