// grammar/source_text.cc — positions, UTF-8 checks and literal decoding for source text.
#include "grammar/source_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace rolec::grammar {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  const char* data = text.data();
  const char* end = data + text.size();
  for (const char* p = data; p < end;) {
    const void* found = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (found == nullptr) break;
    p = static_cast<const char*>(found) + 1;
    starts_.push_back(static_cast<size_t>(p - data));
  }
}

LineColumn LineIndex::Locate(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto contains = [&](size_t line) {
    return starts_[line] <= offset && (line + 1 == starts_.size() || offset < starts_[line + 1]);
  };
  if (!contains(last_)) {
    if (last_ + 1 < starts_.size() && contains(last_ + 1)) {
      ++last_;
    } else {
      auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
      last_ = static_cast<size_t>(after - starts_.begin()) - 1;
    }
  }
  return {static_cast<uint32_t>(last_ + 1), static_cast<uint32_t>(offset - starts_[last_] + 1)};
}

size_t LineIndex::LineEnd(uint32_t line) const {
  if (line == 0 || line > starts_.size()) return text_.size();
  size_t end = line < starts_.size() ? starts_[line] - 1 : text_.size();  // at the "\n", or EOF
  if (end > starts_[line - 1] && text_[end - 1] == '\r') --end;
  return end;
}

namespace {

// The length of the valid UTF-8 sequence at `offset`, or 0 if the bytes there are not one.
size_t ValidSequenceLength(std::string_view text, size_t offset) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(offset);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char min_second = 0x80, max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;
  }
  if (offset + length > text.size()) return 0;
  if (byte(offset + 1) < min_second || byte(offset + 1) > max_second) return 0;
  for (size_t i = 2; i < length; ++i) {
    if ((byte(offset + i) & 0xC0) != 0x80) return 0;
  }
  return length;
}

// True if some byte of `word` is not printable ASCII (0x20..0x7E): below 0x20, DEL, or 0x80 and up.
// The usual SWAR tests ("has a byte less than n", "has a zero byte"); a false positive only sends
// the word to the byte-by-byte path.
bool NeedsByteCheck(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101u;
  constexpr uint64_t kHighBits = 0x8080808080808080u;
  const uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighBits;
  const uint64_t xor_del = word ^ (kOnes * 0x7F);
  const uint64_t has_del = (xor_del - kOnes) & ~xor_del & kHighBits;
  return ((word & kHighBits) | below_space | has_del) != 0;
}

}  // namespace

std::optional<InvalidByte> FindInvalidByte(std::string_view text) {
  using Kind = InvalidByte::Kind;
  const size_t size = text.size();
  for (size_t i = 0; i < size;) {
    // Fast path: eight printable ASCII bytes.
    if (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if (!NeedsByteCheck(word)) {
        i += 8;
        continue;
      }
    }
    // Something in these eight bytes needs a look (a line break, a tab, UTF-8, a bad byte): one by
    // one, then; a UTF-8 sequence may end past them.
    for (const size_t stop = std::min(i + 8, size); i < stop;) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n') {
        ++i;
      } else if (c == '\r' && i + 1 < size && text[i + 1] == '\n') {
        i += 2;
      } else if (c == 0) {
        return InvalidByte{i, Kind::kNul};
      } else if (c < 0x80) {
        return InvalidByte{i, Kind::kControl};  // C0 but tab and line breaks, a lone CR, DEL
      } else if (size_t length = ValidSequenceLength(text, i); length > 0) {
        i += length;
      } else {
        return InvalidByte{i, Kind::kNotUtf8};
      }
    }
  }
  return std::nullopt;
}

std::string SanitizeUtf8(std::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size();) {
    size_t length = out[i] == '\0' ? 0 : ValidSequenceLength(out, i);
    if (length == 0) {
      out[i] = '?';
      length = 1;
    }
    i += length;
  }
  return out;
}

size_t Utf8SequenceLength(std::string_view text, size_t offset) {
  if (offset >= text.size()) return 1;
  return std::max<size_t>(1, ValidSequenceLength(text, offset));
}

std::string Unescape(std::string_view quoted) {
  std::string_view body = quoted.substr(1, quoted.size() - 2);
  if (body.find('\\') == std::string_view::npos) return std::string(body);
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    char escaped = body[++i];
    out += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;  // \" and \\ stand for themselves
  }
  return out;
}

std::string NormalizeConditionText(std::string_view text) {
  // Most conditions are written on one line with single spaces: nothing to do.
  bool plain = !text.empty() && text.front() != ' ' && text.back() != ' ';
  for (size_t i = 0; plain && i < text.size(); ++i) {
    char c = text[i];
    plain = c != '/' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v' &&
            !(c == ' ' && i + 1 < text.size() && text[i + 1] == ' ');
  }
  if (plain) return std::string(text);
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto emit = [&](char c) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += c;
  };
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"') {
      emit(c);
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        out += text[i];
        if (text[i] == '\\' && i + 1 < text.size()) out += text[++i];
      }
      if (i < text.size()) out += text[i++];
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      size_t newline = text.find('\n', i);
      i = newline == std::string_view::npos ? text.size() : newline;
      pending_space = true;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t close = text.find("*/", i + 2);
      i = close == std::string_view::npos ? text.size() : close + 2;
      pending_space = true;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      pending_space = true;
      ++i;
    } else {
      emit(c);
      ++i;
    }
  }
  return out;
}

}  // namespace rolec::grammar
