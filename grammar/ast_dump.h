// grammar/ast_dump.h — the AST as indented text, one node per line, for golden tests and `rolec
// compile --dump-ast`. Stable: a change to this format is a change to every AST golden file.
#pragma once

#include <string>

#include "grammar/ast.h"

namespace rolec::grammar {

std::string DumpAst(const File& file);

}  // namespace rolec::grammar
