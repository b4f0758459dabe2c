// cli/export.cc — `rolec export graph|terraform ROLE...`: roles as Entra deploys them, Microsoft
// Graph unifiedRoleDefinition JSON or Terraform azuread_custom_directory_role resources
// (docs/export.md). A thin shell over rolec/export.hpp: load the policy, find the roles, print the
// document or the diagnostics of what cannot be exported.
#include "rolec/export.hpp"

#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "rolec/source.hpp"
#include "rolec/stdlib.hpp"

namespace rolec::cli {
namespace {

// The source lines the diagnostics point at, from the --policy sources and the embedded standard
// library (an image carries locations, not text: its diagnostics are printed without the line).
void AddSourceLines(const std::vector<std::string>& policy_paths,
                    std::vector<Diagnostic>& diagnostics) {
  std::map<std::string, std::string, std::less<>> texts;
  for (const SourceFile& stdlib_file : StdlibSources()) texts[stdlib_file.path] = stdlib_file.text;
  for (const std::string& path : policy_paths) {
    absl::StatusOr<std::string> text = ReadFile(path);
    if (text.ok() && !IsPolicyImage(*text)) texts[path] = std::move(*text);
  }
  for (Diagnostic& diagnostic : diagnostics) {
    auto found = texts.find(diagnostic.span.file);
    if (found == texts.end() || diagnostic.span.line == 0) continue;
    diagnostic.source_line = SourceLine(found->second, diagnostic.span.line);
  }
}

}  // namespace

const CommandSpec& ExportSpec() {
  static const CommandSpec kSpec = {
      "export",
      "Export roles as Graph unifiedRoleDefinition JSON or Terraform azuread resources.",
      {"rolec export graph ROLE... [--policy FILE]... [-o FILE] [--builtin] [--expand-patterns]",
       "rolec export terraform ROLE... [--policy FILE]... [-o FILE] [--expand-patterns]"},
      "ROLE is a display name or template id, matched case-insensitively. 'graph' prints the body\n"
      "of POST /roleManagement/directory/roleDefinitions (several roles: {\"value\": [...]});\n"
      "'terraform' prints one azuread_custom_directory_role resource per role. What Entra cannot\n"
      "express (an except, another condition, an action custom roles may not hold, a keyword\n"
      "pattern) is an error at the rule, and nothing is written. Exit 0 on success, 1 on any "
      "error.",
      {
          PolicyOption(),
          {"output", 'o', "FILE", false, "Write the document to FILE instead of standard output."},
          {"builtin", 0, "", false,
           "graph only: export a built-in role as Graph lists it, for comparison (patterns as "
           "written, inheritsPermissionsFrom, custom_allowed not checked)."},
          {"expand-patterns", 0, "", false,
           "List each keyword pattern (allProperties, allTasks, allEntities) as the catalog "
           "actions "
           "it covers instead of refusing it."},
          MaxErrorsOption(),
      },
      2,
      static_cast<size_t>(-1),
      "FORMAT ROLE",
  };
  return kSpec;
}

int RunExport(const ParsedArgs& args) {
  ReportOptions report;
  if (absl::Status status = ReadReportOptions(args, &report); !status.ok()) {
    PrintError(status);
    return kExitError;
  }
  const std::string& format = args.positionals()[0];
  if (format != "graph" && format != "terraform") {
    std::string message =
        fmt::format("unknown export format '{}' (formats: graph, terraform)", format);
    for (std::string_view known : {"graph", "terraform"}) {
      if (EditDistance(format, known) <= 2) {
        message += fmt::format("; did you mean '{}'?", known);
        break;
      }
    }
    PrintError(message);
    return kExitError;
  }
  ExportOptions options;
  options.builtin = args.Has("builtin");
  options.expand_patterns = args.Has("expand-patterns");
  // The keyword permissions Entra accepts in custom roles (stdlib/entra/catalog.role), the list
  // `rolec lint` checks custom-unavailable-action against.
  options.custom_patterns = StdlibActionSet("custom_role_permission_patterns");
  if (options.builtin && format == "terraform") {
    PrintError(
        "--builtin is for 'rolec export graph' only: Terraform deploys custom roles, which cannot "
        "inherit or hold what only built-in roles hold");
    return kExitError;
  }

  const std::vector<std::string> policy_paths = args.Values("policy");
  absl::StatusOr<std::shared_ptr<const Policy>> loaded = LoadPolicy(policy_paths, report);
  if (!loaded.ok()) {
    PrintError(loaded.status());
    return kExitError;
  }
  const Policy& policy = **loaded;
  std::vector<RoleId> roles;
  bool unknown = false;
  for (size_t i = 1; i < args.positionals().size(); ++i) {
    const std::string& query = args.positionals()[i];
    const RoleId role = policy.FindRole(query);
    if (role == kNoRole) {
      std::string where = policy_paths.empty()
                              ? "; without --policy only the built-in Entra roles are known: pass "
                                "the .role file or image that declares a custom role"
                              : "";
      PrintError(UnknownRoleMessage(policy, query) + where);
      unknown = true;
      continue;
    }
    roles.push_back(role);
  }
  if (unknown) return kExitError;

  ExportResult result = format == "graph" ? ExportGraph(policy, roles, options)
                                          : ExportTerraform(policy, roles, options);
  AddSourceLines(policy_paths, result.diagnostics);
  PrintDiagnostics(result.diagnostics, std::cerr, report.max_errors);
  if (!result.ok()) {
    const size_t errors =
        std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::kError; });
    PrintError(
        fmt::format("nothing exported: {} error{} (docs/export.md lists what Entra cannot "
                    "express)",
                    errors, errors == 1 ? "" : "s"));
    return kExitError;
  }
  if (args.Has("output")) {
    const std::string output = args.Value("output");
    if (absl::Status written = WriteFileAtomically(output, result.text); !written.ok()) {
      PrintError(written);
      return kExitError;
    }
    return kExitOk;
  }
  std::cout << result.text;
  return kExitOk;
}

}  // namespace rolec::cli
