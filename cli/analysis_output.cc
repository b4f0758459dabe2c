// cli/analysis_output.cc — shared output and loading of the analysis subcommands.
#include "cli/analysis_output.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "absl/status/status.h"
#include "cli/io.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"

namespace rolec::cli {
namespace {

nlohmann::ordered_json CaseSetJson(const analysis::CaseSet& cases) {
  nlohmann::ordered_json json;
  json["text"] = analysis::FormatCaseSet(cases);
  nlohmann::ordered_json terms = nlohmann::ordered_json::array();
  for (const std::vector<std::string>& term : cases.terms) terms.push_back(term);
  json["terms"] = std::move(terms);
  json["cases"] = cases.count;
  json["of"] = cases.of;
  return json;
}

}  // namespace

std::string OneLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string RuleSource(const Policy& policy, uint32_t rule) {
  const RuleInfo info = policy.rule(rule);
  return fmt::format("{}:{}", info.source.file, info.source.line);
}

std::string RuleSummary(const Policy& policy, uint32_t rule) {
  const RuleInfo info = policy.rule(rule);
  std::string text =
      fmt::format("{} at {}", info.is_except ? "except" : "allow", RuleSource(policy, rule));
  if (!info.condition.empty()) text += " when " + OneLine(info.condition);
  return text;
}

void PrintScopedCases(std::ostream& out, const analysis::ScopedCases& cases, std::string_view indent,
                      bool skip_never) {
  const bool both_never = cases.tenant.none() && (!cases.unit_assignable || cases.unit.none());
  if (!skip_never || both_never || !cases.tenant.none()) {
    out << indent << "at tenant scope: " << analysis::FormatCaseSet(cases.tenant) << "\n";
  }
  if (cases.unit_assignable && (!skip_never || !cases.unit.none())) {
    out << indent << "at unit scope:   " << analysis::FormatCaseSet(cases.unit) << "\n";
  }
}

nlohmann::ordered_json ScopedCasesJson(const analysis::ScopedCases& cases) {
  nlohmann::ordered_json json;
  json["tenant"] = CaseSetJson(cases.tenant);
  json["unit"] = cases.unit_assignable ? CaseSetJson(cases.unit) : nlohmann::ordered_json(nullptr);
  return json;
}

std::string UnknownActionMessage(const Policy& policy, std::string_view action) {
  std::vector<std::pair<size_t, std::string_view>> scored;
  for (ActionId id = 0; id < policy.action_count(); ++id) {
    const std::string_view name = policy.action(id).name;
    scored.emplace_back(EditDistance(name, action), name);
  }
  std::sort(scored.begin(), scored.end());
  std::string message = fmt::format("unknown action '{}': not in the catalog", action);
  if (!scored.empty() && scored[0].first <= std::max<size_t>(3, action.size() / 4)) {
    message += fmt::format(" (did you mean '{}'?)", scored[0].second);
  }
  return message;
}

std::vector<OptionSpec> ComparisonPolicyOptions() {
  return {
      {"policy", 0, "FILE", true,
       "A .role source or one compiled image, for both roles (sources compile together, with "
       "the standard library)."},
      {"policy-a", 0, "FILE", true,
       "A .role source or image for role A only (with the --policy files): compare two versions."},
      {"policy-b", 0, "FILE", true, "A .role source or image for role B only (with the --policy files)."},
  };
}

absl::StatusOr<RolePair> LoadRolePair(const ParsedArgs& args) {
  RolePair pair;
  pair.files_a = args.Values("policy");
  pair.files_b = pair.files_a;
  for (const std::string& file : args.Values("policy-a")) pair.files_a.push_back(file);
  for (const std::string& file : args.Values("policy-b")) pair.files_b.push_back(file);
  ReportOptions report;
  if (absl::Status status = ReadReportOptions(args, &report); !status.ok()) {
    PrintError(status);
    return status;
  }
  absl::StatusOr<std::shared_ptr<const Policy>> a = LoadPolicy(pair.files_a, report);
  if (!a.ok()) {
    PrintError(a.status());
    return a.status();
  }
  pair.policy_a = *a;
  if (pair.files_b == pair.files_a) {
    pair.policy_b = pair.policy_a;
  } else {
    absl::StatusOr<std::shared_ptr<const Policy>> b = LoadPolicy(pair.files_b, report);
    if (!b.ok()) {
      PrintError(b.status());
      return b.status();
    }
    pair.policy_b = *b;
  }
  const std::string& name_a = args.positionals()[0];
  const std::string& name_b = args.positionals()[1];
  pair.a = analysis::RoleRef{pair.policy_a.get(), pair.policy_a->FindRole(name_a)};
  pair.b = analysis::RoleRef{pair.policy_b.get(), pair.policy_b->FindRole(name_b)};
  bool ok = true;
  if (pair.a.role == kNoRole) {
    PrintError("role A: " + UnknownRoleMessage(*pair.policy_a, name_a));
    ok = false;
  }
  if (pair.b.role == kNoRole) {
    PrintError("role B: " + UnknownRoleMessage(*pair.policy_b, name_b));
    ok = false;
  }
  if (!ok) return absl::NotFoundError("unknown role");
  return pair;
}

nlohmann::ordered_json RequestJson(const OwnedRequest& request) {
  nlohmann::ordered_json json;
  nlohmann::ordered_json assignments = nlohmann::ordered_json::array();
  for (const OwnedAssignment& a : request.assignments) {
    assignments.push_back({{"role", a.role}, {"scope", a.scope}});
  }
  json["principal"] = {{"id", request.principal_id}, {"assignments", std::move(assignments)}};
  json["action"] = request.action;
  const OwnedTarget& t = request.target;
  nlohmann::ordered_json target;
  target["kind"] = TargetKindName(t.kind);
  target["id"] = t.id;
  target["roles"] = t.roles;
  target["roleAssignableGroupMember"] = t.role_assignable_group_member;
  target["roleScopedToRestrictedAdminUnit"] = t.role_scoped_to_restricted_admin_unit;
  target["inRestrictedAdminUnit"] = t.in_restricted_admin_unit;
  target["roleAssignable"] = t.role_assignable;
  target["adminUnits"] = t.admin_units;
  target["restrictedAdminUnits"] = t.restricted_admin_units;
  target["owners"] = t.owners;
  json["target"] = std::move(target);
  json["context"] = {{"mfa", request.context.mfa}};
  return json;
}

std::string EvalCommand(const OwnedRequest& request, const std::vector<std::string>& files) {
  std::string command = "rolec eval";
  for (const std::string& file : files) command += " --policy " + ShellWord(file);
  for (const OwnedAssignment& assignment : request.assignments) {
    command += " --as " + ShellWord(assignment.scope == "/" ? assignment.role
                                                           : assignment.role + "@" + assignment.scope);
  }
  command += " " + ShellWord(request.action);
  const OwnedTarget& t = request.target;
  if (t.kind != TargetKind::kUser) {
    command += " --target-kind " +
               ShellWord(t.kind == TargetKind::kUnspecified ? "other" : TargetKindName(t.kind));
  }
  if (t.id == request.principal_id) command += " --target-self";
  for (const std::string& role : t.roles) command += " --target-role " + ShellWord(role);
  if (t.role_assignable_group_member) command += " --target-role-assignable-group-member";
  if (t.role_scoped_to_restricted_admin_unit) command += " --target-restricted-au-role";
  if (t.in_restricted_admin_unit) command += " --target-in-restricted-au";
  if (t.role_assignable) command += " --target-role-assignable";
  for (const std::string& unit : t.admin_units) {
    if (std::find(t.restricted_admin_units.begin(), t.restricted_admin_units.end(), unit) ==
        t.restricted_admin_units.end()) {
      command += " --target-admin-unit " + ShellWord(unit);
    }
  }
  for (const std::string& unit : t.restricted_admin_units) {
    command += " --target-restricted-admin-unit " + ShellWord(unit);
  }
  if (std::find(t.owners.begin(), t.owners.end(), request.principal_id) != t.owners.end()) {
    command += " --principal-owns-target";
  }
  if (request.context.mfa) command += " --mfa";
  return command;
}

}  // namespace rolec::cli
