// runtime/action_pattern.h — matching action patterns against actions (DESIGN.md §2).
//
// An action is <namespace>/<entity>/<property path>/<verb>: 3 to 7 '/'-separated segments, the
// property path being the zero or more segments between entity and verb. In a pattern:
//   - the namespace (segment 1) matches only itself;
//   - `allEntities` as the entity matches any entity; any other entity E matches E and its dotted
//     subtypes (E.x, E.x.y): `groups` covers `groups.security`, not the reverse;
//   - `allProperties` as the last segment of the property path matches any continuation of the
//     fixed property segments before it, including none (`users/allProperties/read` covers every
//     read of users); any other property path matches only the same segments (`standard`,
//     `basic` and named property sets match only themselves);
//   - `allTasks` as the verb matches any verb.
// Keywords are valid only in those positions. Comparison is ASCII case-insensitive everywhere
// (Entra treats resource actions case-insensitively); the catalog keeps the canonical spelling.
// A query action must be concrete: no keyword in any segment.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rolec::runtime {

inline constexpr int kMinActionSegments = 3;
inline constexpr int kMaxActionSegments = 7;

// "" if `pattern` is a well-formed pattern, else a one-line reason ("keyword 'allTasks' is only
// valid as the last segment", "an action has 3 to 7 segments, this has 2", ...).
std::string PatternError(std::string_view pattern);
// "" if `action` is a well-formed concrete action (a pattern without keywords), else a reason.
std::string ActionError(std::string_view action);
// True if `action` is a well-formed concrete action: ActionError(action).empty(), without
// allocating (the evaluator's hot path uses it).
bool IsWellFormedAction(std::string_view action) noexcept;
// True if the pattern contains no keyword.
bool IsConcrete(std::string_view pattern);
// True if the action's verb (its last segment) is `read`, ASCII case-insensitively: a read does not
// modify its target (the restricted administrative unit rule, DESIGN.md §2).
bool IsReadAction(std::string_view action) noexcept;
// True if the well-formed pattern covers the well-formed concrete action. Allocation-free.
bool PatternMatches(std::string_view pattern, std::string_view action) noexcept;

// An action cut into its '/'-separated segments once, to match it against many patterns (the
// evaluator's slow path). Views into the action's text; `count` is the true number of segments,
// of which at most kMaxActionSegments are kept.
struct ActionSegments {
  std::string_view part[kMaxActionSegments];
  size_t count = 0;
};
ActionSegments SplitAction(std::string_view action) noexcept;
// PatternMatches(pattern, action) for an action split by SplitAction.
bool PatternMatches(std::string_view pattern, const ActionSegments& action) noexcept;

// ASCII case-insensitive equality and hashing, shared by every table keyed by names.
bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept;
uint64_t HashIgnoreCase(std::string_view text) noexcept;

}  // namespace rolec::runtime
