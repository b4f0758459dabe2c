// grammar/parser.h — source text -> AST (+ diagnostics). The only public entry of grammar/.
//
// Every syntax error is a Diagnostic with a written message, code E01xx, the source line and a
// caret (and a "did you mean" help line for a misspelt keyword; an unclosed '{' adds a note at the
// brace, a Diagnostic of severity kNote without a code, right after its error). After an error the
// parser resumes at the next statement of the body or the next top-level declaration, so one parse
// reports every syntax error, up to 100 (parser.cc, "Recovery"). The parser also
// enforces the nesting-depth limit (brackets and conditions), reported as E0104. A bidirectional
// control character between tokens is the error E0109; in a string or a comment it is the warning
// W0110, returned beside a parsed file (grammar/bidi.h).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/ast.h"
#include "rolec/diagnostic.hpp"

namespace rolec::grammar {

struct ParseOptions {
  size_t max_nesting_depth = 64;
};

struct ParseResult {
  std::unique_ptr<File> file;  // null iff a syntax error was found (however much of the file parsed)
  std::vector<Diagnostic> diagnostics;
};

ParseResult Parse(std::string_view text, std::string_view path, const ParseOptions& options = {});

// The text of line `line` (1-based) of `text`, without its newline; "" if out of range.
std::string SourceLine(std::string_view text, uint32_t line);

}  // namespace rolec::grammar
