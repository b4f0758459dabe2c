// rolec/stdlib.hpp — the standard library built into rolec (module `entra`, docs/stdlib.md): its
// source files, and the action sets it declares, for tools that show stdlib source lines or need a
// set's patterns as written (the keyword permissions Entra accepts in custom roles).
//
//   for (const rolec::SourceFile& file : rolec::StdlibSources()) ...
//   std::vector<std::string> patterns = rolec::StdlibActionSet("custom_role_permission_patterns");
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rolec/compiler.hpp"
#include "rolec/export.h"

namespace rolec {

// Every stdlib file ("stdlib/entra/roles.role", ...), sorted by path; the same text Compile uses.
ROLEC_API const std::vector<SourceFile>& StdlibSources();

// The action paths and patterns of the stdlib's `set NAME { ... }` of actions, as written, in
// order (a member naming another set is not expanded); empty when the stdlib declares no action
// set of that name.
ROLEC_API std::vector<std::string> StdlibActionSet(std::string_view name);

}  // namespace rolec
