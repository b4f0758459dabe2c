// cli/who_can.cc — `rolec who-can ACTION [target flags] [--policy FILE]... [--json]`: every role
// that allows an action, for that target (with the rule that allows it) or, without target flags,
// for some target (grouped by the cases in which they allow it). docs/analysis.md, docs/cli.md.
#include <iostream>
#include <sstream>
#include <string>

#include "cli/analysis_output.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "cli/policy_loading.h"
#include "cli/target_flags.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::cli {
namespace {

nlohmann::ordered_json RoleJson(const Policy& policy, const analysis::RoleGrant& grant) {
  nlohmann::ordered_json json;
  const RoleInfo info = policy.role(grant.role);
  json["role"] = info.name;
  json["template_id"] = info.template_id;
  json["unit_assignable"] = info.admin_unit_scopable;
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const std::vector<uint32_t>* list : {&grant.allow_rules, &grant.except_rules}) {
    for (uint32_t rule : *list) {
      const RuleInfo r = policy.rule(rule);
      nlohmann::ordered_json entry;
      entry["kind"] = r.is_except ? "except" : "allow";
      entry["source"] = RuleSource(policy, rule);
      entry["condition"] = OneLine(r.condition);
      rules.push_back(std::move(entry));
    }
  }
  json["rules"] = std::move(rules);
  return json;
}

void PrintRole(const Policy& policy, const analysis::RoleGrant& grant) {
  std::string text = fmt::format("    {}\n", policy.role(grant.role).name);
  for (const std::vector<uint32_t>* list : {&grant.allow_rules, &grant.except_rules}) {
    for (uint32_t rule : *list) text += fmt::format("      {}\n", RuleSummary(policy, rule));
  }
  std::cout << EscapeControlChars(text);  // names and conditions come from the policy
}

int RunForSomeTarget(const Policy& policy, const std::string& action, bool json) {
  absl::StatusOr<analysis::WhoCanResult> result = analysis::WhoCan(policy, action);
  if (!result.ok()) {
    PrintError(result.status());
    return kExitError;
  }
  const std::string_view name = policy.action(result->action).name;
  size_t roles = 0;
  for (const analysis::WhoCanGroup& group : result->groups) roles += group.roles.size();
  if (json) {
    nlohmann::ordered_json out;
    out["action"] = name;
    out["target"] = "some";
    out["roles"] = roles;
    out["cases_per_role"] = result->domain_cases;
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const analysis::WhoCanGroup& group : result->groups) {
      nlohmann::ordered_json g = ScopedCasesJson(group.cases);
      nlohmann::ordered_json members = nlohmann::ordered_json::array();
      for (const analysis::RoleGrant& grant : group.roles) members.push_back(RoleJson(policy, grant));
      g["roles"] = std::move(members);
      groups.push_back(std::move(g));
    }
    out["groups"] = std::move(groups);
    nlohmann::ordered_json never = nlohmann::ordered_json::array();
    for (const analysis::RoleGrant& grant : result->never) never.push_back(RoleJson(policy, grant));
    out["never"] = std::move(never);
    std::cout << DumpJson(out, 2) << "\n";
  } else {
    std::cout << EscapeControlChars(fmt::format(
        "{}: {} role{} allow it for some target, in {} group{} ({} cases per role)\n", name, roles,
        roles == 1 ? "" : "s", result->groups.size(), result->groups.size() == 1 ? "" : "s",
        WithThousands(result->domain_cases)));
    size_t number = 0;
    for (const analysis::WhoCanGroup& group : result->groups) {
      std::cout << fmt::format("\n{}. {} role{}\n", ++number, group.roles.size(),
                               group.roles.size() == 1 ? "" : "s");
      std::ostringstream cases;
      PrintScopedCases(cases, group.cases, "  ");
      if (!group.cases.unit_assignable) cases << "  at unit scope:   never (not assignable at a unit)\n";
      std::cout << EscapeControlChars(cases.str());
      for (const analysis::RoleGrant& grant : group.roles) PrintRole(policy, grant);
    }
    if (!result->never.empty()) {
      std::cout << "\ncovered by an allow rule but never allowed:\n";
      for (const analysis::RoleGrant& grant : result->never) PrintRole(policy, grant);
    }
  }
  std::cout.flush();
  return roles > 0 ? kExitOk : kExitDeny;
}

