// compiler/resolve.h — names: modules, imports, catalog actions, sets, roles and `extends`.
//
// Resolution builds the symbol table of all parsed files and reports what is wrong with names alone:
// unknown or unimported modules, duplicate actions, sets, role names and template ids, unknown roles
// in `extends`, and cycles in `extends`. Role display names and template ids are global (as in a
// tenant) and looked up case-insensitively; sets are scoped to their module and named `module.name`
// from other modules, which must be imported.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "compiler/diagnostic_sink.h"
#include "grammar/ast.h"
#include "rolec/policy.hpp"

namespace rolec::compiler {

struct ParsedFile {
  std::string path;
  std::string_view text;
  std::unique_ptr<grammar::File> ast;
  bool from_stdlib = false;
  std::string module;                         // the file's module ("main" if undeclared)
  absl::flat_hash_set<std::string> visible;   // modules usable as qualifiers: imports + own
};

struct RoleSymbol {
  const grammar::RoleDecl* decl = nullptr;
  const ParsedFile* file = nullptr;
  std::vector<RoleId> extends;  // resolved, in written order (unknown ones dropped)
};

struct SetSymbol {
  const grammar::SetDecl* decl = nullptr;
  const ParsedFile* file = nullptr;
};

struct ActionSymbol {
  const grammar::ActionDecl* decl = nullptr;
  const ParsedFile* file = nullptr;
};

class SymbolTable {
 public:
  // Builds the table; reports name errors into `sink`.
  static SymbolTable Build(std::vector<ParsedFile>& files, DiagnosticSink& sink);

  const std::vector<ActionSymbol>& actions() const { return actions_; }
  const std::vector<RoleSymbol>& roles() const { return roles_; }
  // Roles ordered so that every role comes after the roles it extends (cycle members omitted).
  const std::vector<RoleId>& roles_in_extends_order() const { return extends_order_; }

  // Resolves a role reference written in `file`; reports E0210/E0217 and returns kNoRole on failure.
  RoleId ResolveRole(const grammar::Name& name, const ParsedFile& file, DiagnosticSink& sink) const;
  // Finds a role by display name or template id (case-insensitive); kNoRole if absent.
  RoleId FindRole(std::string_view name_or_id) const;
  // Resolves a set reference; reports unknown sets. nullptr on failure.
  const SetSymbol* ResolveSet(const grammar::Name& name, const ParsedFile& file,
                              DiagnosticSink& sink) const;
  // Closest role names, for "did you mean".
  std::string SuggestRole(std::string_view name) const;
  // Closest set names in `module` and the standard library, best first (at most 3).
  std::vector<std::string> SuggestSets(std::string_view name, std::string_view module) const;

 private:
  bool CheckQualifier(const grammar::Name& name, const ParsedFile& file, DiagnosticSink& sink) const;

  std::vector<ActionSymbol> actions_;
  std::vector<RoleSymbol> roles_;
  absl::flat_hash_map<std::string, RoleId> role_by_key_;  // lower-cased name or template id
  absl::flat_hash_map<std::string, SetSymbol> sets_;      // "module.name"
  std::vector<RoleId> extends_order_;
};

}  // namespace rolec::compiler
