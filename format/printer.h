// format/printer.h — the canonical layout: tokens (lexer.h) -> formatted source text.
//
// The printer reads the token stream with a recursive descent that follows grammar/grammar.h rule
// for rule and prints each construct as docs/fmt.md § Layout describes: two-space indentation,
// metadata keys padded to 11 columns, one list item per line when a list does not stay on one line,
// conditions broken at `and`/`or` with their operands aligned, a blank line between declarations,
// 100 columns. Every comment is printed exactly once, where the lexer attached it.
//
// The tokens must come from a source that grammar::Parse accepted; anything else is an internal
// error (the descent does not report syntax errors, the parser does).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "format/lexer.h"

namespace rolec::format {

// The widest line the layout aims for, in characters (UTF-8 code points). A string literal, an
// action path or a comment longer than that is never broken, so a line may be wider.
inline constexpr int kLineWidth = 100;

absl::StatusOr<std::string> Print(const std::vector<Token>& tokens);

}  // namespace rolec::format
