// format/lexer.h — the tokens and comments of a .role source, for the formatter.
//
// The parser (grammar/) treats comments as whitespace; the formatter must keep them, so it reads the
// source a second time, here, into tokens with the comments attached to them. Only a source that
// grammar::Parse accepted is lexed, so the lexer need not report errors in detail: an unexpected
// byte is an internal error of the formatter.
//
// Tokens: a word (an identifier, a keyword, an action path, a qualified name or subject such as
// `entra.helpdesk_resettable` or `target.kind`, and `entra."Role"` merged into one word), a string
// literal (as written, escapes and all), an operator (`==`, `!=`) or one punctuation character
// (`{ } [ ] ( ) , = @`). `//` inside a string or an action path is not a comment.
//
// Comments are attached by position (docs/fmt.md § Comments):
//   trailing — starts on the line where the previous token ends and no token follows it on its line:
//              printed after that token, and the rest of the construct starts a new line;
//   inline   — a block comment with a token after it on its line: printed just before that token;
//   leading  — every other comment (alone on its line): printed on its own line before the token.
// Comments after the last token are the file's end comments (leading comments of the end). Two
// comments on one line with no token between them are one comment (`/* a */ // b`): a `///`
// after a block comment on its line is an ordinary comment, and must stay on that line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace rolec::format {

struct Comment {
  std::string text;           // as written, without trailing blanks on each line, no '\r'
  bool blank_before = false;  // a blank line separates it from what precedes it
};

struct Token {
  enum class Kind : uint8_t { kWord, kString, kOperator, kPunct, kEnd };
  Kind kind = Kind::kWord;
  std::string text;
  uint32_t line = 0;          // 1-based, of the token's first byte
  bool blank_before = false;  // a blank line directly before the token (after its leading comments)
  std::vector<Comment> leading;
  std::vector<Comment> inline_before;
  std::vector<Comment> trailing;

  bool Is(std::string_view s) const { return kind != Kind::kString && kind != Kind::kEnd && text == s; }
  bool HasComments() const { return !leading.empty() || !inline_before.empty(); }
};

// The tokens of `text`, ending with one token of kind kEnd (which holds the file's end comments as
// `leading`). A leading byte order mark is skipped. Fails (Internal) on a byte no token starts with.
absl::StatusOr<std::vector<Token>> Lex(std::string_view text);

// Every comment of `tokens`, in source order: what the formatter must print, each exactly once.
std::vector<std::string> CommentTexts(const std::vector<Token>& tokens);

// The comments of `tokens` as one text, joined by spaces, every run of blanks and line breaks
// one space: what must be the same before and after formatting. (Printing two trailing comments
// of adjacent tokens on one line makes them one comment when read again; that is not a change.)
std::string CommentStream(const std::vector<Token>& tokens);

}  // namespace rolec::format
