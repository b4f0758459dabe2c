// lint/condition_rules.cc — condition-always-true and condition-always-false.
//
// "Always" is over the analysis layer's finite request domain (docs/analysis.md): every case of
// the domain of every catalog action the rule covers, at every scope the role may be assigned at
// (the tenant, and an administrative unit if the role is unit-scopable). A condition that holds at
// tenant scope in every case but not at unit scope is therefore not always true for a scopable
// role, and is for a role that cannot be assigned at a unit.
#include "lint/condition_rules.h"

#include <string>

#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::lint {
namespace {

// "12 cases of 3 actions at tenant and administrative-unit scope"
std::string Extent(const analysis::ConditionCases& cases) {
  return fmt::format("{} case{}{} at {}", cases.of, cases.of == 1 ? "" : "s",
                     cases.actions > 0 ? fmt::format(" of {} action{}", cases.actions, cases.actions == 1 ? "" : "s")
                                       : std::string(),
                     cases.unit_assignable ? "tenant and administrative-unit scope"
                                           : "tenant scope (the role cannot be assigned at a unit)");
}

// The one line of why: the facts no case changes, or that the condition is a tautology (or a
// contradiction) of facts that do vary.
std::string Why(const analysis::ConditionCases& cases, bool value) {
  if (!cases.fixed_facts.empty()) return fmt::format("{}", fmt::join(cases.fixed_facts, "; "));
  return fmt::format("it is {} for every combination of the request facts it reads", value ? "true" : "false");
}

}  // namespace

std::vector<RuleFinding> ConditionFindings(const Policy& policy, RoleId role, const grammar::RoleDecl& decl) {
  std::vector<RuleFinding> out;
  const std::vector<uint32_t> indices = policy.RoleRules(role);
  for (const grammar::RuleDecl& rule : decl.rules) {
    if (!rule.condition) continue;
    uint32_t index = policy.rule_count();
    for (uint32_t candidate : indices) {
      const SourceRef source = policy.rule(candidate).source;
      if (source.file == rule.span.file && source.line == rule.span.line && source.column == rule.span.column) {
        index = candidate;
        break;
      }
    }
    if (index == policy.rule_count()) continue;
    absl::StatusOr<analysis::ConditionCases> cases = analysis::RuleConditionCases(policy, index);
    // A domain beyond the analysis bounds is not decided: no finding rather than a guess.
    if (!cases.ok() || cases->of == 0) continue;
    const std::string& text = rule.condition->text;
    const char* what = rule.is_except ? "except" : "allow";
    if (cases->always_false()) {
      out.push_back({"condition-always-false", rule.condition->span,
                     fmt::format("condition `{}` never holds: {}", text, Why(*cases, false)),
                     fmt::format("the {} {}; decided over {}", what,
                                 rule.is_except ? "removes nothing" : "grants nothing",
                                 Extent(*cases))});
    } else if (cases->always_true()) {
      out.push_back({"condition-always-true", rule.condition->span,
                     fmt::format("condition `{}` always holds: {}", text, Why(*cases, true)),
                     fmt::format("the {} applies as if it had no condition; drop `when {}` or write the "
                                 "restriction meant; decided over {}",
                                 what, text, Extent(*cases))});
    }
  }
  return out;
}

}  // namespace rolec::lint
