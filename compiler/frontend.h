// compiler/frontend.h — the compiler's stages run in order, with every intermediate kept.
//
// rolec::Compile (compile.cc) is Frontend + EmitImage. Tests and the reference evaluator use the
// Frontend directly to reach the checked Program.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/catalog_index.h"
#include "compiler/diagnostic_sink.h"
#include "compiler/ir.h"
#include "compiler/resolve.h"
#include "rolec/compiler.hpp"

namespace rolec::compiler {

struct Frontend {
  std::vector<SourceFile> sources;  // owned texts: the stdlib's files, then the user's
  std::vector<ParsedFile> files;    // the files that parsed
  DiagnosticSink sink;
  std::optional<SymbolTable> symbols;
  std::optional<CatalogIndex> catalog;
  Program program;
  bool complete = false;  // every stage ran (there may still be errors)
};

// Parses, resolves and checks. Stops after parsing if any file has a syntax error or a limit is
// exceeded (later stages would only report follow-on errors).
std::unique_ptr<Frontend> RunFrontend(const std::vector<SourceFile>& files, const CompileOptions& options);

}  // namespace rolec::compiler
