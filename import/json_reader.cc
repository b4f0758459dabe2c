// import/json_reader.cc — nlohmann's SAX parser, with positions (json_reader.h).
#include "import/json_reader.h"

#include <algorithm>
#include <exception>
#include <iterator>
#include <utility>

#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace rolec::import {
namespace {

// A pointer into the text that publishes, on every step, how far nlohmann has read.
class CountingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator() = default;
  CountingIterator(const char* at, const char** progress) : at_(at), progress_(progress) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    if (progress_ != nullptr) *progress_ = at_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& other) const { return at_ == other.at_; }
  bool operator!=(const CountingIterator& other) const { return at_ != other.at_; }

 private:
  const char* at_ = nullptr;
  const char** progress_ = nullptr;
};

// `text` with each byte that is not part of a well-formed UTF-8 sequence written as \xNN: nlohmann
// quotes the bytes it read in its messages ("last read: '...'"), and a message must be text.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t extra = lead < 0x80                     ? 0
                   : (lead >= 0xC2 && lead < 0xE0) ? 1
                   : (lead >= 0xE0 && lead < 0xF0) ? 2
                   : (lead >= 0xF0 && lead < 0xF5) ? 3
                                                   : 4;
    bool ok = extra < 4;
    for (size_t k = 1; ok && k <= extra; ++k) {
      ok = i + k < text.size() && (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (ok) {
      out.append(text.substr(i, extra + 1));
      i += extra + 1;
    } else {
      out += fmt::format("\\x{:02x}", lead);
      ++i;
    }
  }
  return out;
}

bool IsNumberByte(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// The SAX handler: builds the JsonValue tree, with ranges from the reader's progress.
class TreeBuilder {
 public:
  using json = nlohmann::json;
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  TreeBuilder(std::string_view text, const char** progress, size_t max_depth)
      : text_(text), progress_(progress), max_depth_(max_depth) {}

  bool null() { return Literal(JsonValue::Kind::kNull, false, 4); }
  bool boolean(bool value) { return Literal(JsonValue::Kind::kBool, value, value ? 4 : 5); }
  bool number_integer(number_integer_t) { return Number(); }
  bool number_unsigned(number_unsigned_t) { return Number(); }
  bool number_float(number_float_t, const string_t&) { return Number(); }
  bool binary(binary_t&) {
    return Fail("binary data is not JSON", Read());
  }  // not reachable from text

  bool string(string_t& value) {
    JsonValue v;
    v.kind = JsonValue::Kind::kString;
    v.string = std::move(value);
    v.range = StringRange();
    return Attach(std::move(v));
  }

  bool start_object(std::size_t) { return Open(JsonValue::Kind::kObject); }
  bool start_array(std::size_t) { return Open(JsonValue::Kind::kArray); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(string_t& key) {
    JsonMember member;
    member.key = std::move(key);
    member.key_range = StringRange();
    open_.back().members.push_back(std::move(member));
    return true;
  }

  bool parse_error(std::size_t, const std::string& last_token,
                   const nlohmann::detail::exception& ex) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> the
    // part after the position, which the diagnostic gives itself.
    std::string message = ex.what();
    const size_t prefix = message.find("parse error");
    if (prefix != std::string::npos) {
      const size_t colon = message.find(": ", prefix);
      if (colon != std::string::npos) message = message.substr(colon + 2);
    }
    // At the byte that broke the JSON; a whole string that is out of place, at its opening quote.
    const size_t read = Read();
    size_t at = read > 0 ? read - 1 : 0;
    if (message.find("unexpected string literal") != std::string::npos && last_token.size() >= 2 &&
        last_token.front() == '"' && read > 0 && text_[read - 1] == '"') {
      at = StringRange().offset;
    }
    return Fail(ValidUtf8(message), at);
  }

  JsonReadResult Finish(bool parsed) {
    JsonReadResult result;
    if (!parsed || failed_) {
      result.error = failed_ ? error_ : "invalid JSON";
      result.error_offset = error_offset_;
      return result;
    }
    result.ok = true;
    result.root = std::move(root_);
    return result;
  }

 private:
  size_t Read() const { return static_cast<size_t>(*progress_ - text_.data()); }

  bool Fail(std::string message, size_t offset) {
    if (!failed_) {
      failed_ = true;
      error_ = std::move(message);
      error_offset_ = std::min(offset, text_.empty() ? 0 : text_.size() - 1);
    }
    return false;
  }

  // The string token that ends where the parser stands: from the first '"' before its closing
  // quote that is not escaped (preceded by an even number of backslashes). Inside a JSON string
  // every '"' is escaped, and the byte before the opening quote is never a backslash.
  JsonRange StringRange() const {
    const size_t end = Read();  // one past the closing quote
    size_t i = end >= 2 ? end - 2 : 0;
    while (i > 0) {
      if (text_[i] == '"') {
        size_t backslashes = 0;
        while (backslashes < i && text_[i - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) break;
      }
      --i;
    }
    return JsonRange{i, end - i};
  }

  bool Literal(JsonValue::Kind kind, bool value, size_t length) {
    JsonValue v;
    v.kind = kind;
    v.boolean = value;
    const size_t end = Read();
    v.range = JsonRange{end >= length ? end - length : 0, length};
    return Attach(std::move(v));
  }

  // The parser has read one byte past a number unless the number ends the text.
  bool Number() {
    size_t end = Read();
    if (end > 0 && !IsNumberByte(text_[end - 1])) --end;
    size_t start = end;
    while (start > 0 && IsNumberByte(text_[start - 1])) --start;
    JsonValue v;
    v.kind = JsonValue::Kind::kNumber;
    v.range = JsonRange{start, std::max<size_t>(1, end - start)};
    return Attach(std::move(v));
  }

  bool Open(JsonValue::Kind kind) {
    const size_t at = Read() - 1;  // the bracket just read
    if (open_.size() >= max_depth_) {
      return Fail(fmt::format("JSON nested deeper than {} levels", max_depth_), at);
    }
    JsonValue v;
    v.kind = kind;
    v.range = JsonRange{at, 1};
    open_.push_back(std::move(v));
    return true;
  }

  bool Close() {
    JsonValue v = std::move(open_.back());
    open_.pop_back();
    v.range.length = Read() - v.range.offset;
    return Attach(std::move(v));
  }

  bool Attach(JsonValue v) {
    if (open_.empty()) {
      root_ = std::move(v);
    } else if (open_.back().kind == JsonValue::Kind::kArray) {
      open_.back().items.push_back(std::move(v));
    } else {
      open_.back().members.back().value = std::move(v);
    }
    return true;
  }

  std::string_view text_;
  const char** progress_;
  size_t max_depth_;
  std::vector<JsonValue> open_;  // the arrays and objects being read, outermost first
  JsonValue root_;
  bool failed_ = false;
  std::string error_;
  size_t error_offset_ = 0;
};

}  // namespace

std::string_view KindName(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::kNull:
      return "null";
    case JsonValue::Kind::kBool:
      return "a boolean";
    case JsonValue::Kind::kNumber:
      return "a number";
    case JsonValue::Kind::kString:
      return "a string";
    case JsonValue::Kind::kArray:
      return "an array";
    case JsonValue::Kind::kObject:
      return "an object";
  }
  return "a value";
}

