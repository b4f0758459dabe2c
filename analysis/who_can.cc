// analysis/who_can.cc — WhoCan (for some target, grouped by allowed cases) and WhoCanOn (for one
// target).
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "analysis/action_domain.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis {
namespace {

RoleGrant GrantOf(const Policy& policy, RoleId role, ActionId action) {
  RoleGrant grant;
  grant.role = role;
  for (uint32_t rule : policy.GrantRules(role, action)) {
    (policy.rule(rule).is_except ? grant.except_rules : grant.allow_rules).push_back(rule);
  }
  return grant;
}

}  // namespace

absl::StatusOr<WhoCanResult> WhoCan(const Policy& policy, std::string_view action) {
  WhoCanResult result;
  result.action = policy.FindAction(action);
  if (result.action == kNoAction) {
    return absl::NotFoundError(fmt::format("unknown action '{}': not in the catalog", action));
  }
  const std::string name(policy.action(result.action).name);
  std::vector<RoleRef> holders;
  for (RoleId role = 0; role < policy.role_count(); ++role) {
    if (!policy.GrantRules(role, result.action).empty()) holders.push_back(RoleRef{&policy, role});
  }
  if (holders.empty()) return result;
  absl::StatusOr<ActionDomain> domain = ActionDomain::Build(holders, name);
  if (!domain.ok()) return domain.status();
  result.domain_cases = domain->cases();

  struct Group {
    AllowedCases cases;
    bool unit_assignable;
    std::vector<RoleGrant> roles;
  };
  std::vector<Group> groups;
  for (const RoleRef& holder : holders) {
    AllowedCases cases = domain->Allowed(holder);
    RoleGrant grant = GrantOf(policy, holder.role, result.action);
    if (!cases.any()) {
      result.never.push_back(std::move(grant));
      continue;
    }
    const bool unit = UnitAssignable(holder);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.unit_assignable == unit && g.cases == cases;
    });
    if (it == groups.end()) {
      groups.push_back(Group{std::move(cases), unit, {}});
      it = groups.end() - 1;
    }
    it->roles.push_back(std::move(grant));
  }
  auto by_name = [&](const RoleGrant& x, const RoleGrant& y) {
    return policy.role(x.role).name < policy.role(y.role).name;
  };
  for (const Group& group : groups) {
    WhoCanGroup out;
    out.cases = domain->Describe(group.cases, group.unit_assignable);
    out.roles = group.roles;
    std::sort(out.roles.begin(), out.roles.end(), by_name);
    result.groups.push_back(std::move(out));
  }
  std::sort(result.never.begin(), result.never.end(), by_name);
  std::stable_sort(result.groups.begin(), result.groups.end(),
                   [&](const WhoCanGroup& x, const WhoCanGroup& y) {
                     const uint32_t cx = x.cases.tenant.count + x.cases.unit.count;
                     const uint32_t cy = y.cases.tenant.count + y.cases.unit.count;
                     if (cx != cy) return cx > cy;
                     return by_name(x.roles[0], y.roles[0]);
                   });
  return result;
}

absl::StatusOr<std::vector<TargetGrant>> WhoCanOn(const Policy& policy, const OwnedRequest& question) {
  OwnedRequest owned = question;
  owned.assignments.clear();
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, owned);
  if (!bound.ok()) return bound.status();
  Request request = bound->request();
  std::vector<std::string> scopes = {"/"};
  for (const std::string& unit : question.target.admin_units) {
    scopes.push_back("/administrativeUnits/" + unit);
  }
  for (const std::string& unit : question.target.restricted_admin_units) {
    const std::string scope = "/administrativeUnits/" + unit;
    if (std::find(scopes.begin(), scopes.end(), scope) == scopes.end()) scopes.push_back(scope);
  }
  std::vector<TargetGrant> grants;
  for (RoleId role = 0; role < policy.role_count(); ++role) {
    const bool unit_assignable = policy.role(role).admin_unit_scopable;
    for (const std::string& scope : scopes) {
      if (scope != "/" && !unit_assignable) continue;
      std::string_view unit;
      ParseScope(scope, &unit);
      const Assignment assignment{role, unit};
      request.assignments = absl::Span<const Assignment>(&assignment, 1);
      if (policy.Check(request) != Decision::kAllow) continue;
      const Explanation explanation = policy.Explain(request);
      grants.push_back(TargetGrant{role, scope,
                                   explanation.reasons.empty() ? 0u : explanation.reasons[0].rule});
    }
  }
  std::stable_sort(grants.begin(), grants.end(), [&](const TargetGrant& x, const TargetGrant& y) {
    return policy.role(x.role).name < policy.role(y.role).name;
  });
  return grants;
}

}  // namespace rolec::analysis
