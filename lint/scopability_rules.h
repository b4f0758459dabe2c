// lint/scopability_rules.h — au-scopable-without-members and au-tenant-only-permission
// (docs/lint.md): a role that says `admin_unit_scopable true` but cannot be assigned at an
// administrative unit (the compiler's W0503, folded in with a fix), and one that can, holding
// permissions an assignment at a unit never reaches (admin-units-assign-roles.md).
#pragma once

#include <vector>

#include "compiler/frontend.h"
#include "lint/rule_finding.h"
#include "rolec/policy.hpp"

namespace rolec::lint {

// The findings for user role `role` of the frontend's program. `policy` is the compiled program
// and `policy_role` the role in it (null / kNoRole if it could not be built): with it, a grant
// whose condition never holds at unit scope is not reported, since its author has kept it from
// units already.
std::vector<RuleFinding> ScopabilityFindings(compiler::Frontend& fe, RoleId role, const Policy* policy,
                                             RoleId policy_role);

}  // namespace rolec::lint
