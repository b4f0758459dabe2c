// compiler/confusables.h — look-alike and whitespace tests for names (docs/language.md §Names).
//
// Two names that print alike but differ in their bytes — "Global Administrator" with a Cyrillic о,
// a no-break space or a trailing space — would let a policy author (or a pull request) declare a
// role that reviewers read as another one. These helpers find such names; compiler/names.cc turns
// what they find into diagnostics (E0220, W0221).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rolec::compiler {

// What is wrong with the spacing of a name, if anything. `offset` is the byte offset in the name of
// the offending character, `code_point` that character.
struct SpacingProblem {
  enum class Kind : uint8_t {
    kLeading,     // starts with whitespace
    kTrailing,    // ends with whitespace
    kDouble,      // two ASCII spaces in a row
    kOtherSpace,  // a whitespace or invisible character other than U+0020 (tab, line break, NBSP, …)
  };
  Kind kind = Kind::kLeading;
  size_t offset = 0;
  char32_t code_point = 0;
};

// True for U+0020 and every character treated as a space or an invisible separator in a name: ASCII
// tab, line feed, vertical tab, form feed and carriage return, U+0085, U+00A0, U+1680, U+180E,
// U+2000–U+200D, U+2028, U+2029, U+202F, U+205F, U+2060, U+3000 and U+FEFF.
bool IsNameSpace(char32_t c);

// The first spacing problem of `name`, by position (a leading problem before anything else). A name
// is well spaced if its words are separated by single U+0020 spaces and nothing else.
std::optional<SpacingProblem> FindSpacingProblem(std::string_view name);

// The confusable skeleton of `name`: an approximation of Unicode TR39's skeleton(), followed by an
// ASCII lower-casing (role names compare case-insensitively). Each code point of fullwidth ASCII
// (U+FF01–U+FF5E) is first folded to ASCII as NFKC does; then every code point that the table in
// confusables.cc maps is replaced by its prototype (a subset of TR39's confusables.txt: Cyrillic and
// Greek letters that look Latin, 0 -> O, 1 -> l, I -> l, | -> l, m -> rn, the non-ASCII spaces ->
// U+0020); then ASCII A–Z are lower-cased. Invalid UTF-8 bytes are kept as they are.
// Two names with the same skeleton look alike.
std::string Skeleton(std::string_view name);

// Where two names first differ, compared code point by code point with ASCII letters
// case-insensitively: the 0-based code point index and the two code points there (0 past the end of
// the shorter name). nullopt if the names are equal that way.
struct FirstDifference {
  size_t index = 0;
  char32_t a = 0;
  char32_t b = 0;
};
std::optional<FirstDifference> FindFirstDifference(std::string_view a, std::string_view b);

// "U+00A0" for 0xA0: at least four upper-case hex digits.
std::string CodePointText(char32_t c);

// The number of code points of `text` up to byte `offset` (so 1-based "character N" is this + 1).
size_t CodePointsBefore(std::string_view text, size_t offset);

// Decodes the UTF-8 code point at `*offset` and advances past it; an invalid byte decodes as itself
// (0x80–0xFF) and advances by one.
char32_t NextCodePoint(std::string_view text, size_t* offset);

// For tests: the look-alike table is sorted by code point, without duplicates.
bool ConfusableTableIsSorted();

}  // namespace rolec::compiler
