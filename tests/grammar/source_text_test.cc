// Tests of grammar/source_text.h: positions, UTF-8 validation, string literals, condition text, and
// SourceLine from parser.h.
#include "grammar/source_text.h"

#include <string>

#include <gtest/gtest.h>

#include "grammar/parser.h"

namespace rolec::grammar {
namespace {

TEST(LineIndex, LocatesOffsetsInAnyOrder) {
  std::string text = "ab\ncd\r\n\nef";
  LineIndex lines(text);
  auto at = [&](size_t offset) {
    LineColumn position = lines.Locate(offset);
    return std::to_string(position.line) + ":" + std::to_string(position.column);
  };
  EXPECT_EQ(at(0), "1:1");
  EXPECT_EQ(at(2), "1:3");
  EXPECT_EQ(at(3), "2:1");
  EXPECT_EQ(at(8), "4:1");
  EXPECT_EQ(at(1), "1:2");
  EXPECT_EQ(at(7), "3:1");
  EXPECT_EQ(at(10), "4:3");
  EXPECT_EQ(at(999), "4:3");  // clamped to the end
  EXPECT_EQ(lines.LineEnd(1), 2u);
  EXPECT_EQ(lines.LineEnd(2), 5u);  // before "\r\n"
  EXPECT_EQ(lines.LineEnd(3), 7u);
  EXPECT_EQ(lines.LineEnd(4), 10u);
}

TEST(SourceLine, ReturnsTheLineWithoutItsEnding) {
  std::string text = "one\r\ntwo\n\nfour";
  EXPECT_EQ(SourceLine(text, 1), "one");
  EXPECT_EQ(SourceLine(text, 2), "two");
  EXPECT_EQ(SourceLine(text, 3), "");
  EXPECT_EQ(SourceLine(text, 4), "four");
  EXPECT_EQ(SourceLine(text, 5), "");
  EXPECT_EQ(SourceLine(text, 0), "");
  EXPECT_EQ(SourceLine("", 1), "");
}

TEST(FindInvalidByte, AcceptsUtf8AndRejectsTheRest) {
  EXPECT_FALSE(FindInvalidByte("plain ascii\n\t").has_value());
  EXPECT_FALSE(FindInvalidByte("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9D\x84\x9E \xF4\x8F\xBF\xBF").has_value());
  using Kind = InvalidByte::Kind;
  struct Case {
    std::string text;
    size_t offset;
    Kind kind;
  };
  for (const Case& c :
       {Case{std::string("ab\0c", 4), 2, Kind::kNul}, Case{"a\x80", 1, Kind::kNotUtf8},
        Case{"\xC1\xBF", 0, Kind::kNotUtf8}, Case{"\xE0\x9F\xBF", 0, Kind::kNotUtf8},
        Case{"\xED\xA0\x80", 0, Kind::kNotUtf8}, Case{"\xF0\x8F\xBF\xBF", 0, Kind::kNotUtf8},
        Case{"\xF4\x90\x80\x80", 0, Kind::kNotUtf8}, Case{"\xF5\x80\x80\x80", 0, Kind::kNotUtf8},
        Case{"xy\xE2\x9C", 2, Kind::kNotUtf8}, Case{"\xC3(", 0, Kind::kNotUtf8}}) {
    auto bad = FindInvalidByte(c.text);
    ASSERT_TRUE(bad.has_value()) << c.offset;
    EXPECT_EQ(bad->offset, c.offset);
    EXPECT_EQ(bad->kind, c.kind);
  }
}

TEST(FindInvalidByte, RejectsControlCharactersButTabAndLineBreaks) {
  using Kind = InvalidByte::Kind;
  EXPECT_FALSE(FindInvalidByte("a\tb\nc\r\nd\r\n").has_value());
  struct Case {
    std::string text;
    size_t offset;
  };
  for (const Case& c : {Case{"role \"Help\x1b[2Kdesk\"", 10}, Case{"// ring\x07\n", 7},
                        Case{"\"a\x7f\"", 2}, Case{"back\bspace", 4}, Case{"form\ffeed", 4},
                        Case{"vertical\vtab", 8}, Case{"lone\rcr\n", 4},
                        Case{"cr at the end\r", 13},
                        Case{"crcrlf\r\r\n", 6}, Case{"\xC3\xA9\x1b", 2}}) {
    auto bad = FindInvalidByte(c.text);
    ASSERT_TRUE(bad.has_value()) << c.text;
    EXPECT_EQ(bad->offset, c.offset) << c.text;
    EXPECT_EQ(bad->kind, Kind::kControl) << c.text;
  }
}

TEST(FindInvalidByte, EveryAsciiByteAtEveryPlaceOfAWord) {
  // The check reads eight bytes at a time: each byte value, at each offset of a word and across a
  // word boundary, must be judged as when it is alone.
  using Kind = InvalidByte::Kind;
  for (int value = 0; value < 0x80; ++value) {
    const char byte = static_cast<char>(value);
    const bool allowed = (value >= 0x20 && value < 0x7F) || byte == '\t' || byte == '\n';
    for (size_t at = 0; at < 24; ++at) {
      std::string text(32, 'x');
      text[at] = byte;
      auto bad = FindInvalidByte(text);
      if (allowed) {
        EXPECT_FALSE(bad.has_value()) << value << " at " << at;
        continue;
      }
      ASSERT_TRUE(bad.has_value()) << value << " at " << at;
      EXPECT_EQ(bad->offset, at) << value;
      EXPECT_EQ(bad->kind, value == 0 ? Kind::kNul : Kind::kControl) << value;
    }
  }
}

TEST(SanitizeUtf8, ReplacesBadBytesKeepingTheLength) {
  std::string text = std::string("a\xFF\xC3\xA9", 4) + std::string(1, '\0') + "\xE2\x9C";
  std::string clean = SanitizeUtf8(text);
  EXPECT_EQ(clean, "a?\xC3\xA9???");
  EXPECT_EQ(clean.size(), text.size());
}

TEST(Utf8SequenceLength, CountsBytesOfOneCharacter) {
  std::string text = "a\xC3\xA9\xE2\x9C\x93\xF0\x9D\x84\x9E\xFF";
  EXPECT_EQ(Utf8SequenceLength(text, 0), 1u);
  EXPECT_EQ(Utf8SequenceLength(text, 1), 2u);
  EXPECT_EQ(Utf8SequenceLength(text, 3), 3u);
  EXPECT_EQ(Utf8SequenceLength(text, 6), 4u);
  EXPECT_EQ(Utf8SequenceLength(text, 10), 1u);
  EXPECT_EQ(Utf8SequenceLength(text, 99), 1u);
}

TEST(Unescape, DecodesTheFourEscapes) {
  EXPECT_EQ(Unescape(R"("plain")"), "plain");
  EXPECT_EQ(Unescape(R"("")"), "");
  EXPECT_EQ(Unescape(R"("a\"b\\c\nd\te")"), "a\"b\\c\nd\te");
  EXPECT_EQ(Unescape(R"("\\n")"), "\\n");
}

TEST(NormalizeConditionText, CollapsesWhitespaceDropsCommentsKeepsStrings) {
  EXPECT_EQ(NormalizeConditionText("a   and\n\tb"), "a and b");
  EXPECT_EQ(NormalizeConditionText("a // c\n and /* d */ b /* e */"), "a and b");
  EXPECT_EQ(NormalizeConditionText("x == \"two  spaces // /* \\\" \""), "x == \"two  spaces // /* \\\" \"");
  EXPECT_EQ(NormalizeConditionText("  (a)  "), "(a)");
  EXPECT_EQ(NormalizeConditionText("a/*x*/b"), "a b");
}

}  // namespace
}  // namespace rolec::grammar
