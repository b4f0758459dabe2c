// rolec/export.hpp — roles of a loaded policy as Entra deploys them: Microsoft Graph
// unifiedRoleDefinition JSON and Terraform azuread_custom_directory_role resources.
//
//   rolec::RoleId roles[] = {policy->FindRole("Contoso Tier1 Helpdesk")};
//   rolec::ExportResult graph = rolec::ExportGraph(*policy, roles);
//   if (!graph.ok()) { for (const auto& d : graph.diagnostics) std::cerr << FormatDiagnostic(d); }
//   else std::cout << graph.text;   // ready to POST /roleManagement/directory/roleDefinitions
//
// The export works over the image alone (this header and policy.hpp). What Entra cannot express is
// an error naming the rule and where it was written, never a permission dropped or widened
// quietly: an `except`, a condition other than `target is self` ($ResourceIsSelf) and `principal
// owns target` ($SubjectIsOwner), an action custom roles may not hold, a keyword pattern (unless
// expand_patterns), and for Terraform any condition at all (docs/export.md has every case).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "rolec/diagnostic.hpp"
#include "rolec/export.h"
#include "rolec/policy.hpp"

namespace rolec {

enum class ExportFormat : uint8_t {
  kGraph,      // unifiedRoleDefinition JSON: conditions $ResourceIsSelf / $SubjectIsOwner allowed
  kTerraform,  // azuread_custom_directory_role HCL: no condition at all
};

struct ExportOptions {
  // Export a built-in role the way Graph lists it, to compare with Graph (not to deploy): patterns
  // and actions as written, custom_allowed not checked, `extends` as inheritsPermissionsFrom
  // instead of flattened, and a condition of a standard-library rule that Graph cannot express
  // (the password-reset matrices' protections, which Entra enforces itself) exported unconditional
  // with a note. Graph only.
  bool builtin = false;
  // A keyword pattern (allEntities, allProperties, allTasks) is listed as the catalog actions it
  // covers, each of which must be available in custom roles. Without it such a pattern is an error.
  bool expand_patterns = false;
  // Keyword patterns Entra accepts in custom roles as they are (the custom-*-permissions pages,
  // e.g. microsoft.directory/applications/allProperties/read): exported as written, before
  // expand_patterns is considered. Matched ASCII case-insensitively. The image does not carry this
  // list; `rolec export` fills it from the standard library's set custom_role_permission_patterns.
  std::vector<std::string> custom_patterns;
};

// One rolePermissions entry / permissions block: the actions granted under one condition.
struct ExportPermission {
  std::string condition;             // "" (none), "$ResourceIsSelf" or "$SubjectIsOwner"
  std::vector<std::string> actions;  // unique ASCII case-insensitively, sorted that way
};

// A role as it is exported: what both writers print.
struct ExportedRole {
  RoleId id = kNoRole;
  std::string display_name;
  std::string description;
  std::string template_id;  // "" if the role has no `id`
  std::string version = "1.0";
  std::vector<ExportPermission> permissions;  // the unconditional one first, then by first rule
  std::vector<std::string> inherits_from;     // template ids; only with ExportOptions::builtin
};

// A role prepared for export, or why it cannot be.
struct ROLEC_API RoleExport {
  ExportedRole role;
  std::vector<Diagnostic> diagnostics;  // errors (and, with builtin, notes), in rule order
  bool ok() const;
};

// The role's rules mapped to Graph's model (the step both formats share).
ROLEC_API RoleExport PrepareExport(const Policy& policy, RoleId role, ExportFormat format,
                                   const ExportOptions& options = {});

struct ROLEC_API ExportResult {
  std::string text;                     // the whole document; empty if any role has an error
  std::vector<Diagnostic> diagnostics;  // every role's, in the order the roles were given
  bool ok() const;
};

// One role: one unifiedRoleDefinition object; several: {"value": [...]} in the order given (a role
// given twice is exported once). Two-space indented JSON ending in a newline.
ROLEC_API ExportResult ExportGraph(const Policy& policy, absl::Span<const RoleId> roles,
                                   const ExportOptions& options = {});
// One `resource "azuread_custom_directory_role"` block per role, in the order given, separated by a
// blank line. ExportOptions::builtin is refused (Terraform deploys custom roles only).
ROLEC_API ExportResult ExportTerraform(const Policy& policy, absl::Span<const RoleId> roles,
                                       const ExportOptions& options = {});

// An HCL quoted string literal for `text`: `"` and `\` escaped, \n \r \t, other control characters
// (U+0000–U+001F, U+007F) as \uNNNN, and `${` / `%{` as `$${` / `%%{` so that nothing is a
// template.
ROLEC_API std::string HclQuote(std::string_view text);
// The Terraform resource name for a role's display name: ASCII letters and digits lower-cased,
// every other run of bytes one '_', no '_' at either end; "role_" in front if that is empty or
// starts with a digit.
ROLEC_API std::string TerraformIdentifier(std::string_view display_name);

}  // namespace rolec
