// runtime/action_pattern.cc — action and pattern well-formedness, matching, and the ASCII
// case-insensitive equality and hash that every name-keyed table of the image uses.
//
// Everything here except the two *Error functions is allocation-free: PatternMatches runs on the
// evaluator's slow path and IsWellFormedAction / HashIgnoreCase / EqualsIgnoreCase on its hot path.
#include "runtime/action_pattern.h"

#include "rolec/policy.hpp"

#include <algorithm>
#include <cstring>

#include "fmt/format.h"

namespace rolec::runtime {
namespace {

constexpr std::string_view kAllEntitiesText = "allEntities";
constexpr std::string_view kAllPropertiesText = "allProperties";
constexpr std::string_view kAllTasksText = "allTasks";

enum class Keyword : uint8_t { kNone, kAllEntities, kAllProperties, kAllTasks };

std::string_view KeywordSpelling(Keyword keyword) {
  switch (keyword) {
    case Keyword::kAllEntities: return kAllEntitiesText;
    case Keyword::kAllProperties: return kAllPropertiesText;
    case Keyword::kAllTasks: return kAllTasksText;
    case Keyword::kNone: break;
  }
  return "";
}

Keyword KeywordOf(std::string_view segment) noexcept {
  // Every keyword starts with "all": most segments are rejected by their first byte.
  if (segment.empty() || (segment[0] | 0x20) != 'a') return Keyword::kNone;
  // Keywords are compared case-insensitively like everything else, so `alltasks` is `allTasks`.
  if (EqualsIgnoreCase(segment, kAllEntitiesText)) return Keyword::kAllEntities;
  if (EqualsIgnoreCase(segment, kAllPropertiesText)) return Keyword::kAllProperties;
  if (EqualsIgnoreCase(segment, kAllTasksText)) return Keyword::kAllTasks;
  return Keyword::kNone;
}

// The '/'-separated segments of a text, without allocating (ActionSegments, action_pattern.h).
using Segments = ActionSegments;

Segments Split(std::string_view text) noexcept {
  Segments segments;
  const size_t n = text.size();
  size_t start = 0;
  // A plain loop: segments are short, and a library search per segment costs more than it saves.
  for (size_t i = 0; i <= n; ++i) {
    if (i < n && text[i] != '/') continue;
    if (segments.count < static_cast<size_t>(kMaxActionSegments)) {
      segments.part[segments.count] = text.substr(start, i - start);
    }
    ++segments.count;
    start = i + 1;
  }
  return segments;
}

// The bytes a segment may hold: letters, digits, '_', '-' and '.'. A table, because the loader
// checks every byte of every catalog name and pattern with it.
struct SegmentChars {
  bool allowed[256] = {};
  constexpr SegmentChars() {
    for (int c = 'a'; c <= 'z'; ++c) allowed[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) allowed[c] = true;
    for (int c = '0'; c <= '9'; ++c) allowed[c] = true;
    allowed[static_cast<unsigned char>('_')] = true;
    allowed[static_cast<unsigned char>('-')] = true;
    allowed[static_cast<unsigned char>('.')] = true;
  }
};
constexpr SegmentChars kSegmentChars;

bool IsSegmentChar(unsigned char c) noexcept { return kSegmentChars.allowed[c]; }

// Why a text is not a well-formed pattern (or action), as data, so that the hot path can ask the
// question without building a message.
struct ShapeProblem {
  enum class Kind : uint8_t {
    kNone,
    kEmpty,
    kSegmentCount,
    kEmptySegment,
    kBadCharacter,
    kEmptyDottedPart,
    kMisplacedKeyword,
    kKeywordInAction,
  };
  Kind kind = Kind::kNone;
  size_t segment = 0;  // 0-based index of the offending segment
  size_t count = 0;    // number of segments (kSegmentCount)
  unsigned char character = 0;
  Keyword keyword = Keyword::kNone;
  std::string_view text;  // the offending segment
};

bool KeywordAllowedAt(Keyword keyword, size_t index, size_t count) noexcept {
  switch (keyword) {
    case Keyword::kAllEntities: return index == 1;
    // The last segment of the property path (just before the verb), after zero or more fixed
    // property segments: Entra writes both `users/allProperties/read` and
    // `verifiableCredentials/configuration/contracts/allProperties/update`.
    case Keyword::kAllProperties: return index >= 2 && index + 2 == count;
    case Keyword::kAllTasks: return index + 1 == count;
    case Keyword::kNone: break;
  }
  return true;
}

ShapeProblem CheckShape(std::string_view text, bool concrete) noexcept {
  using Kind = ShapeProblem::Kind;
  ShapeProblem problem;
  if (text.empty()) {
    problem.kind = Kind::kEmpty;
    return problem;
  }
  Segments segments = Split(text);
  if (segments.count < static_cast<size_t>(kMinActionSegments) ||
      segments.count > static_cast<size_t>(kMaxActionSegments)) {
    problem.kind = Kind::kSegmentCount;
    problem.count = segments.count;
    return problem;
  }
  for (size_t i = 0; i < segments.count; ++i) {
    std::string_view segment = segments.part[i];
    problem.segment = i;
    problem.text = segment;
    if (segment.empty()) {
      problem.kind = Kind::kEmptySegment;
      return problem;
    }
    // Dots separate a namespace's parts and an entity's subtypes; an empty part would make
    // `groups.` a "supertype" of `groups..x` and means nothing in Entra. A bad character anywhere
    // in the segment is reported before an empty dotted part, as the two loops of the first
    // version did.
    bool empty_dotted_part = segment.front() == '.' || segment.back() == '.';
    char previous = '\0';
    for (char c : segment) {
      if (!IsSegmentChar(static_cast<unsigned char>(c))) {
        problem.kind = Kind::kBadCharacter;
        problem.character = static_cast<unsigned char>(c);
        return problem;
      }
      empty_dotted_part = empty_dotted_part || (c == '.' && previous == '.');
      previous = c;
    }
    if (empty_dotted_part) {
      problem.kind = Kind::kEmptyDottedPart;
      return problem;
    }
    Keyword keyword = KeywordOf(segment);
    if (keyword == Keyword::kNone) continue;
    problem.keyword = keyword;
    if (concrete) {
      problem.kind = Kind::kKeywordInAction;
      return problem;
    }
    if (!KeywordAllowedAt(keyword, i, segments.count)) {
      problem.kind = Kind::kMisplacedKeyword;
      return problem;
    }
  }
  problem.kind = Kind::kNone;
  return problem;
}

std::string Describe(const ShapeProblem& problem) {
  using Kind = ShapeProblem::Kind;
  const size_t n = problem.segment + 1;
  switch (problem.kind) {
    case Kind::kNone: return "";
    case Kind::kEmpty: return "an action cannot be empty";
    case Kind::kSegmentCount:
      return fmt::format("an action has {} to {} segments, this has {}", kMinActionSegments,
                         kMaxActionSegments, problem.count);
    case Kind::kEmptySegment: return fmt::format("segment {} is empty", n);
    case Kind::kBadCharacter: {
      std::string shown = (problem.character >= 0x21 && problem.character < 0x7F)
                              ? fmt::format("'{}'", static_cast<char>(problem.character))
                              : fmt::format("byte 0x{:02x}", problem.character);
      return fmt::format(
          "segment {} contains {}; segments use only letters, digits, '_', '-' and '.'", n, shown);
    }
    case Kind::kEmptyDottedPart:
      return fmt::format("segment {} ('{}') has an empty part between dots", n, problem.text);
    case Kind::kMisplacedKeyword:
      switch (problem.keyword) {
        case Keyword::kAllEntities:
          return "keyword 'allEntities' is only valid as the entity (the second segment)";
        case Keyword::kAllProperties:
          return "keyword 'allProperties' is only valid as the last segment of the property path "
                 "(just before the verb)";
        case Keyword::kAllTasks: return "keyword 'allTasks' is only valid as the last segment";
        case Keyword::kNone: break;
      }
      return "misplaced keyword";
    case Kind::kKeywordInAction:
      return fmt::format("keyword '{}' in segment {}: an action must be concrete, not a pattern",
                         KeywordSpelling(problem.keyword), n);
  }
  return "malformed action";
}

inline uint64_t LoadLittleEndian64(const char* p) noexcept {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  word = __builtin_bswap64(word);
#endif
  return word;
}

// Lower-cases the ASCII letters of eight bytes at once (SWAR): for each byte, the high bit of
// `at_least_a` says b >= 'A', of `above_z` says b > 'Z'; bytes >= 0x80 are left alone.
inline uint64_t LowerAscii8(uint64_t x) noexcept {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  uint64_t low7 = x & kLow7;
  uint64_t at_least_a = low7 + 0x3F3F3F3F3F3F3F3Full;  // 0x80 - 'A'
  uint64_t above_z = low7 + 0x2525252525252525ull;     // 0x80 - ('Z' + 1)
  uint64_t is_upper = at_least_a & ~above_z & ~x & kHigh;
  return x | (is_upper >> 2);  // 0x80 >> 2 == 0x20, the case bit
}

inline char LowerAscii(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

// 64x64 -> 128-bit multiply, folded: the mixing step of wyhash.
__extension__ typedef unsigned __int128 Uint128;
inline uint64_t Mum(uint64_t a, uint64_t b) noexcept {
  const Uint128 product = static_cast<Uint128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

constexpr uint64_t kSeed = 0x2D358DCCAA6C78A5ull;
constexpr uint64_t kPrime1 = 0x8BB84B93962EACC9ull;
constexpr uint64_t kPrime2 = 0x4B33A62ED433D4A3ull;
constexpr uint64_t kPrime3 = 0x4D5A2DA51DE1AA47ull;
constexpr uint64_t kPrime4 = 0xA0761D6478BD642Full;

}  // namespace

std::string PatternError(std::string_view pattern) {
  return Describe(CheckShape(pattern, /*concrete=*/false));
}

std::string ActionError(std::string_view action) {
  return Describe(CheckShape(action, /*concrete=*/true));
}

bool IsWellFormedAction(std::string_view action) noexcept {
  return CheckShape(action, /*concrete=*/true).kind == ShapeProblem::Kind::kNone;
}

bool IsConcrete(std::string_view pattern) {
  size_t start = 0;
  while (true) {
    size_t slash = pattern.find('/', start);
    std::string_view segment = pattern.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (KeywordOf(segment) != Keyword::kNone) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

bool IsWellFormedPattern(std::string_view pattern) noexcept {
  return CheckShape(pattern, /*concrete=*/false).kind == ShapeProblem::Kind::kNone;
}

bool IsReadVerb(std::string_view verb) noexcept {
  // read, limitedRead, restrictedRead, readBasic, getPasswordSingleSignOnCredentials, ...
  // (docs/semantics.md §Reads and modifications). Anything else modifies: fail closed.
  auto starts = [&](std::string_view prefix) {
    return verb.size() >= prefix.size() && EqualsIgnoreCase(verb.substr(0, prefix.size()), prefix);
  };
  auto ends = [&](std::string_view suffix) {
    return verb.size() >= suffix.size() &&
           EqualsIgnoreCase(verb.substr(verb.size() - suffix.size()), suffix);
  };
  return starts("read") || starts("get") || ends("read");
}

bool IsReadAction(std::string_view action) noexcept {
  size_t slash = action.rfind('/');
  std::string_view verb = slash == std::string_view::npos ? action : action.substr(slash + 1);
  return IsReadVerb(verb);
}

bool IsAdminUnitMemberAction(const ActionSegments& action) noexcept {
  if (action.count < static_cast<size_t>(kMinActionSegments) ||
      action.count > static_cast<size_t>(kMaxActionSegments)) {
    return false;
  }
  if (!EqualsIgnoreCase(action.part[0], "microsoft.directory")) return false;
  std::string_view entity = action.part[1];
  entity = entity.substr(0, entity.find('.'));
  return EqualsIgnoreCase(entity, "users") || EqualsIgnoreCase(entity, "groups") ||
         EqualsIgnoreCase(entity, "devices");
}

bool IsBitLockerKeyRead(const ActionSegments& action) noexcept {
  return action.count == 4 && EqualsIgnoreCase(action.part[0], "microsoft.directory") &&
         EqualsIgnoreCase(action.part[1], "bitlockerKeys") && EqualsIgnoreCase(action.part[2], "key") &&
         EqualsIgnoreCase(action.part[3], "read");
}

ActionSegments QueryWitness(std::string_view query) noexcept {
  ActionSegments segments = Split(query);
  const size_t kept = segments.count < static_cast<size_t>(kMaxActionSegments)
                          ? segments.count
                          : static_cast<size_t>(kMaxActionSegments);
  for (size_t i = 0; i < kept; ++i) {
    if (KeywordOf(segments.part[i]) != Keyword::kNone) segments.part[i] = kWitnessSegment;
  }
  return segments;
}

ActionSegments SplitAction(std::string_view action) noexcept { return Split(action); }

bool IsReadAction(const ActionSegments& action) noexcept {
  return action.count > 0 &&
         IsReadVerb(action.part[std::min<size_t>(action.count, kMaxActionSegments) - 1]);
}

namespace {

// The namespace and entity tests of PatternMatches: the namespace only itself; the entity
// allEntities, itself, or one of its dotted subtypes (E covers E.x, never the reverse). Run before
// the pattern (and, for an unsplit action, the action) is split, since most patterns and most
// catalog names fail here.
bool HeadMatches(std::string_view pattern, std::string_view ns, std::string_view ae) noexcept {
  if (pattern.size() <= ns.size() || pattern[ns.size()] != '/' ||
      !EqualsIgnoreCase(pattern.substr(0, ns.size()), ns)) {
    return false;
  }
  const size_t entity_start = ns.size() + 1;
  const size_t entity_end = pattern.find('/', entity_start);
  if (entity_end == std::string_view::npos) return false;
  const std::string_view pe = pattern.substr(entity_start, entity_end - entity_start);
  if (!EqualsIgnoreCase(pe, ae) && KeywordOf(pe) != Keyword::kAllEntities) {
    const bool subtype = ae.size() > pe.size() && ae[pe.size()] == '.' &&
                         EqualsIgnoreCase(ae.substr(0, pe.size()), pe);
    if (!subtype) return false;
  }
  return true;
}

}  // namespace

bool PatternMatches(std::string_view pattern, std::string_view action) noexcept {
  // The action's first two segments, as Split would cut them; fewer than three segments never
  // match (kMinActionSegments), so an action without two '/' fails here as it would after Split.
  const size_t ns_end = action.find('/');
  if (ns_end == std::string_view::npos) return false;
  const size_t entity_end = action.find('/', ns_end + 1);
  if (entity_end == std::string_view::npos) return false;
  if (!HeadMatches(pattern, action.substr(0, ns_end), action.substr(ns_end + 1, entity_end - ns_end - 1))) {
    return false;
  }
  return PatternMatches(pattern, Split(action));
}

PatternMatcher::PatternMatcher(std::string_view pattern) noexcept : pattern_(pattern) {
  const size_t ns_end = pattern.find('/');
  if (ns_end == std::string_view::npos) return;
  const size_t entity_end = pattern.find('/', ns_end + 1);
  if (entity_end == std::string_view::npos) return;
  possible_ = true;
  namespace_ = pattern.substr(0, ns_end);
  entity_ = pattern.substr(ns_end + 1, entity_end - ns_end - 1);
  if (KeywordOf(entity_) == Keyword::kAllEntities) entity_ = {};
}

bool PatternMatcher::Matches(std::string_view action) const noexcept {
  if (!possible_) return false;
  // HeadMatches's tests from the pattern's side: the action's namespace is the pattern's (so the
  // byte after it is '/'), and unless the pattern says allEntities its entity starts with the
  // pattern's followed by '/' (the same entity) or '.' (a subtype).
  const size_t ns = namespace_.size();
  if (action.size() <= ns || action[ns] != '/' || !EqualsIgnoreCase(action.substr(0, ns), namespace_)) {
    return false;
  }
  if (!entity_.empty()) {
    const size_t start = ns + 1, end = start + entity_.size();
    if (action.size() <= end || (action[end] != '/' && action[end] != '.') ||
        !EqualsIgnoreCase(action.substr(start, entity_.size()), entity_)) {
      return false;
    }
  }
  return PatternMatches(pattern_, action);
}

bool PatternMatches(std::string_view pattern, const ActionSegments& a) noexcept {
  const size_t lo = static_cast<size_t>(kMinActionSegments);
  const size_t hi = static_cast<size_t>(kMaxActionSegments);
  if (a.count < lo || a.count > hi) return false;
  if (!HeadMatches(pattern, a.part[0], a.part[1])) return false;

  const Segments p = Split(pattern);
  if (p.count < lo || p.count > hi) return false;

  // Verb: allTasks or itself.
  std::string_view pv = p.part[p.count - 1];
  if (KeywordOf(pv) != Keyword::kAllTasks && !EqualsIgnoreCase(pv, a.part[a.count - 1])) {
    return false;
  }

  // Property path: `allProperties` as its last segment covers any continuation of the fixed
  // segments before it (including none); any other path only the same segments.
  size_t p_props = p.count - 3;
  const size_t a_props = a.count - 3;
  if (p_props >= 1 && KeywordOf(p.part[2 + p_props - 1]) == Keyword::kAllProperties) {
    --p_props;
    if (a_props < p_props) return false;
  } else if (p_props != a_props) {
    return false;
  }
  for (size_t i = 0; i < p_props; ++i) {
    if (!EqualsIgnoreCase(p.part[2 + i], a.part[2 + i])) return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* pa = a.data();
  const char* pb = b.data();
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t wa = LoadLittleEndian64(pa + i);
      uint64_t wb = LoadLittleEndian64(pb + i);
      if (wa != wb && LowerAscii8(wa) != LowerAscii8(wb)) return false;
    }
    if (i == n) return true;
    // The last, partial word: compare the final eight bytes (overlapping ones compare equal).
    uint64_t wa = LoadLittleEndian64(pa + n - 8);
    uint64_t wb = LoadLittleEndian64(pb + n - 8);
    return wa == wb || LowerAscii8(wa) == LowerAscii8(wb);
  }
  for (size_t i = 0; i < n; ++i) {
    if (pa[i] != pb[i] && LowerAscii(pa[i]) != LowerAscii(pb[i])) return false;
  }
  return true;
}

// The layout of the image's hash tables depends on this function: changing it changes the
// image format (docs/bytecode.md §Hashing). It folds 16 bytes per 64x64->128-bit multiply (the
// "mum" step of wyhash), so a ~45-byte action name costs four multiplies on the hot path.
uint64_t HashIgnoreCase(std::string_view text) noexcept {
  const size_t n = text.size();
  const char* p = text.data();
  uint64_t h = kSeed ^ (static_cast<uint64_t>(n) * kPrime1);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    h = Mum(LowerAscii8(LoadLittleEndian64(p + i)) ^ kPrime2,
            LowerAscii8(LoadLittleEndian64(p + i + 8)) ^ h);
  }
  // The last 0..15 bytes, zero-padded on the high side, as two words.
  const size_t rest = n - i;
  uint64_t a = 0;
  uint64_t b = 0;
  if (rest > 8) {
    a = LoadLittleEndian64(p + i);
    b = LoadLittleEndian64(p + n - 8) >> (8 * (16 - rest));
  } else if (rest > 0 && n >= 8) {
    a = LoadLittleEndian64(p + n - 8) >> (8 * (8 - rest));
  } else {
    for (size_t k = 0; k < rest; ++k) {
      a |= static_cast<uint64_t>(static_cast<unsigned char>(p[i + k])) << (8 * k);
    }
  }
  h = Mum(LowerAscii8(a) ^ kPrime3, LowerAscii8(b) ^ h);
  return Mum(h ^ kPrime1, static_cast<uint64_t>(n) ^ kPrime4);
}

}  // namespace rolec::runtime

namespace rolec {

bool ActionPatternMatches(std::string_view pattern, std::string_view action) noexcept {
  return runtime::PatternMatches(pattern, action);
}

}  // namespace rolec
