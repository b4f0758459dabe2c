// export/hcl.cc — HCL string literals and Terraform identifiers (HashiCorp HCL native syntax:
// quoted template strings, where `${` and `%{` start templates unless doubled).
#include <cctype>
#include <string>

#include "fmt/format.h"
#include "rolec/export.hpp"

namespace rolec {

std::string HclQuote(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(u));
    } else if ((c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{') {
      // `${` would interpolate and `%{` start a directive; doubled, each is literal.
      out += c;
      out += c;
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string TerraformIdentifier(std::string_view display_name) {
  std::string out;
  bool pending_separator = false;
  for (char c : display_name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u) != 0) {
      if (pending_separator && !out.empty()) out += '_';
      pending_separator = false;
      out += static_cast<char>(std::tolower(u));
    } else {
      pending_separator = true;
    }
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front())) != 0)
    out = "role_" + out;
  if (out.back() == '_') out.pop_back();  // "role_" alone, from a name with no letter or digit
  return out;
}

}  // namespace rolec
