// analysis/condition_cases.cc — RuleConditionCases: one rule's condition over the domains of the
// actions it covers (docs/analysis.md § The value of one condition).
#include <set>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "analysis/action_domain.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis {
namespace {

// The catalog actions whose domains decide the rule: what its patterns cover, and for an except
// only what an allow of the role covers too (elsewhere the except is never read).
std::set<ActionId> RuleActions(const Policy& policy, const RuleInfo& rule) {
  std::set<ActionId> out;
  for (std::string_view pattern : rule.patterns) {
    for (ActionId id : policy.PatternActions(pattern)) out.insert(id);
  }
  if (rule.is_except) {
    std::set<ActionId> allowed;
    for (ActionId id : policy.RoleActions(rule.role)) {
      if (out.count(id) > 0) allowed.insert(id);
    }
    out = std::move(allowed);
  }
  return out;
}

// The facts of rule `index`'s condition that no case can change, with why
// (ConditionCases::fixed_facts): the role being assigned, a scope the role cannot have, a role set
// that holds every role or none.
std::vector<std::string> FixedFacts(const Policy& policy, uint32_t index, RoleId role,
                                    bool unit_assignable) {
  using Kind = ConditionAtom::Kind;
  std::vector<std::string> out;
  const std::string_view role_name = policy.role(role).name;
  auto count_members = [&policy](uint32_t set) {
    uint32_t n = 0;
    for (RoleId r = 0; r < policy.role_count(); ++r) n += policy.RoleSetContains(set, r) ? 1 : 0;
    return n;
  };
  bool scope_said = false;
  for (const ConditionAtom& atom : policy.RuleConditionAtoms(index)) {
    switch (atom.kind) {
      case Kind::kConstant:
        out.push_back(fmt::format("`{}` is a constant", policy.rule(index).condition));
        break;
      case Kind::kAssignmentRoleIn: {
        const bool in = policy.RoleSetContains(atom.role_set, role);
        out.push_back(fmt::format("`assignment.role in {}` is {} for every assignment of role '{}': "
                                  "the set {} it",
                                  atom.text, in ? "true" : "false", role_name,
                                  in ? "holds" : "does not hold"));
        break;
      }
      case Kind::kScopeIsTenant:
      case Kind::kScopeAdminUnitIs:
        if (!unit_assignable && !scope_said) {
          scope_said = true;
          out.push_back(fmt::format("the scope is always the tenant: role '{}' cannot be assigned at "
                                    "an administrative unit",
                                    role_name));
        }
        break;
      case Kind::kTargetRolesWithin:
        if (count_members(atom.role_set) == policy.role_count()) {
          out.push_back(fmt::format("`target.roles within {}` holds for every target: the set holds "
                                    "every role",
                                    atom.text));
        }
        break;
      case Kind::kTargetRolesAny:
        if (count_members(atom.role_set) == 0) {
          out.push_back(fmt::format("`target.roles in {}` holds for no target: the set holds no role",
                                    atom.text));
        }
        break;
      default: break;  // a fact of the target or the context: it takes both values
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<ConditionCases> RuleConditionCases(const Policy& policy, uint32_t index) {
  if (index >= policy.rule_count()) {
    return absl::InvalidArgumentError(fmt::format("rule {} is not a rule of the policy", index));
  }
  const RuleInfo rule = policy.rule(index);
  if (rule.condition.empty()) {
    return absl::InvalidArgumentError(fmt::format("rule {} has no condition", index));
  }
  const RoleRef ref{&policy, rule.role};
  const RoleRef roles[] = {ref};
  ConditionCases out;
  out.unit_assignable = UnitAssignable(ref);
  std::vector<std::string> actions;
  for (ActionId id : RuleActions(policy, rule)) actions.emplace_back(policy.action(id).name);
  out.actions = static_cast<uint32_t>(actions.size());
  // Outside the catalog: the domain of the pattern itself (RequestDomain reads every rule of the
  // role for such an action, this one included). An except of catalog actions the role does not
  // allow is never read: no case.
  if (actions.empty() && !rule.is_except && !rule.patterns.empty()) actions.emplace_back(rule.patterns[0]);
  for (const std::string& action : actions) {
    absl::StatusOr<ActionDomain> domain = ActionDomain::Build(roles, action);
    if (!domain.ok()) return domain.status();
    for (size_t p = 0; p < domain->tenant().points(); ++p) {
      const bool holds = domain->tenant().RuleHolds(p, ref, index);
      ++out.tenant_of;
      out.tenant_true += holds ? 1 : 0;
    }
    if (out.unit_assignable && domain->unit() != nullptr) {
      for (size_t p = 0; p < domain->unit()->points(); ++p) {
        const bool holds = domain->unit()->RuleHolds(p, ref, index);
        ++out.unit_of;
        out.unit_true += holds ? 1 : 0;
      }
    }
  }
  out.of = out.tenant_of + out.unit_of;
  out.true_cases = out.tenant_true + out.unit_true;
  out.false_cases = out.of - out.true_cases;
  out.fixed_facts = FixedFacts(policy, index, rule.role, out.unit_assignable);
  return out;
}

}  // namespace rolec::analysis
