// rolec/diagnostic.hpp — problems found in a user's policy, as values.
//
// Two error channels (as in cel-cpp): absl::Status for failures of the host (a file that cannot be
// read, a corrupt image), Diagnostic for problems in the user's .role source. A Diagnostic always has
// a location and prints in the gcc/clang shape that editors and CI problem matchers understand:
//
//   file:line:col: error[E0201]: unknown action 'microsoft.directory/users/pasword/update'
//     12 |   allow microsoft.directory/users/pasword/update
//        |         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
//   help: did you mean 'microsoft.directory/users/password/update'?
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rolec/export.h"

namespace rolec {

enum class Severity : uint8_t { kError, kWarning, kNote };

// A span of source text. Lines and columns are 1-based; column counts bytes.
struct SourceSpan {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t length = 1;  // bytes on that line covered by the caret run (at least 1)
};

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;     // stable code, e.g. "E0201"; see docs/diagnostics.md
  std::string message;  // one line, no trailing period
  SourceSpan span;
  std::string source_line;  // the text of span.line, without the newline (may be empty)
  std::string help;         // optional "help:" line
};

ROLEC_API std::string_view SeverityName(Severity severity);

// Formats one diagnostic as "file:line:col: error[E0201]: message", the source line with a caret
// run, and an optional help line. Ends with a newline.
ROLEC_API std::string FormatDiagnostic(const Diagnostic& diagnostic);

// True if any diagnostic is an error.
ROLEC_API bool HasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace rolec
