// export/prepare.cc — a role's rules mapped to Graph's model: rolePermissions grouped by
// condition, each action checked against what Entra accepts. Both writers print the result.
//
// Every rule is looked at; whatever cannot be exported as written becomes an error at the rule's
// own location (for an inherited rule, where the base wrote it), so nothing is dropped or widened
// without the user seeing it. docs/export.md lists the cases.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "export/graph_condition.h"
#include "export/prepare_all.h"
#include "export/rule_owners.h"
#include "fmt/format.h"
#include "rolec/export.hpp"

namespace rolec {
namespace {

using exporter::GraphCondition;
using exporter::NormalizedCondition;
using exporter::RuleOwners;

constexpr std::string_view kStdlibModule = "entra";
// At most this many offending permissions are named in one diagnostic; the rest are counted.
constexpr size_t kNamedPerDiagnostic = 3;

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

bool LessIgnoreCase(const std::string& a, const std::string& b) {
  const bool less = std::lexicographical_compare(
      a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) { return Lower(x) < Lower(y); });
  if (less) return true;
  return EqualsIgnoreCase(a, b) && a < b;  // a total order: spelling breaks ties
}

// True if a segment of the pattern is a keyword (allEntities, allProperties, allTasks).
bool HasKeyword(std::string_view pattern) {
  size_t start = 0;
  while (start <= pattern.size()) {
    size_t end = pattern.find('/', start);
    if (end == std::string_view::npos) end = pattern.size();
    const std::string_view segment = pattern.substr(start, end - start);
    if (EqualsIgnoreCase(segment, "allEntities") || EqualsIgnoreCase(segment, "allProperties") ||
        EqualsIgnoreCase(segment, "allTasks")) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

// "allow a, b (and 3 more)" / "except a": the rule as the user wrote it, shortened.
std::string RuleText(const RuleInfo& rule) {
  std::string text = rule.is_except ? "except " : "allow ";
  if (rule.patterns.empty()) return text + "(nothing)";
  text += std::string(rule.patterns.front());
  if (rule.patterns.size() > 1) {
    text += fmt::format(", ... ({} patterns)", rule.patterns.size());
  }
  return text;
}

// "'a', 'b', 'c' and 4 more".
std::string NameSome(const std::vector<std::string>& items) {
  std::string text;
  for (size_t i = 0; i < items.size() && i < kNamedPerDiagnostic; ++i) {
    if (i > 0) text += ", ";
    text += items[i];
  }
  if (items.size() > kNamedPerDiagnostic) {
    text += fmt::format(" and {} more", items.size() - kNamedPerDiagnostic);
  }
  return text;
}

class Preparer {
 public:
  Preparer(const Policy& policy, RoleId role, ExportFormat format, const ExportOptions& options)
      : policy_(policy), owners_(policy), role_(role), format_(format), options_(options) {}

  RoleExport Run() {
    RoleExport out;
    if (role_ >= policy_.role_count()) {
      Diagnostic d;
      d.code = "export-unknown-role";
      d.message =
          fmt::format("no role with id {} in the policy ({} roles)", role_, policy_.role_count());
      out.diagnostics.push_back(std::move(d));
      return out;
    }
    info_ = policy_.role(role_);
    ExportedRole& exported = out.role;
    exported.id = role_;
    exported.display_name = std::string(info_.name);
    exported.description = std::string(info_.description);
    exported.template_id = std::string(info_.template_id);

    if (options_.builtin && format_ == ExportFormat::kTerraform) {
      Error(
          info_.source, "export-builtin-terraform",
          fmt::format("role '{}': built-in comparison mode is for Graph JSON only", info_.name),
          "Terraform deploys custom roles; drop --builtin, or use 'rolec export graph --builtin'");
      out.diagnostics = std::move(diagnostics_);
      return out;
    }
    if (options_.builtin) {
      for (RoleId base : owners_.DirectBases(role_)) {
        const RoleInfo base_info = policy_.role(base);
        if (base_info.template_id.empty()) {
          Error(info_.source, "export-inherits",
                fmt::format("role '{}' extends '{}', which has no template id for "
                            "inheritsPermissionsFrom to name",
                            info_.name, base_info.name),
                "give the base role an `id`, or export without --builtin (the base's permissions "
                "are then listed as the role's own)");
          continue;
        }
        exported.inherits_from.emplace_back(base_info.template_id);
      }
    }

    for (uint32_t index : policy_.RoleRules(role_)) {
      const RoleId owner = owners_.OwnerOf(index);
      const bool inherited = owner != kNoRole && owner != role_;
      // With --builtin, `extends` is inheritsPermissionsFrom: the base's rules are not repeated.
      if (inherited && options_.builtin) continue;
      AddRule(policy_.rule(index), inherited ? owner : kNoRole);
    }

    // The unconditional group first, then the conditions in the order their first rule came.
    std::stable_sort(groups_.begin(), groups_.end(),
                     [](const ExportPermission& a, const ExportPermission& b) {
                       return a.condition.empty() && !b.condition.empty();
                     });
    for (ExportPermission& group : groups_) {
      std::sort(group.actions.begin(), group.actions.end(), LessIgnoreCase);
      group.actions.erase(std::unique(group.actions.begin(), group.actions.end(),
                                      [](const std::string& a, const std::string& b) {
                                        return EqualsIgnoreCase(a, b);
                                      }),
                          group.actions.end());
    }
    groups_.erase(std::remove_if(groups_.begin(), groups_.end(),
                                 [](const ExportPermission& g) { return g.actions.empty(); }),
                  groups_.end());
    exported.permissions = std::move(groups_);
    const bool has_errors =
        std::any_of(diagnostics_.begin(), diagnostics_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::kError; });
    if (!options_.builtin && !has_errors && exported.permissions.empty()) {
      Error(info_.source, "export-empty",
            fmt::format(
                "role '{}' grants nothing; an Entra custom role needs at least one permission",
                info_.name),
            "add an allow rule, or do not export this role");
    }
    out.diagnostics = std::move(diagnostics_);
    return out;
  }

 private:
  void Report(Severity severity, const SourceRef& at, std::string code, std::string message,
              std::string help) {
    Diagnostic d;
    d.severity = severity;
    d.code = std::move(code);
    d.message = std::move(message);
    d.help = std::move(help);
    d.span = SourceSpan{std::string(at.file), at.line, at.column, 1};
    diagnostics_.push_back(std::move(d));
  }
  void Error(const SourceRef& at, std::string code, std::string message, std::string help) {
    Report(Severity::kError, at, std::move(code), std::move(message), std::move(help));
  }

  ExportPermission& Group(const std::string& condition) {
    for (ExportPermission& group : groups_) {
      if (group.condition == condition) return group;
    }
    groups_.push_back(ExportPermission{condition, {}});
    return groups_.back();
  }

  void AddRule(const RuleInfo& rule, RoleId inherited_from) {
    // "role 'X': allow a, ..." or "role 'X', inherited from 'Base': allow a, ...".
    std::string what = fmt::format("role '{}'", info_.name);
    if (inherited_from != kNoRole) {
      what += fmt::format(", inherited from '{}'", policy_.role(inherited_from).name);
    }
    what += fmt::format(": {}", RuleText(rule));
    const std::string_view declared_module =
        inherited_from == kNoRole ? info_.module : policy_.role(inherited_from).module;
    const std::string inherited_help =
        inherited_from == kNoRole
            ? ""
            : " (Entra custom roles cannot inherit, so the export lists the base's rules as the "
              "role's own; copy the permissions you need instead of extending)";

    if (rule.is_except) {
      Error(
          rule.source, "export-except",
          fmt::format("{}: an except cannot be exported; Entra role definitions only grant", what),
          "list only the permissions the role keeps, without except" + inherited_help);
      return;
    }

    std::string condition;
    if (!rule.condition.empty()) {
      const std::optional<std::string> graph = GraphCondition(rule.condition);
      if (format_ == ExportFormat::kTerraform) {
        Error(
            rule.source, "export-condition",
            fmt::format("{}: condition '{}' cannot be exported; the azuread provider's permissions "
                        "block has no condition",
                        what, NormalizedCondition(rule.condition)),
            graph.has_value()
                ? fmt::format("'rolec export graph' writes it as the Graph condition {}", *graph)
                : std::string(
                      "Entra role definitions know only $ResourceIsSelf (target is self) "
                      "and $SubjectIsOwner (principal owns target), and Terraform neither"));
        return;
      }
      if (graph.has_value()) {
        condition = *graph;
      } else if (options_.builtin && declared_module == kStdlibModule) {
        Report(
            Severity::kNote, rule.source, "export-builtin-protection",
            fmt::format("{}: condition '{}' is a protection Entra enforces for the built-in role "
                        "itself (the password-reset matrices); exported unconditional, as Graph "
                        "lists it",
                        what, NormalizedCondition(rule.condition)),
            "");
      } else {
        Error(rule.source, "export-condition",
              fmt::format("{}: condition '{}' has no Graph form", what,
                          NormalizedCondition(rule.condition)),
              "Graph role definitions know only $ResourceIsSelf (`when target is self`) and "
              "$SubjectIsOwner (`when principal owns target`), each alone; Entra cannot enforce "
              "anything else in a role" +
                  inherited_help);
        return;
      }
    }

    std::vector<std::string> actions;
    std::vector<std::string> unavailable;  // "name" or "name (from pattern)"
    std::vector<std::string> patterns;     // keyword patterns refused (no --expand-patterns)
    std::vector<std::string> empty;        // keyword patterns that cover no catalog action
    std::vector<std::string> unknown;      // concrete actions outside the catalog
    for (std::string_view pattern : rule.patterns) {
      if (options_.builtin) {
        actions.emplace_back(pattern);
        continue;
      }
      const ActionId id = policy_.FindAction(pattern);
      if (id != kNoAction) {
        const ActionInfo action = policy_.action(id);
        if (action.custom_allowed) {
          actions.emplace_back(action.name);
        } else {
          unavailable.emplace_back(action.name);
        }
        continue;
      }
      if (!HasKeyword(pattern)) {
        unknown.emplace_back(pattern);
        continue;
      }
      const auto accepted =
          std::find_if(options_.custom_patterns.begin(), options_.custom_patterns.end(),
                       [pattern](const std::string& p) { return EqualsIgnoreCase(p, pattern); });
      if (accepted != options_.custom_patterns.end()) {
        actions.push_back(*accepted);
        continue;
      }
      if (!options_.expand_patterns) {
        patterns.emplace_back(pattern);
        continue;
      }
      const std::vector<ActionId> covered = policy_.PatternActions(pattern);
      if (covered.empty()) empty.emplace_back(pattern);
      for (ActionId a : covered) {
        const ActionInfo action = policy_.action(a);
        if (action.custom_allowed) {
          actions.emplace_back(action.name);
        } else {
          unavailable.push_back(fmt::format("{} (from {})", action.name, pattern));
        }
      }
    }

    bool refused = false;
    if (!unavailable.empty()) {
      refused = true;
      Error(rule.source, "export-unavailable-action",
            fmt::format("{}: {} not available in custom roles: {}", what,
                        unavailable.size() == 1 ? "this action is"
                                                : fmt::format("{} actions are", unavailable.size()),
                        NameSome(unavailable)),
            "Entra rejects these at deploy time (custom_allowed false in the catalog); drop them, "
            "or pass --builtin to export a built-in role for comparison" +
                inherited_help);
    }
    if (!patterns.empty()) {
      refused = true;
      Error(rule.source, "export-pattern",
            fmt::format("{}: {} not a single catalog action: {}", what,
                        patterns.size() == 1 ? "this pattern is"
                                             : fmt::format("{} patterns are", patterns.size()),
                        NameSome(patterns)),
            "a custom role lists concrete actions; pass --expand-patterns to list the catalog "
            "actions each pattern covers" +
                inherited_help);
    }
    if (!empty.empty()) {
      refused = true;
      Error(rule.source, "export-pattern",
            fmt::format("{}: {} no catalog action, so there is nothing to list: {}", what,
                        empty.size() == 1 ? "this pattern covers"
                                          : fmt::format("{} patterns cover", empty.size()),
                        NameSome(empty)),
            "the pattern can only be exported as the actions it covers; name concrete actions");
    }
    if (!unknown.empty()) {
      refused = true;
      Error(rule.source, "export-unknown-action",
            fmt::format("{}: {} not in the policy's action catalog: {}", what,
                        unknown.size() == 1 ? "this action is"
                                            : fmt::format("{} actions are", unknown.size()),
                        NameSome(unknown)),
            "Entra accepts only the actions it publishes; check the spelling");
    }
    if (refused) return;
    ExportPermission& group = Group(condition);
    group.actions.insert(group.actions.end(), actions.begin(), actions.end());
  }

  const Policy& policy_;
  RuleOwners owners_;
  RoleId role_;
  ExportFormat format_;
  const ExportOptions& options_;
  RoleInfo info_;
  std::vector<ExportPermission> groups_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

bool RoleExport::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

RoleExport PrepareExport(const Policy& policy, RoleId role, ExportFormat format,
                         const ExportOptions& options) {
  return Preparer(policy, role, format, options).Run();
}

bool ExportResult::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

namespace exporter {

std::vector<ExportedRole> PrepareAll(const Policy& policy, absl::Span<const RoleId> roles,
                                     ExportFormat format, const ExportOptions& options,
                                     std::vector<Diagnostic>& diagnostics) {
  std::vector<ExportedRole> prepared;
  std::vector<RoleId> seen;
  for (RoleId role : roles) {
    if (std::find(seen.begin(), seen.end(), role) != seen.end()) continue;
    seen.push_back(role);
    RoleExport one = PrepareExport(policy, role, format, options);
    diagnostics.insert(diagnostics.end(), std::make_move_iterator(one.diagnostics.begin()),
                       std::make_move_iterator(one.diagnostics.end()));
    prepared.push_back(std::move(one.role));
  }
  return prepared;
}

}  // namespace exporter

}  // namespace rolec
