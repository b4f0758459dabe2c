// lint/condition_rules.h — condition-always-true and condition-always-false (docs/lint.md): each
// `allow ... when COND` / `except ... when COND` of a user's role decided over the analysis layer's
// request domain (rolec::analysis::RuleConditionCases), reported at the condition.
#pragma once

#include <vector>

#include "grammar/ast.h"
#include "lint/rule_finding.h"
#include "rolec/policy.hpp"

namespace rolec::lint {

// The findings for the role's own conditional rules. `policy` is the compiled program, `role` the
// role `decl` declares in it; a rule is matched to the image's by where it was written.
std::vector<RuleFinding> ConditionFindings(const Policy& policy, RoleId role, const grammar::RoleDecl& decl);

}  // namespace rolec::lint
