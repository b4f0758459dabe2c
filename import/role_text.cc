// import/role_text.cc — .role string literals and description whitespace (role_text.h).
#include "import/role_text.h"

#include "fmt/format.h"

namespace rolec::import {
namespace {

// Decodes one UTF-8 sequence at text[i] (the JSON reader only yields valid UTF-8); advances i.
char32_t Decode(std::string_view text, size_t* i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(*i);
  size_t extra = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
  if (*i + extra >= text.size()) {
    ++*i;  // truncated: cannot come from the reader; taken as one byte
    return lead;
  }
  char32_t c = extra == 0   ? lead
               : extra == 1 ? (lead & 0x1F)
               : extra == 2 ? (lead & 0x0F)
                            : (lead & 0x07);
  for (size_t k = 1; k <= extra; ++k) c = (c << 6) | (byte(*i + k) & 0x3F);
  *i += extra + 1;
  return c;
}

bool IsPythonSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

bool IsSegmentByte(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

}  // namespace

std::string RoleString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return out;
}

std::optional<char32_t> FirstUnwritable(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return c;
  }
  return std::nullopt;
}

std::string NormalizeSpace(std::string_view text) {
  std::string out;
  bool pending_space = false;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    const char32_t c = Decode(text, &i);
    if (IsPythonSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out.append(text.substr(start, i - start));
  }
  return out;
}

bool IsActionPathToken(std::string_view text) {
  size_t segments = 0;
  size_t length = 0;
  for (char c : text) {
    if (c == '/') {
      if (length == 0) return false;
      ++segments;
      length = 0;
    } else if (IsSegmentByte(c)) {
      ++length;
    } else {
      return false;
    }
  }
  if (length == 0) return false;
  return segments + 1 >= 3;
}

std::string CodePointName(char32_t c) { return fmt::format("U+{:04X}", static_cast<uint32_t>(c)); }

}  // namespace rolec::import