JsonReadResult ReadJson(std::string_view text, size_t max_bytes, size_t max_depth) {
  if (text.size() > max_bytes) {
    JsonReadResult result;
    result.error =
        fmt::format("file is too large: {} bytes (the limit is {})", text.size(), max_bytes);
    return result;
  }
  const char* progress = text.data();
  TreeBuilder builder(text, &progress, max_depth);
  try {
    const bool parsed =
        nlohmann::json::sax_parse(CountingIterator(text.data(), &progress),
                                  CountingIterator(text.data() + text.size(), nullptr), &builder);
    return builder.Finish(parsed);
  } catch (const std::exception& e) {
    // nlohmann reports syntax errors through parse_error; anything thrown is the host's problem
    // (memory), reported at the place reached rather than let out of the API.
    JsonReadResult result;
    result.error = fmt::format("cannot read the JSON: {}", e.what());
    result.error_offset = static_cast<size_t>(progress - text.data());
    if (!text.empty()) result.error_offset = std::min(result.error_offset, text.size() - 1);
    return result;
  }
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

uint32_t LineIndex::Line(size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<uint32_t>(it - starts_.begin());
}

uint32_t LineIndex::Column(size_t offset) const {
  return static_cast<uint32_t>(offset - starts_[Line(offset) - 1] + 1);
}

std::string_view LineIndex::LineText(uint32_t line) const {
  if (line == 0 || line > starts_.size()) return {};
  const size_t start = starts_[line - 1];
  // A '\r' belongs to the line break only directly before its '\n' (as the parser counts lines).
  const bool has_break = line < starts_.size();
  size_t end = has_break ? starts_[line] - 1 : text_.size();
  if (has_break && end > start && text_[end - 1] == '\r') --end;
  return text_.substr(start, end - start);
}

uint32_t LineIndex::LengthOnLine(size_t offset, size_t length) const {
  const uint32_t line = Line(offset);
  const size_t line_end = starts_[line - 1] + LineText(line).size();
  const size_t room = line_end > offset ? line_end - offset : 1;
  return static_cast<uint32_t>(std::max<size_t>(1, std::min(length, room)));
}

}  // namespace rolec::import
