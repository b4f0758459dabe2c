// grammar/parser.h — source text -> AST (+ diagnostics). The only public entry of grammar/.
//
// Parsing stops at the first syntax error (PEG has no error recovery worth the name); that error is
// a Diagnostic with a written message, code E01xx, the source line and a caret. The parser also
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
  std::unique_ptr<File> file;  // null iff a syntax error was found
  std::vector<Diagnostic> diagnostics;
};

ParseResult Parse(std::string_view text, std::string_view path, const ParseOptions& options = {});

// The text of line `line` (1-based) of `text`, without its newline; "" if out of range.
std::string SourceLine(std::string_view text, uint32_t line);

}  // namespace rolec::grammar
