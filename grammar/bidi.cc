// grammar/bidi.cc — finding bidirectional control characters (see bidi.h).
#include "grammar/bidi.h"

#include <cstring>

namespace rolec::grammar {

bool IsBidiControl(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

size_t BidiControlLength(std::string_view text, size_t offset) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  if (offset + 2 <= text.size() && byte(offset) == 0xD8 && byte(offset + 1) == 0x9C) return 2;  // U+061C
  if (offset + 3 > text.size() || byte(offset) != 0xE2) return 0;
  const unsigned char second = byte(offset + 1), third = byte(offset + 2);
  if (second == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xAA && third <= 0xAE))) return 3;
  if (second == 0x81 && third >= 0xA6 && third <= 0xA9) return 3;
  return 0;
}

const char* BidiControlName(char32_t c) {
  switch (c) {
    case 0x061C: return "ARABIC LETTER MARK";
    case 0x200E: return "LEFT-TO-RIGHT MARK";
    case 0x200F: return "RIGHT-TO-LEFT MARK";
    case 0x202A: return "LEFT-TO-RIGHT EMBEDDING";
    case 0x202B: return "RIGHT-TO-LEFT EMBEDDING";
    case 0x202C: return "POP DIRECTIONAL FORMATTING";
    case 0x202D: return "LEFT-TO-RIGHT OVERRIDE";
    case 0x202E: return "RIGHT-TO-LEFT OVERRIDE";
    case 0x2066: return "LEFT-TO-RIGHT ISOLATE";
    case 0x2067: return "RIGHT-TO-LEFT ISOLATE";
    case 0x2068: return "FIRST STRONG ISOLATE";
    case 0x2069: return "POP DIRECTIONAL ISOLATE";
    default: return "";
  }
}

namespace {

char32_t Decode(std::string_view text, size_t offset, size_t length) {
  auto byte = [&](size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[i])); };
  if (length == 2) return ((byte(offset) & 0x1F) << 6) | (byte(offset + 1) & 0x3F);
  return ((byte(offset) & 0x0F) << 12) | ((byte(offset + 1) & 0x3F) << 6) | (byte(offset + 2) & 0x3F);
}

}  // namespace

std::vector<BidiControl> FindBidiControls(std::string_view text) {
  std::vector<BidiControl> found;
  // Nearly every source has none: look for their lead bytes before lexing anything.
  if (std::memchr(text.data(), '\xE2', text.size()) == nullptr &&
      std::memchr(text.data(), '\xD8', text.size()) == nullptr) {
    return found;
  }
  using Where = BidiControl::Where;
  Where where = Where::kCode;
  bool line_comment = false;  // kComment: a `//` comment (ends at the line) or a `/* */` one
  for (size_t i = 0; i < text.size();) {
    if (size_t length = BidiControlLength(text, i); length > 0) {
      found.push_back({i, Decode(text, i, length), where});
      i += length;
      continue;
    }
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    switch (where) {
      case Where::kCode:
        if (c == '"') {
          where = Where::kString;
        } else if (c == '/' && (next == '/' || next == '*')) {
          where = Where::kComment;
          line_comment = next == '/';
          ++i;
        }
        break;
      case Where::kString:
        if (c == '\\' && next != '\n' && next != '\0') {
          ++i;  // an escape: \" does not end the string
        } else if (c == '"' || c == '\n') {
          where = Where::kCode;  // a string ends at its quote, or (unterminated, E0102) its line
        }
        break;
      case Where::kComment:
        if (line_comment ? c == '\n' : (c == '*' && next == '/')) {
          where = Where::kCode;
          if (!line_comment) ++i;
        }
        break;
    }
    ++i;
  }
  return found;
}

}  // namespace rolec::grammar
