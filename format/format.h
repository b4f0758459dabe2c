// format/format.h — `rolec fmt`: a .role source in its one canonical layout (docs/fmt.md).
//
//   std::vector<Diagnostic> diagnostics;
//   absl::StatusOr<std::string> text = rolec::format::FormatSource(source, "x.role", &diagnostics);
//
// The source is parsed first; a source with a syntax error is never formatted (InvalidArgument, the
// parser's diagnostics in *diagnostics). The formatted text keeps every comment and doc comment and
// the meaning of the file: before returning, FormatSource parses its own output and checks that
// the AST is the one of the source (ast_equivalence.h) and that the comments are the same, in the
// same order; if not, that is a bug of the formatter, reported as Internal, and no text is returned.
// The result is a fixed point: formatting it again changes nothing (tested on every .role file of
// the repository and by a fuzz target).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rolec/diagnostic.hpp"

namespace rolec::format {

// `diagnostics` receives the parser's diagnostics of the source (errors, or warnings such as
// W0110 of a source that parses); it may be null.
absl::StatusOr<std::string> FormatSource(std::string_view text, std::string_view path,
                                         std::vector<Diagnostic>* diagnostics);

}  // namespace rolec::format
