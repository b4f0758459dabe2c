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
// A query action may hold keywords: it then asks about every action it denotes (evaluator.h).
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
// True if `pattern` is a well-formed pattern (keywords allowed in their places), without allocating.
bool IsWellFormedPattern(std::string_view pattern) noexcept;
// True if the verb only reads (docs/semantics.md §Reads and modifications): ASCII
// case-insensitively it is `read`, starts with `read` or `get`, or ends with `read` (read,
// limitedRead, restrictedRead, readBasic, getPasswordSingleSignOnCredentials). Every other verb
// modifies; a restricted management administrative unit blocks modifications only.
bool IsReadVerb(std::string_view verb) noexcept;
// IsReadVerb of the action's last segment.
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
// The segment that stands for "a name no catalog holds" in a query's witness: not a valid segment
// character, so no concrete pattern segment and no catalog action can equal it.
inline constexpr std::string_view kWitnessSegment = "*";
// The witness of a keyword query (docs/semantics.md §Keyword queries): the query's segments with
// each keyword replaced by kWitnessSegment. `users/allProperties/read` -> `users/*/read`: an action
// outside any catalog that the query denotes, covered only by a pattern that covers the whole query.
ActionSegments QueryWitness(std::string_view query) noexcept;
// True if the action acts on a kind of object an administrative unit can hold: namespace
// `microsoft.directory`, entity family (before the first dot) `users`, `groups` or `devices`. An
// assignment scoped to an administrative unit reaches only those (admin-units-assign-roles.md).
bool IsAdminUnitMemberAction(const ActionSegments& action) noexcept;
// True if the action is `microsoft.directory/bitlockerKeys/key/read` (any case): reading a
// device's BitLocker recovery key. admin-units-restricted-management.md names it beside password
// resets as what a restricted management unit keeps from tenant-wide admins and gives to the
// unit's own, so it is guarded like a modification and reached through a unit holding the device
// (docs/semantics.md §Administrative units).
bool IsBitLockerKeyRead(const ActionSegments& action) noexcept;

// IsReadVerb of a split action's last segment (false for no segment).
bool IsReadAction(const ActionSegments& action) noexcept;

// PatternMatches(pattern, action) for an action split by SplitAction.
bool PatternMatches(std::string_view pattern, const ActionSegments& action) noexcept;

// One pattern matched against many actions (a keyword query against the whole catalog, in the
// evaluator and in Policy::PatternActions): the pattern's namespace and entity are found once,
// and an action whose first segments cannot match is rejected by comparing a few bytes, without
// splitting it. Matches(action) == PatternMatches(pattern, action) for every action (the
// prefilter only rejects what PatternMatches rejects; tests/runtime/action_pattern_test.cc).
// Views into the pattern, which must outlive the matcher. Allocation-free.
class PatternMatcher {
 public:
  explicit PatternMatcher(std::string_view pattern) noexcept;
  bool Matches(std::string_view action) const noexcept;

 private:
  std::string_view pattern_;
  std::string_view namespace_;  // the pattern's first segment
  std::string_view entity_;     // its second segment, empty if it is allEntities
  bool possible_ = false;       // the pattern has at least two '/' (else nothing matches)
};

// ASCII case-insensitive equality and hashing, shared by every table keyed by names.
bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept;
uint64_t HashIgnoreCase(std::string_view text) noexcept;

}  // namespace rolec::runtime
