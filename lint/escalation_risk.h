// lint/escalation_risk.h — the escalation-risk rule's analysis: which custom roles can take over
// a holder of a tier-0 built-in role, by the analysis layer's escalation graph over the compiled
// program (docs/lint.md#escalation-risk, docs/analysis.md § Escalation).
#pragma once

#include <string>
#include <vector>

#include "rolec/policy.hpp"

namespace rolec::lint {

struct EscalationRisk {
  std::string role;     // the custom role's name
  std::string message;  // one line: "role 'X' can add a credential or an owner to ...: ACTION, COND"
  std::string help;
};

// For each role of `custom_roles` (names in `policy`, the program lint compiled once) with a
// standing edge to a built-in role of tier 0, the edge that comes closest to Global
// Administrator. Empty if the graph or the tiers cannot be built.
std::vector<EscalationRisk> FindEscalationRisks(const Policy& policy,
                                                const std::vector<std::string>& custom_roles);

}  // namespace rolec::lint
