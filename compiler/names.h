// compiler/names.h — names that read like other names (docs/language.md §Names).
//
// E0220: a role, set or test name, or a role reference, spaced other than with single U+0020
// spaces between words (leading, trailing or doubled spaces, a tab, a no-break space, a zero-width
// space, …). W0221: a declared name whose confusable skeleton (compiler/confusables.h) equals that
// of another declared or standard-library name. The standard library's own names are not checked.
#pragma once

#include <vector>

#include "compiler/diagnostic_sink.h"
#include "compiler/resolve.h"

namespace rolec::compiler {

void CheckNames(const std::vector<ParsedFile>& files, const SymbolTable& symbols, DiagnosticSink& sink);

}  // namespace rolec::compiler
