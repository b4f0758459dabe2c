// rolec/source.hpp — what a tool needs of .role source text besides compiling it: the AST dump,
// whether a file declares anything, the line a diagnostic points at, and the edit distance the
// "did you mean" suggestions are made with.
//
//   std::optional<std::string> ast = rolec::DumpAst(text, "contoso.role");
//   if (!ast) { /* a syntax error: rolec::Compile reports it with its location */ }
//
// Implemented by the front end (grammar/); the CLI uses these instead of the parser's own headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rolec/export.h"

namespace rolec {

// The file's AST as indented text, one node per line (the format of `rolec compile --dump-ast`
// and of the AST golden files); nullopt when the text has a syntax error.
ROLEC_API std::optional<std::string> DumpAst(std::string_view text, std::string_view path);

// Whether the text parses and declares nothing: no role, set, action or test (an empty file, one of
// comments only, or `module`/`import` lines alone). False for a text with a syntax error.
ROLEC_API bool DeclaresNothing(std::string_view text, std::string_view path);

// Line `line` (1-based) of `text` without its line ending, as Diagnostic::source_line holds it;
// "" when out of range.
ROLEC_API std::string SourceLine(std::string_view text, uint32_t line);

// The byte-wise, case-sensitive Levenshtein distance of `a` and `b`, or `bound + 1` as soon as it
// is certain to exceed `bound`. Callers lower-case first for case-insensitive suggestions.
ROLEC_API size_t EditDistance(std::string_view a, std::string_view b, size_t bound);

}  // namespace rolec
