// Unit tests of grammar/bidi.h: which characters are bidi controls, and where they lie.
#include "grammar/bidi.h"

#include <string>

#include "grammar/parser.h"
#include "gtest/gtest.h"
#include "rolec/diagnostic.hpp"

namespace rolec::grammar {
namespace {

using Where = BidiControl::Where;

TEST(Bidi, EveryControlIsFound) {
  for (char32_t c : {0x061Cu, 0x200Eu, 0x200Fu, 0x202Au, 0x202Bu, 0x202Cu, 0x202Du, 0x202Eu, 0x2066u,
                     0x2067u, 0x2068u, 0x2069u}) {
    EXPECT_TRUE(IsBidiControl(c));
    EXPECT_STRNE(BidiControlName(c), "");
  }
  for (char32_t c : {0x061Bu, 0x200Du, 0x2029u, 0x202Fu, 0x2065u, 0x206Au, 0x20ACu}) {
    EXPECT_FALSE(IsBidiControl(c));
  }
  const std::string text =
      "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"
      "\u061B\u200D\u2029\u202F\u2065\u206A\u20AC";
  std::vector<BidiControl> found = FindBidiControls(text);
  ASSERT_EQ(found.size(), 12u);
  EXPECT_EQ(found[0].code_point, 0x061Cu);
  EXPECT_EQ(found[0].offset, 0u);
  EXPECT_EQ(found[1].offset, 2u);
  EXPECT_EQ(found[11].code_point, 0x2069u);
}

TEST(Bidi, WhereEachLies) {
  const std::string text =
      "role \"a\u202Eb \\\" \u202E\" \u202E // x \u2066\n"
      "/* \u2067 */ \u2068 \"\u2069";
  std::vector<BidiControl> found = FindBidiControls(text);
  ASSERT_EQ(found.size(), 7u);
  EXPECT_EQ(found[0].where, Where::kString);
  EXPECT_EQ(found[1].where, Where::kString);  // after an escaped quote, still in the string
  EXPECT_EQ(found[2].where, Where::kCode);
  EXPECT_EQ(found[3].where, Where::kComment);
  EXPECT_EQ(found[4].where, Where::kComment);
  EXPECT_EQ(found[5].where, Where::kCode);
  EXPECT_EQ(found[6].where, Where::kString);  // an unterminated string
}

TEST(Bidi, NoneInPlainText) {
  EXPECT_TRUE(FindBidiControls("role \"Global Administrator\" {} // \u20AC").empty());
  EXPECT_TRUE(FindBidiControls("").empty());
}

TEST(Bidi, OutsideStringsAndCommentsIsAnError) {
  ParseResult result = Parse("role \"a\" {}\u202E\n", "t.role");
  EXPECT_EQ(result.file, nullptr);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "E0109");
  EXPECT_EQ(result.diagnostics[0].span.column, 12u);
}

TEST(Bidi, InsideStringsAndCommentsIsAWarning) {
  ParseResult result = Parse("role \"a\u202Eb\" {} // \u2066\n", "t.role");
  ASSERT_NE(result.file, nullptr);
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].code, "W0110");
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(result.diagnostics[0].span.column, 8u);
  EXPECT_EQ(result.diagnostics[1].span.column, 20u);
}

TEST(Bidi, EchoedLinesAndMessagesNeverHoldOne) {
  Diagnostic d;
  d.severity = Severity::kWarning;
  d.code = "W0221";
  d.message = "role 'a\u202Eb' looks like another";
  d.help = "rename '\u2066x'";
  d.span = SourceSpan{"t.role", 1, 16, 6};  // the RLM and "xy"
  d.source_line = "role \"a\u202Eb\" { \u200F\"xy\" }";
  const std::string text = FormatDiagnostic(d);
  EXPECT_EQ(text,
            "t.role:1:16: warning[W0221]: role 'a\\u{202E}b' looks like another\n"
            "  1 | role \"a?b\" { ?\"xy\" }\n"
            "    |              ^~~~\n"
            "help: rename '\\u{2066}x'\n");
}

}  // namespace
}  // namespace rolec::grammar

namespace rolec::grammar {
namespace {

TEST(Bidi, WarningsAreCappedPerFile) {
  std::string text = "role \"";
  for (int i = 0; i < 12; ++i) text += "\u202Ex";
  text += "\" {}\n";
  ParseResult result = Parse(text, "t.role");
  ASSERT_NE(result.file, nullptr);
  ASSERT_EQ(result.diagnostics.size(), 10u);
  EXPECT_NE(result.diagnostics.back().help.find("2 more bidirectional control characters"),
            std::string::npos);
}

}  // namespace
}  // namespace rolec::grammar
