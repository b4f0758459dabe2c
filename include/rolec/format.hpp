// rolec/format.hpp — `rolec fmt` as a library: a .role source in its one canonical layout
// (docs/fmt.md), and the unified diff `rolec fmt --diff` prints.
//
//   std::vector<rolec::Diagnostic> diagnostics;
//   absl::StatusOr<std::string> text = rolec::FormatSource(source, "x.role", &diagnostics);
//
// A source with a syntax error is never formatted (InvalidArgument; the parser's diagnostics in
// *diagnostics). The result keeps every comment and the file's AST (checked before it is returned:
// a mismatch is Internal and no text is returned) and is a fixed point of FormatSource.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rolec/diagnostic.hpp"
#include "rolec/export.h"

namespace rolec {

// `diagnostics` receives the parser's diagnostics of the source; it may be null.
ROLEC_API absl::StatusOr<std::string> FormatSource(std::string_view text, std::string_view path,
                                         std::vector<Diagnostic>* diagnostics);

// The `diff -u` of two texts with `context` lines around each hunk; "" if they are equal.
ROLEC_API std::string UnifiedDiff(std::string_view before, std::string_view after,
                                  std::string_view before_label, std::string_view after_label,
                                  size_t context = 3);

}  // namespace rolec
