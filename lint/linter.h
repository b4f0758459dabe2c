// lint/linter.h — `rolec lint`: the rules of lint/rules.h run over a checked program.
//
// Input: the compiler's Frontend (the user's ASTs, the symbol table, the catalog and the checked
// Program) and the configuration. Output: findings as Diagnostics whose code is the rule id, at
// the span of what they are about, sorted by file, line and column. Only the user's files are
// linted (the standard library is Microsoft's). The frontend must have completed without errors:
// lint rules reason about a program that compiles.
#pragma once

#include <vector>

#include "compiler/frontend.h"
#include "lint/config.h"
#include "rolec/diagnostic.hpp"

namespace rolec::lint {

std::vector<Diagnostic> Lint(compiler::Frontend& frontend, const Config& config);

}  // namespace rolec::lint
