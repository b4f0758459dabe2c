// grammar/diagnostic.cc — the gcc/clang shape of a Diagnostic (include/rolec/diagnostic.hpp).
//
//   file:line:col: error[E0101]: message
//     12 | <source line>
//        |     ^~~~
//   help: ...
//
// The caret line repeats the source line's tabs and counts a multi-byte UTF-8 character as one
// column, so the caret sits under the right character in a terminal; the numbers in the first line
// stay byte columns, as the span holds them. A very long line is shown as a window around the caret.
// A control character in the echoed line (possible in a source the parser refused, E0108, or in a
// line handed in by a caller) is shown as one '?': raw, it could rewrite or hide lines of the
// terminal or CI log the diagnostic is printed to, and one character for one byte keeps the caret
// in place.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "rolec/diagnostic.hpp"

namespace rolec {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `line` with each C0 control character but tab, and DEL, replaced by '?'. Tabs stay: the caret
// line repeats them, so they line up whatever the terminal's tab width.
std::string WithoutControls(std::string line) {
  for (char& c : line) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte == 0x7F) c = '?';
  }
  return line;
}

// The caret run under `line` for a span at 1-based byte `column` covering `length` bytes.
std::string CaretLine(std::string_view line, uint32_t column, uint32_t length) {
  std::string out;
  size_t start = column > 0 ? column - 1 : 0;
  for (size_t i = 0; i < std::min(start, line.size()); ++i) {
    if (line[i] == '\t') {
      out += '\t';
    } else if (!IsContinuationByte(line[i])) {
      out += ' ';
    }
  }
  if (start > line.size()) out.append(start - line.size(), ' ');
  out += '^';
  size_t stop = std::min(line.size(), start + std::max<uint32_t>(length, 1));
  size_t characters = 0;
  for (size_t i = start; i < stop; ++i) {
    if (!IsContinuationByte(line[i])) ++characters;
  }
  if (characters > 1) out.append(characters - 1, '~');
  return out;
}

// A line longer than this is shown as a window around the caret ("..." marks the cut ends), so
// that a minified or garbage file does not flood the terminal.
constexpr size_t kMaxShownLine = 160;
constexpr size_t kContextBeforeCaret = 60;

struct ShownLine {
  std::string text;
  uint32_t column;  // the caret's byte column in `text`
};

ShownLine Window(std::string_view line, uint32_t column) {
  if (line.size() <= kMaxShownLine) return {std::string(line), column};
  size_t caret = column > 0 ? column - 1 : 0;
  size_t begin = caret > kContextBeforeCaret ? caret - kContextBeforeCaret : 0;
  begin = std::min(begin, line.size());
  while (begin > 0 && begin < line.size() && IsContinuationByte(line[begin])) --begin;
  size_t end = std::min(line.size(), begin + kMaxShownLine);
  while (end < line.size() && IsContinuationByte(line[end])) ++end;
  std::string text = begin > 0 ? "..." : "";
  size_t shift = text.size();
  text += line.substr(begin, end - begin);
  if (end < line.size()) text += "...";
  return {std::move(text), static_cast<uint32_t>(caret - begin + shift + 1)};
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

std::string FormatDiagnostic(const Diagnostic& diagnostic) {
  const SourceSpan& span = diagnostic.span;
  std::string out;
  if (span.line > 0) {
    out = fmt::format("{}:{}:{}: ", span.file, span.line, span.column);
  } else if (!span.file.empty()) {
    out = fmt::format("{}: ", span.file);
  }
  out += SeverityName(diagnostic.severity);
  if (!diagnostic.code.empty()) out += fmt::format("[{}]", diagnostic.code);
  out += fmt::format(": {}\n", diagnostic.message);
  if (span.line > 0) {
    std::string number = std::to_string(span.line);
    std::string gutter(number.size(), ' ');
    ShownLine shown = Window(diagnostic.source_line, span.column);
    shown.text = WithoutControls(std::move(shown.text));
    if (shown.text.empty()) {
      out += fmt::format("  {} |\n", number);
    } else {
      out += fmt::format("  {} | {}\n", number, shown.text);
    }
    out += fmt::format("  {} | {}\n", gutter, CaretLine(shown.text, shown.column, span.length));
  }
  if (!diagnostic.help.empty()) out += fmt::format("help: {}\n", diagnostic.help);
  return out;
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace rolec
