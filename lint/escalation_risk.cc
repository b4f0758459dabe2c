// lint/escalation_risk.cc — FindEscalationRisks: the escalation graph and tiers of the compiled
// program, and for each custom role its standing edge to the tier-0 built-in nearest Global
// Administrator.
#include "lint/escalation_risk.h"

#include "absl/status/statusor.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"
#include "rolec/policy.hpp"

namespace rolec::lint {

std::vector<EscalationRisk> FindEscalationRisks(const Policy& policy,
                                                const std::vector<std::string>& custom_roles) {
  std::vector<EscalationRisk> risks;
  if (custom_roles.empty()) return risks;
  absl::StatusOr<analysis::EscalationGraph> graph = analysis::BuildEscalationGraph(policy);
  if (!graph.ok()) return risks;
  absl::StatusOr<analysis::TierReport> tiers = analysis::Tiers(*graph);
  if (!tiers.ok()) return risks;
  const analysis::PathsTo paths = analysis::ShortestPathsTo(*graph, tiers->global_administrator);
  std::vector<bool> tier0_builtin(policy.role_count(), false);
  for (const analysis::TierEntry& entry : tiers->roles) {
    tier0_builtin[entry.role] = entry.tier == 0 && policy.role(entry.role).module == "entra";
  }
  for (const std::string& name : custom_roles) {
    const RoleId role = policy.FindRole(name);
    if (role == kNoRole || policy.role(role).name != name) continue;
    const analysis::EscalationEdge* best = nullptr;
    for (uint32_t e : graph->out[role]) {
      const analysis::EscalationEdge& edge = graph->edges[e];
      if (!analysis::Standing(edge) || !tier0_builtin[edge.to]) continue;
      if (best == nullptr || paths.distance[edge.to] < paths.distance[best->to]) best = &edge;
    }
    if (best == nullptr) continue;
    const std::string target(policy.role(best->to).name);
    std::string message = fmt::format("role '{}' {}", name, analysis::DescribeEdge(policy, *best));
    if (best->to != tiers->global_administrator) {
      message += fmt::format(" (and '{}' reaches Global Administrator in {} step{})", target,
                             paths.distance[best->to], paths.distance[best->to] == 1 ? "" : "s");
    }
    std::string help = fmt::format(
        "a holder of '{}' can become a holder of the tier-0 role '{}'; restrict the grant (e.g. "
        "`when principal owns target`) or drop it. `rolec escalation --from \"{}\" --to \"Global "
        "Administrator\" --policy FILE` shows the path",
        name, target, name);
    risks.push_back(EscalationRisk{name, std::move(message), std::move(help)});
  }
  return risks;
}

}  // namespace rolec::lint
