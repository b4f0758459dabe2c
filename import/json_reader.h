// import/json_reader.h — JSON text -> a small tree of values that know where they are in the text.
//
// Debian 12's nlohmann-json (3.11.2) reports no positions for values, only for parse errors. The
// reader keeps nlohmann's parser (it validates the JSON, UTF-8 included) and drives it through
// its SAX interface over an iterator that records how far the parser has read. At each SAX event
// the parser has read exactly to the end of the token (a number: one byte past it), so the end is
// known, and the start follows from the token: '{' and '[' are one byte, a literal its own length,
// a string starts at the first unescaped '"' before its closing one, a number at the first byte
// before its end that cannot be part of a number. Offsets become line:column on demand.
//
// Bounded: the text's size is checked before parsing, and the nesting depth while parsing (the SAX
// handler stops nlohmann at the bracket that opens one level too many). nlohmann's parser is
// iterative, so no input reaches the stack; the tree is walked by the importer to a bounded depth.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::import {

struct JsonMember;

// A byte range of the JSON text.
struct JsonRange {
  size_t offset = 0;
  size_t length = 1;
};

struct JsonValue {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string string;               // a string's decoded value
  JsonRange range;                  // the whole value as written (a string with its quotes)
  std::vector<JsonValue> items;     // an array's
  std::vector<JsonMember> members;  // an object's, in the text's order (duplicates kept)
};

struct JsonMember {
  std::string key;
  JsonRange key_range;  // the key with its quotes
  JsonValue value;
};

// "null", "a boolean", "a number", "a string", "an array", "an object".
std::string_view KindName(JsonValue::Kind kind);

struct JsonReadResult {
  bool ok = false;
  JsonValue root;
  // When !ok: what is wrong and where (one error: JSON has no recovery).
  std::string error;
  size_t error_offset = 0;
};

JsonReadResult ReadJson(std::string_view text, size_t max_bytes, size_t max_depth);

// Offsets of a text as 1-based lines and byte columns.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  uint32_t Line(size_t offset) const;
  uint32_t Column(size_t offset) const;
  // The text of a 1-based line, without its line break.
  std::string_view LineText(uint32_t line) const;
  // How many bytes of [offset, offset + length) lie on offset's line (at least 1).
  uint32_t LengthOnLine(size_t offset, size_t length) const;

 private:
  std::string_view text_;
  std::vector<size_t> starts_;  // offset of each line's first byte
};

}  // namespace rolec::import
