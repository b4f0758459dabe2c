// analysis/tiers.h — the tier of every role below a given top role, for Tiers and for the
// least-privileged ranking (RoleIndex), which must rank a policy without a Global Administrator
// too (docs/analysis.md § Tiers, § Ranking).
#pragma once

#include "rolec/analysis.hpp"

namespace rolec::analysis {

// Global Administrator by template id, else by display name; kNoRole if the policy has neither.
RoleId FindGlobalAdministrator(const Policy& policy);

// The tier report with `top` as the role tier 0 reaches. With top == kNoRole no role is tier 0,
// and tiers 1 and 2 are as Tiers defines them.
TierReport TiersBelow(const EscalationGraph& graph, RoleId top);

}  // namespace rolec::analysis
