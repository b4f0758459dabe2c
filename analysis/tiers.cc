// analysis/tiers.cc — the tier report: tier 0 reaches Global Administrator over standing edges,
// tier 1 holds a privileged permission or a standing edge, tier 2 the rest (docs/analysis.md
// § Tiers).
#include <algorithm>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "analysis/tiers.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis {
namespace {

// Global Administrator's template id (permissions-reference.md); the display name as a fallback
// for a policy whose roles carry no template ids.
constexpr std::string_view kGlobalAdministratorId = "62e90394-69f5-4237-9190-012177145e10";

// The first privileged catalog action (by id) an unconditional allow rule of `role` covers and no
// except rule of it covers: a grant that holds for some target whatever the conditions say (the
// intrinsic rules aside). A conditional grant (self-service, non-administrators only) shows up
// as an edge instead, or not at all.
ActionId UnconditionalPrivilegedAction(const Policy& policy, RoleId role) {
  const std::vector<ActionId> excepted = policy.RoleExceptedActions(role);
  for (ActionId action : policy.RoleActions(role)) {
    if (!policy.action(action).privileged) continue;
    if (std::binary_search(excepted.begin(), excepted.end(), action)) continue;
    for (uint32_t rule : policy.GrantRules(role, action)) {
      const RuleInfo info = policy.rule(rule);
      if (!info.is_except && info.condition.empty()) return action;
    }
  }
  return kNoAction;
}

}  // namespace

RoleId FindGlobalAdministrator(const Policy& policy) {
  const RoleId by_id = policy.FindRole(kGlobalAdministratorId);
  return by_id != kNoRole ? by_id : policy.FindRole("Global Administrator");
}

TierReport TiersBelow(const EscalationGraph& graph, RoleId top) {
  const Policy& policy = *graph.policy;
  TierReport report;
  report.global_administrator = top;
  PathsTo paths;
  if (top != kNoRole) paths = ShortestPathsTo(graph, top);
  for (RoleId role = 0; role < policy.role_count(); ++role) {
    TierEntry entry;
    entry.role = role;
    for (uint32_t e : graph.out[role]) {
      const EscalationEdge& edge = graph.edges[e];
      if (top == kNoRole || EdgeKindOf(edge.kind).takeover || edge.to != top) continue;
      entry.weakens.push_back(e);
    }
    if (top != kNoRole && paths.distance[role] >= 0) {
      entry.tier = 0;
      entry.path = paths.Path(role, graph);
    } else {
      entry.privileged_action = UnconditionalPrivilegedAction(policy, role);
      if (entry.privileged_action == kNoAction) {
        for (uint32_t e : graph.out[role]) {
          if (!Standing(graph.edges[e])) continue;
          entry.path = {e};
          break;
        }
      }
      entry.tier = entry.privileged_action != kNoAction || !entry.path.empty() ? 1 : 2;
    }
    ++report.count[entry.tier];
    report.roles.push_back(std::move(entry));
  }
  std::stable_sort(report.roles.begin(), report.roles.end(), [&](const TierEntry& x, const TierEntry& y) {
    if (x.tier != y.tier) return x.tier < y.tier;
    return policy.role(x.role).name < policy.role(y.role).name;
  });
  return report;
}

absl::StatusOr<TierReport> Tiers(const EscalationGraph& graph) {
  if (graph.policy == nullptr) return absl::InvalidArgumentError("tiers: the graph has no policy");
  const RoleId top = FindGlobalAdministrator(*graph.policy);
  if (top == kNoRole) return absl::NotFoundError("tiers: the policy has no role 'Global Administrator'");
  return TiersBelow(graph, top);
}

}  // namespace rolec::analysis
