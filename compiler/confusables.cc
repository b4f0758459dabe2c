// compiler/confusables.cc — name spacing and confusable skeletons (see confusables.h).
//
// The table below is a hand-picked SUBSET of Unicode's confusables.txt (UTS #39, "Unicode Security
// Mechanisms", data file https://www.unicode.org/Public/security/latest/confusables.txt), mapping
// each source character to its prototype exactly as confusables.txt does: the Cyrillic and Greek
// letters that render like Latin ones, the ASCII pairs 0/O, 1/l, I/l, |/l and m/rn, and the
// non-ASCII spaces. It is not the whole file (about 6,000 entries, most for scripts no role name
// uses) and skeleton() here does no NFD decomposition, so a precomposed letter and its decomposed
// form (é and e + U+0301) are not found alike. Extending the table: copy lines from
// confusables.txt, keep the array sorted by code point (a test checks it).
#include "compiler/confusables.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "fmt/format.h"

namespace rolec::compiler {
namespace {

struct Confusable {
  char32_t from;
  const char* to;  // the prototype, UTF-8
};

// Sorted by `from`.
constexpr Confusable kConfusables[] = {
    {U'0', "O"},        // DIGIT ZERO → LATIN CAPITAL LETTER O
    {U'1', "l"},        // DIGIT ONE → LATIN SMALL LETTER L
    {U'I', "l"},        // LATIN CAPITAL LETTER I → LATIN SMALL LETTER L
    {U'm', "rn"},       // LATIN SMALL LETTER M → LATIN SMALL LETTER R, LATIN SMALL LETTER N
    {U'|', "l"},        // VERTICAL LINE → LATIN SMALL LETTER L
    {0x00A0, " "},      // NO-BREAK SPACE
    {0x0131, "i"},      // LATIN SMALL LETTER DOTLESS I
    {0x0251, "a"},      // LATIN SMALL LETTER ALPHA
    {0x0261, "g"},      // LATIN SMALL LETTER SCRIPT G
    {0x0391, "A"},      // GREEK CAPITAL LETTER ALPHA
    {0x0392, "B"},      // GREEK CAPITAL LETTER BETA
    {0x0395, "E"},      // GREEK CAPITAL LETTER EPSILON
    {0x0396, "Z"},      // GREEK CAPITAL LETTER ZETA
    {0x0397, "H"},      // GREEK CAPITAL LETTER ETA
    {0x0399, "l"},      // GREEK CAPITAL LETTER IOTA
    {0x039A, "K"},      // GREEK CAPITAL LETTER KAPPA
    {0x039C, "M"},      // GREEK CAPITAL LETTER MU
    {0x039D, "N"},      // GREEK CAPITAL LETTER NU
    {0x039F, "O"},      // GREEK CAPITAL LETTER OMICRON
    {0x03A1, "P"},      // GREEK CAPITAL LETTER RHO
    {0x03A4, "T"},      // GREEK CAPITAL LETTER TAU
    {0x03A5, "Y"},      // GREEK CAPITAL LETTER UPSILON
    {0x03A7, "X"},      // GREEK CAPITAL LETTER CHI
    {0x03B1, "a"},      // GREEK SMALL LETTER ALPHA
    {0x03B9, "i"},      // GREEK SMALL LETTER IOTA
    {0x03BD, "v"},      // GREEK SMALL LETTER NU
    {0x03BF, "o"},      // GREEK SMALL LETTER OMICRON
    {0x03C1, "p"},      // GREEK SMALL LETTER RHO
    {0x03C5, "u"},      // GREEK SMALL LETTER UPSILON
    {0x0405, "S"},      // CYRILLIC CAPITAL LETTER DZE
    {0x0406, "l"},      // CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I
    {0x0408, "J"},      // CYRILLIC CAPITAL LETTER JE
    {0x0410, "A"},      // CYRILLIC CAPITAL LETTER A
    {0x0412, "B"},      // CYRILLIC CAPITAL LETTER VE
    {0x0415, "E"},      // CYRILLIC CAPITAL LETTER IE
    {0x041A, "K"},      // CYRILLIC CAPITAL LETTER KA
    {0x041C, "M"},      // CYRILLIC CAPITAL LETTER EM
    {0x041D, "H"},      // CYRILLIC CAPITAL LETTER EN
    {0x041E, "O"},      // CYRILLIC CAPITAL LETTER O
    {0x0420, "P"},      // CYRILLIC CAPITAL LETTER ER
    {0x0421, "C"},      // CYRILLIC CAPITAL LETTER ES
    {0x0422, "T"},      // CYRILLIC CAPITAL LETTER TE
    {0x0425, "X"},      // CYRILLIC CAPITAL LETTER HA
    {0x0430, "a"},      // CYRILLIC SMALL LETTER A
    {0x0435, "e"},      // CYRILLIC SMALL LETTER IE
    {0x043E, "o"},      // CYRILLIC SMALL LETTER O
    {0x0440, "p"},      // CYRILLIC SMALL LETTER ER
    {0x0441, "c"},      // CYRILLIC SMALL LETTER ES
    {0x0443, "y"},      // CYRILLIC SMALL LETTER U
    {0x0445, "x"},      // CYRILLIC SMALL LETTER HA
    {0x0455, "s"},      // CYRILLIC SMALL LETTER DZE
    {0x0456, "i"},      // CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
    {0x0458, "j"},      // CYRILLIC SMALL LETTER JE
    {0x04BB, "h"},      // CYRILLIC SMALL LETTER SHHA
    {0x0501, "d"},      // CYRILLIC SMALL LETTER KOMI DE
    {0x051B, "q"},      // CYRILLIC SMALL LETTER QA
    {0x051D, "w"},      // CYRILLIC SMALL LETTER WE
    {0x1680, " "},      // OGHAM SPACE MARK
    {0x2000, " "},      // EN QUAD
    {0x2001, " "},      // EM QUAD
    {0x2002, " "},      // EN SPACE
    {0x2003, " "},      // EM SPACE
    {0x2004, " "},      // THREE-PER-EM SPACE
    {0x2005, " "},      // FOUR-PER-EM SPACE
    {0x2006, " "},      // SIX-PER-EM SPACE
    {0x2007, " "},      // FIGURE SPACE
    {0x2008, " "},      // PUNCTUATION SPACE
    {0x2009, " "},      // THIN SPACE
    {0x200A, " "},      // HAIR SPACE
    {0x2028, " "},      // LINE SEPARATOR
    {0x2029, " "},      // PARAGRAPH SEPARATOR
    {0x202F, " "},      // NARROW NO-BREAK SPACE
    {0x205F, " "},      // MEDIUM MATHEMATICAL SPACE
    {0x3000, " "},      // IDEOGRAPHIC SPACE (NFKC; confusables.txt maps it to U+0020 too)
};

const Confusable* Lookup(char32_t c) {
  auto it = std::lower_bound(std::begin(kConfusables), std::end(kConfusables), c,
                             [](const Confusable& entry, char32_t key) { return entry.from < key; });
  return it != std::end(kConfusables) && it->from == c ? it : nullptr;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    *out += static_cast<char>(c);
  } else if (c < 0x800) {
    *out += static_cast<char>(0xC0 | (c >> 6));
    *out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *out += static_cast<char>(0xE0 | (c >> 12));
    *out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (c >> 18));
    *out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

char32_t AsciiLower(char32_t c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

}  // namespace

// For tests: the table is sorted (lower_bound needs it).
bool ConfusableTableIsSorted() {
  return std::is_sorted(std::begin(kConfusables), std::end(kConfusables),
                        [](const Confusable& a, const Confusable& b) { return a.from < b.from; }) &&
         std::adjacent_find(std::begin(kConfusables), std::end(kConfusables),
                            [](const Confusable& a, const Confusable& b) { return a.from == b.from; }) ==
             std::end(kConfusables);
}

char32_t NextCodePoint(std::string_view text, size_t* offset) {
  size_t i = *offset;
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || i + length > text.size()) {
    *offset = i + 1;
    return lead;
  }
  char32_t c = length == 1 ? lead : length == 2 ? (lead & 0x1F) : length == 3 ? (lead & 0x0F) : (lead & 0x07);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      *offset = i + 1;
      return lead;
    }
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  *offset = i + length;
  return c;
}