int RunForTarget(const Policy& policy, const ParsedArgs& args, const std::string& action, bool json) {
  OwnedRequest question;
  question.action = action;
  if (absl::Status status = ReadTargetFlags(args, &question); !status.ok()) {
    PrintError(status);
    return kExitError;
  }
  bool ok = true;
  for (const std::string& role : question.target.roles) {
    if (policy.FindRole(role) != kNoRole) continue;
    PrintError("target role: " + UnknownRoleMessage(policy, role));
    ok = false;
  }
  if (!ok) return kExitError;
  absl::StatusOr<std::vector<analysis::TargetGrant>> grants = analysis::WhoCanOn(policy, question);
  if (!grants.ok()) {
    PrintError(grants.status());
    return kExitError;
  }
  const std::string_view name = policy.action(policy.FindAction(action)).name;
  if (json) {
    nlohmann::ordered_json out;
    out["action"] = name;
    out["target"] = "given";
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const analysis::TargetGrant& grant : *grants) {
      const RuleInfo rule = policy.rule(grant.rule);
      nlohmann::ordered_json entry;
      entry["role"] = policy.role(grant.role).name;
      entry["template_id"] = policy.role(grant.role).template_id;
      entry["scope"] = grant.scope;
      entry["rule"] = RuleSource(policy, grant.rule);
      entry["condition"] = OneLine(rule.condition);
      list.push_back(std::move(entry));
    }
    out["allowed"] = std::move(list);
    std::cout << DumpJson(out, 2) << "\n";
  } else {
    std::string text = fmt::format("{}: {} role assignment{} allow it on this target\n", name,
                                   grants->size(), grants->size() == 1 ? "" : "s");
    for (const analysis::TargetGrant& grant : *grants) {
      text += fmt::format("  {} @ {}\n    {}\n", policy.role(grant.role).name, grant.scope,
                          RuleSummary(policy, grant.rule));
    }
    std::cout << EscapeControlChars(text);
  }
  std::cout.flush();
  return grants->empty() ? kExitDeny : kExitOk;
}

}  // namespace

const CommandSpec& WhoCanSpec() {
  static const CommandSpec kSpec = [] {
    CommandSpec spec = {
        "who-can",
        "List every role that allows an action: for a given target, or for some target.",
        {"rolec who-can [--policy FILE]... ACTION [target flags] [--json]"},
        "ACTION is a catalog action. With target flags (those of 'rolec eval'), lists each role\n"
        "(standard library and policies) whose assignment, at tenant scope or at one of the\n"
        "target's units, allows the action on that target, with the allowing rule. Without\n"
        "target flags, lists every role that allows it for some target, grouped by the cases in\n"
        "which it does, computed exactly over the finite request domain (docs/analysis.md).\n"
        "Exit codes: 0 some role allows it, 2 none does, 1 error.",
        {
            PolicyOption(),
            {"json", 0, "", false, "Print the answer as a JSON object (docs/cli.md)."},
            MaxErrorsOption(),
        },
        1,
        1,
        "ACTION",
    };
    const std::vector<OptionSpec>& target = TargetFlagOptions();
    spec.options.insert(spec.options.begin() + 1, target.begin(), target.end());
    return spec;
  }();
  return kSpec;
}

int RunWhoCan(const ParsedArgs& args) {
  const std::shared_ptr<const Policy> policy = LoadPolicyFromArgs(args);
  if (!policy) return kExitError;
  const std::string& action = args.positionals()[0];
  if (policy->FindAction(action) == kNoAction) {
    PrintError(UnknownActionMessage(*policy, action));
    return kExitError;
  }
  const bool json = args.Has("json");
  return HasTargetFlags(args) ? RunForTarget(*policy, args, action, json)
                              : RunForSomeTarget(*policy, action, json);
}

}  // namespace rolec::cli
