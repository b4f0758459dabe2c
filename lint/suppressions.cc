// lint/suppressions.cc — finding `// rolec-lint-ignore RULE: reason` comments.
//
// The text is scanned with the lexical states of the grammar (grammar/grammar.h: string literals
// with `\"` escapes on one line, `//` line comments, `/* */` block comments), so the marker counts
// only where it starts a line comment: inside a string literal (a role's description or name), in a
// block comment, or after `///` (a doc comment, which documents) it is text, and suppresses nothing.
// Which lines hold code comes from the same scan, so a line inside a block comment is not taken for
// the code a suppression on the line before applies to.
#include "lint/suppressions.h"

namespace rolec::lint {
namespace {

constexpr std::string_view kMarker = "// rolec-lint-ignore";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// A line comment that is a suppression, found by the scan.
struct Marker {
  size_t line = 0;    // 0-based
  size_t column = 0;  // 0-based byte offset of the `//` in its line
  bool code_before = false;
  std::string_view rest;  // after the marker, to the end of the line
};

}  // namespace

std::vector<Suppression> FindSuppressions(std::string_view path, std::string_view text) {
  enum class State { kCode, kString, kLineComment, kBlockComment };
  State state = State::kCode;
  std::vector<bool> has_code(1, false);
  std::vector<size_t> line_length(1, 0);
  std::vector<Marker> markers;
  size_t line = 0;
  size_t line_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      line_length[line] = i - line_start;
      ++line;
      line_start = i + 1;
      has_code.push_back(false);
      line_length.push_back(0);
      // A string does not span lines (an unterminated one is the parser's error); nor does a line
      // comment.
      if (state != State::kBlockComment) state = State::kCode;
      continue;
    }
    const std::string_view at = text.substr(i);
    switch (state) {
      case State::kCode:
        if (at.substr(0, 2) == "//") {
          state = State::kLineComment;
          if (at.substr(0, kMarker.size()) == kMarker) {
            const std::string_view rest = at.substr(kMarker.size(), at.find('\n') - kMarker.size());
            if (rest.empty() || IsBlank(rest.front())) {
              markers.push_back(Marker{line, i - line_start, has_code[line], rest});
            }
          }
          ++i;  // the second '/'
        } else if (at.substr(0, 2) == "/*") {
          state = State::kBlockComment;
          ++i;
        } else if (c == '"') {
          state = State::kString;
          has_code[line] = true;
        } else if (!IsBlank(c)) {
          has_code[line] = true;
        }
        break;
      case State::kString:
        if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
          ++i;  // an escaped character, `\"` among them
        } else if (c == '"') {
          state = State::kCode;
        }
        break;
      case State::kLineComment:
        break;
      case State::kBlockComment:
        if (at.substr(0, 2) == "*/") {
          state = State::kCode;
          ++i;
        }
        break;
    }
  }
  line_length[line] = text.size() - line_start;

  std::vector<Suppression> out;
  for (const Marker& marker : markers) {
    std::string_view rest = Trim(marker.rest);
    Suppression s;
    const size_t colon = rest.find(':');
    s.rule = std::string(Trim(rest.substr(0, colon)));
    if (colon != std::string_view::npos) s.reason = std::string(Trim(rest.substr(colon + 1)));
    s.span = SourceSpan{std::string(path), static_cast<uint32_t>(marker.line + 1),
                        static_cast<uint32_t>(marker.column + 1),
                        static_cast<uint32_t>(line_length[marker.line] - marker.column)};
    if (marker.code_before) {
      s.applies_to_line = static_cast<uint32_t>(marker.line + 1);
    } else {
      for (size_t j = marker.line + 1; j < has_code.size(); ++j) {
        if (has_code[j]) {
          s.applies_to_line = static_cast<uint32_t>(j + 1);
          break;
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace rolec::lint
