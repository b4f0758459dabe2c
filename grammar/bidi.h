// grammar/bidi.h — bidirectional control characters in source text ("Trojan Source",
// CVE-2021-42574). Internal to grammar/.
//
// A bidi control (an embedding, override or isolate, or an implicit mark) changes the order in
// which a terminal or an editor displays the rest of its line, so the text a reviewer reads is not
// the text the compiler reads. Outside strings and comments one is an error (E0109, raised by
// Parse before anything else); inside a string or a comment it is a warning (W0110), as in rustc
// and gcc (-Wbidi-chars). Every echo of source text shows them as '?' (FormatDiagnostic).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::grammar {

// U+061C ARABIC LETTER MARK, U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK, U+202A–U+202E
// (LRE, RLE, PDF, LRO, RLO) and U+2066–U+2069 (LRI, RLI, FSI, PDI).
bool IsBidiControl(char32_t c);

// The UTF-8 length of the bidi control at `text[offset]`, or 0 if there is none there.
size_t BidiControlLength(std::string_view text, size_t offset);

// The character's Unicode name, e.g. "RIGHT-TO-LEFT OVERRIDE"; "" if it is not a bidi control.
const char* BidiControlName(char32_t c);

struct BidiControl {
  enum class Where : uint8_t { kCode, kString, kComment };
  size_t offset = 0;
  char32_t code_point = 0;
  Where where = Where::kCode;
};

// Every bidi control of `text`, in order, with whether it lies in a string literal, a comment, or
// elsewhere. `text` is expected to have passed FindInvalidByte (UTF-8); strings and comments are
// recognised as the grammar does (a string ends at its unescaped '"' or at the end of its line, a
// block comment at the first "*/"). Fast when there is none: one memchr for their lead bytes.
std::vector<BidiControl> FindBidiControls(std::string_view text);

}  // namespace rolec::grammar