bool IsNameSpace(char32_t c) {
  switch (c) {
    case 0x20: case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
    case 0x85: case 0xA0: case 0x1680: case 0x180E:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x2060: case 0x3000: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200D;
  }
}

std::optional<SpacingProblem> FindSpacingProblem(std::string_view name) {
  using Kind = SpacingProblem::Kind;
  bool previous_space = false;
  for (size_t i = 0; i < name.size();) {
    const size_t at = i;
    const char32_t c = NextCodePoint(name, &i);
    if (!IsNameSpace(c)) {
      previous_space = false;
      continue;
    }
    if (at == 0) return SpacingProblem{Kind::kLeading, at, c};
    if (c != U' ') return SpacingProblem{Kind::kOtherSpace, at, c};
    if (i == name.size()) return SpacingProblem{Kind::kTrailing, at, c};
    if (previous_space) return SpacingProblem{Kind::kDouble, at, c};
    previous_space = true;
  }
  return std::nullopt;
}

std::string Skeleton(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    char32_t c = NextCodePoint(name, &i);
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;  // fullwidth ASCII, as NFKC folds it
    if (const Confusable* entry = Lookup(c)) {
      for (const char* p = entry->to; *p != '\0'; ++p) {
        out += static_cast<char>(AsciiLower(static_cast<unsigned char>(*p)));
      }
    } else {
      AppendUtf8(AsciiLower(c), &out);
    }
  }
  return out;
}

std::optional<FirstDifference> FindFirstDifference(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0, index = 0;
  while (i < a.size() || j < b.size()) {
    char32_t ca = i < a.size() ? NextCodePoint(a, &i) : 0;
    char32_t cb = j < b.size() ? NextCodePoint(b, &j) : 0;
    if (AsciiLower(ca) != AsciiLower(cb)) return FirstDifference{index, ca, cb};
    ++index;
  }
  return std::nullopt;
}

std::string CodePointText(char32_t c) { return fmt::format("U+{:04X}", static_cast<uint32_t>(c)); }

size_t CodePointsBefore(std::string_view text, size_t offset) {
  size_t count = 0;
  for (size_t i = 0; i < text.size() && i < offset; ++count) NextCodePoint(text, &i);
  return count;
}

}  // namespace rolec::compiler
