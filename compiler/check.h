// compiler/check.h — from resolved ASTs to the checked Program (compiler/ir.h).
//
// Checks what names alone cannot: action patterns (shape, unknown actions with a did-you-mean from
// the catalog, patterns covering nothing), condition types (attribute, operator and value must fit
// together), test expectations, and the privileged label of each role against its permissions.
// All problems of all files are reported; the Program is only meaningful if the sink has no errors.
#pragma once

#include <vector>

#include "compiler/catalog_index.h"
#include "compiler/diagnostic_sink.h"
#include "compiler/ir.h"
#include "compiler/resolve.h"

namespace rolec::compiler {

// The catalog's canonical names in ActionId order (the order of SymbolTable::actions()).
std::vector<std::string> CatalogNames(const SymbolTable& symbols);

Program Check(const std::vector<ParsedFile>& files, const SymbolTable& symbols, CatalogIndex& catalog,
              DiagnosticSink& sink);

}  // namespace rolec::compiler
