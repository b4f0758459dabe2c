// export/graph_condition.cc — condition text -> Graph condition, token by token.
#include "export/graph_condition.h"

#include <cctype>
#include <vector>

namespace rolec::exporter {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-' ||
         c == '/' || c == '"';
}

// The tokens of a condition: words (identifiers, dotted subjects, strings as written), and every
// other non-space character alone. `//` and `/* */` comments are skipped, as the grammar does.
std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (text.compare(i, 2, "//") == 0) {
      const size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (text.compare(i, 2, "/*") == 0) {
      const size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (IsWordChar(c)) {
      size_t end = i;
      while (end < text.size() && IsWordChar(text[end]) && text.compare(end, 2, "//") != 0 &&
             text.compare(end, 2, "/*") != 0) {
        ++end;
      }
      tokens.emplace_back(text.substr(i, end - i));
      i = end;
    } else if (c == '=' || c == '!') {
      // "==" and "!=" are one token each.
      size_t end = i + 1;
      while (end < text.size() && text[end] == '=') ++end;
      tokens.emplace_back(text.substr(i, end - i));
      i = end;
    } else {
      tokens.emplace_back(1, c);
      ++i;
    }
  }
  return tokens;
}

// True if the parenthesis at tokens[first] closes at tokens[last].
bool Encloses(const std::vector<std::string>& tokens, size_t first, size_t last) {
  if (tokens[first] != "(" || tokens[last] != ")") return false;
  int depth = 0;
  for (size_t i = first; i <= last; ++i) {
    if (tokens[i] == "(") ++depth;
    if (tokens[i] == ")" && --depth == 0) return i == last;
  }
  return false;
}

}  // namespace

std::string NormalizedCondition(std::string_view condition_text) {
  std::string out;
  for (const std::string& token : Tokens(condition_text)) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

std::optional<std::string> GraphCondition(std::string_view condition_text) {
  std::vector<std::string> tokens = Tokens(condition_text);
  size_t first = 0;
  size_t last = tokens.size();  // one past
  while (last - first >= 2 && Encloses(tokens, first, last - 1)) {
    ++first;
    --last;
  }
  const std::vector<std::string> core(tokens.begin() + first, tokens.begin() + last);
  if (core == std::vector<std::string>{"target", "is", "self"}) return std::string(kResourceIsSelf);
  if (core == std::vector<std::string>{"principal", "owns", "target"}) {
    return std::string(kSubjectIsOwner);
  }
  return std::nullopt;
}

}  // namespace rolec::exporter
