// format/ast_equivalence.h — what "the formatter preserves the AST" means, as a comparable text.
//
// The AST dump (grammar/ast_dump.h, the one tests/golden/parse compares) with what a change of
// layout changes by necessity taken out: every span (`@line:column+length`); in each condition's
// source text, the blanks next to `(`, `)`, `[`, `]`, `,`, `=` and `!`, and the trailing comma of a
// value list (the text keeps the author's spacing: `( a )`, `a==b` and `[x, y,]` print as `(a)`,
// `a == b` and `[x, y]`); and blanks at the end of a doc comment's lines (the formatter removes
// trailing whitespace everywhere). Everything else — every name, string, path, flag, value,
// operator, the shape of every condition, every doc comment's text — must be equal.
#pragma once

#include <string>

#include "grammar/ast.h"

namespace rolec::format {

// `file`'s doc comments lose their trailing blanks (in place); the result is the normalized dump.
std::string ComparableAst(grammar::File& file);

}  // namespace rolec::format
