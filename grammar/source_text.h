// grammar/source_text.h — byte-level helpers for source text: positions, UTF-8, string literals.
//
// The parser works on bytes; these helpers turn byte offsets into 1-based line/column positions,
// check that a source is UTF-8 text without stray control characters before parsing, decode string
// literals and normalise the text of a condition. Internal to grammar/ (the public entry is
// parser.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::grammar {

struct LineColumn {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in bytes
};

// Line starts of a text, for turning offsets into positions in O(log lines) — O(1) when offsets are
// asked for in increasing order, as the parser does.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  LineColumn Locate(size_t offset) const;
  // The offset just past the content of `line` (before its "\n" or "\r\n").
  size_t LineEnd(uint32_t line) const;

 private:
  std::string_view text_;
  std::vector<size_t> starts_;  // starts_[i]: offset of line i + 1
  mutable size_t last_ = 0;     // the line index found last
};

struct InvalidByte {
  enum class Kind : uint8_t {
    kNul,       // a byte 0x00 (E0105)
    kNotUtf8,   // not valid UTF-8: a stray, overlong, surrogate or truncated sequence (E0105)
    kControl,   // a control character that may not appear raw in a source (E0108)
  };
  size_t offset = 0;
  Kind kind = Kind::kNotUtf8;
};

// The first byte that makes `text` something other than a .role source's bytes: UTF-8 text without
// NULs, and without control characters (C0 and DEL) other than tab, line feed, and a carriage
// return just before a line feed. Raw in a string or a comment, a control character could reach a terminal
// or a CI log through a diagnostic and rewrite or hide its lines (docs/security.md), so the parser
// refuses it before anything else looks at the text.
std::optional<InvalidByte> FindInvalidByte(std::string_view text);

// `text` with every byte that is not part of valid UTF-8, and every NUL, replaced by '?': valid
// UTF-8 of the same length, so that byte columns still line up. (Other control characters are left
// to FormatDiagnostic, which shows every one of them as '?' when it echoes a line.)
std::string SanitizeUtf8(std::string_view text);

// The length in bytes of the UTF-8 sequence that starts at `offset` (1 for ASCII or a broken byte).
size_t Utf8SequenceLength(std::string_view text, size_t offset);

// The contents of a string literal (`"..."`, quotes included) with its escapes decoded.
// INVARIANT: `quoted` matched the grammar's string_literal, so every escape is valid.
std::string Unescape(std::string_view quoted);

// A condition's source text as Condition::text holds it: comments dropped, each run of whitespace
// (and comments) collapsed to one space, no leading or trailing space; string literals verbatim.
std::string NormalizeConditionText(std::string_view text);

}  // namespace rolec::grammar
