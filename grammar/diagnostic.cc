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
// in place. Bidirectional and C1 controls are shown as one '?' in the echoed line and as \u{XXXX}
// in the message and help (docs/diagnostics.md).
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

// The length of a character at `line[i]` that the echoed line shows as one '?' and a message as
// \u{XXXX}: a bidirectional control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which
// would reorder the displayed line ("Trojan Source"), or a C1 control (U+0080–U+009F), which some
// terminals obey. 0 for anything else.
size_t HiddenLength(std::string_view line, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(line[k]); };
  if (i + 1 < line.size() && byte(i) == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) return 2;
  if (i + 1 < line.size() && byte(i) == 0xD8 && byte(i + 1) == 0x9C) return 2;
  if (i + 2 >= line.size() || byte(i) != 0xE2) return 0;
  const unsigned char second = byte(i + 1), third = byte(i + 2);
  if (second == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xAA && third <= 0xAE))) return 3;
  if (second == 0x81 && third >= 0xA6 && third <= 0xA9) return 3;
  return 0;
}

// `line` with each such character as one '?'. Done after the caret line is computed (the caret
// counts it as the one character it is), so the caret stays under the right character.
std::string WithoutHidden(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    if (size_t length = HiddenLength(line, i); length > 0) {
      out += '?';
      i += length;
    } else {
      out += line[i++];
    }
  }
  return out;
}

// `text` (a message or a help line) with each such character written as \u{XXXX}.
std::string EscapeHidden(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (size_t length = HiddenLength(text, i); length > 0) {
      uint32_t c = length == 2 ? ((static_cast<unsigned char>(text[i]) & 0x1F) << 6) |
                                     (static_cast<unsigned char>(text[i + 1]) & 0x3F)
                               : ((static_cast<unsigned char>(text[i]) & 0x0F) << 12) |
                                     ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
                                     (static_cast<unsigned char>(text[i + 2]) & 0x3F);
      out += fmt::format("\\u{{{:04X}}}", c);
      i += length;
    } else {
      out += text[i++];
    }
  }
  return out;
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
  out += fmt::format(": {}\n", EscapeHidden(diagnostic.message));
  if (span.line > 0) {
    std::string number = std::to_string(span.line);
    std::string gutter(number.size(), ' ');
    ShownLine shown = Window(diagnostic.source_line, span.column);
    shown.text = WithoutControls(std::move(shown.text));
    const std::string carets = CaretLine(shown.text, shown.column, span.length);
    if (shown.text.empty()) {
      out += fmt::format("  {} |\n", number);
    } else {
      out += fmt::format("  {} | {}\n", number, WithoutHidden(shown.text));
    }
    out += fmt::format("  {} | {}\n", gutter, carets);
  }
  if (!diagnostic.help.empty()) out += fmt::format("help: {}\n", EscapeHidden(diagnostic.help));
  return out;
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace rolec
