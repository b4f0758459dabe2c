// export/graph_condition.h — a rule's `when` clause as one of the conditions Graph knows.
//
// Graph's built-in role definitions use exactly two rolePermissions conditions, and the standard
// library writes them as two predicates (docs/stdlib.md §Conditions); this is that mapping read
// backwards. The condition's source text is compared token by token, so spacing, line breaks,
// comments and enclosing parentheses do not matter; anything else (`and`, `not`, another
// predicate) has no Graph form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rolec::exporter {

inline constexpr std::string_view kResourceIsSelf = "$ResourceIsSelf";
inline constexpr std::string_view kSubjectIsOwner = "$SubjectIsOwner";

// "$ResourceIsSelf" for `target is self`, "$SubjectIsOwner" for `principal owns target`, nullopt
// for any other condition text.
std::optional<std::string> GraphCondition(std::string_view condition_text);

// The condition text as tokens joined by single spaces, comments dropped (for messages and tests).
std::string NormalizedCondition(std::string_view condition_text);

}  // namespace rolec::exporter
