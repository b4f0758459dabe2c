// tests/format/lexer_test.cc — the formatter's lexer: what is a comment (not `//` in a string or
// between path segments), and which token each comment is attached to.
#include "format/lexer.h"

#include <gtest/gtest.h>

namespace rolec::format {
namespace {

std::vector<Token> MustLex(std::string_view text) {
  absl::StatusOr<std::vector<Token>> tokens = Lex(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  return tokens.ok() ? *std::move(tokens) : std::vector<Token>{};
}

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    if (t.kind != Token::Kind::kEnd) out.push_back(t.text);
  }
  return out;
}

TEST(FmtLexer, SlashesInStringsAndPathsAreNotComments) {
  std::vector<Token> tokens = MustLex(R"(description "a // b /* c */" a.b/c-d/e_f.g//x
)");
  EXPECT_EQ(Texts(tokens), (std::vector<std::string>{"description", R"("a // b /* c */")", "a.b/c-d/e_f.g"}));
  ASSERT_EQ(tokens[2].trailing.size(), 1u);
  EXPECT_EQ(tokens[2].trailing[0].text, "//x");
}

TEST(FmtLexer, EscapedQuotesDoNotEndAString) {
  std::vector<Token> tokens = MustLex(R"("a \" // b \\" c)");
  EXPECT_EQ(Texts(tokens), (std::vector<std::string>{R"("a \" // b \\")", "c"}));
}

TEST(FmtLexer, QualifiedRoleReferenceIsOneWord) {
  std::vector<Token> tokens = MustLex(R"(entra."Global Reader", entra.x target.kind==user a!=b)");
  EXPECT_EQ(Texts(tokens), (std::vector<std::string>{R"(entra."Global Reader")", ",", "entra.x",
                                                    "target.kind", "==", "user", "a", "!=", "b"}));
  EXPECT_EQ(tokens[4].kind, Token::Kind::kOperator);
}

TEST(FmtLexer, CommentsAreLeadingInlineOrTrailing) {
  std::vector<Token> tokens = MustLex(
      "a /* t1 */ // t2\n"
      "// l1\n"
      "\n"
      "/* l2 */\n"
      "/* i1 */ b /* i2 */ c\n"
      "// end\n");
  ASSERT_EQ(Texts(tokens), (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(tokens[0].trailing.size(), 1u);
  EXPECT_EQ(tokens[0].trailing[0].text, "/* t1 */ // t2");  // one line, one comment
  ASSERT_EQ(tokens[1].leading.size(), 2u);
  EXPECT_FALSE(tokens[1].leading[0].blank_before);
  EXPECT_TRUE(tokens[1].leading[1].blank_before);
  ASSERT_EQ(tokens[1].inline_before.size(), 1u);
  EXPECT_EQ(tokens[1].inline_before[0].text, "/* i1 */");
  ASSERT_EQ(tokens[2].inline_before.size(), 1u);
  EXPECT_EQ(tokens[3].kind, Token::Kind::kEnd);
  ASSERT_EQ(tokens[3].leading.size(), 1u);
  EXPECT_EQ(tokens[3].leading[0].text, "// end");
  EXPECT_EQ(CommentTexts(tokens), (std::vector<std::string>{"/* t1 */ // t2", "// l1", "/* l2 */",
                                                           "/* i1 */", "/* i2 */", "// end"}));
}

TEST(FmtLexer, CommentsSharingALineStayTogether) {
  std::vector<Token> tokens = MustLex("/* a\n b *//// not doc\n/**/  /**/ x");
  ASSERT_EQ(tokens[0].leading.size(), 1u);
  EXPECT_EQ(tokens[0].leading[0].text, "/* a\n b *//// not doc");
  ASSERT_EQ(tokens[0].inline_before.size(), 1u);
  EXPECT_EQ(tokens[0].inline_before[0].text, "/**/ /**/");
}

TEST(FmtLexer, CarriageReturnsAndTrailingBlanksLeaveComments) {
  std::vector<Token> tokens = MustLex("a // x  \t\r\n/* y  \r\n z */\r\nb");
  ASSERT_EQ(tokens[0].trailing.size(), 1u);
  EXPECT_EQ(tokens[0].trailing[0].text, "// x");
  ASSERT_EQ(tokens[1].leading.size(), 1u);
  EXPECT_EQ(tokens[1].leading[0].text, "/* y\n z */");
}

TEST(FmtLexer, BlankLineBeforeATokenIsRecorded) {
  std::vector<Token> tokens = MustLex("a\n\n\nb\nc");
  EXPECT_TRUE(tokens[1].blank_before);
  EXPECT_FALSE(tokens[2].blank_before);
  EXPECT_EQ(tokens[2].line, 5u);
}

TEST(FmtLexer, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(Texts(MustLex("\xEF\xBB\xBFmodule m")), (std::vector<std::string>{"module", "m"}));
}

TEST(FmtLexer, UnexpectedBytesAreInternalErrors) {
  EXPECT_EQ(Lex("a ; b").status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(Lex("\"open").status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(Lex("/* open").status().code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace rolec::format
