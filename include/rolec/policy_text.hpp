// rolec/policy_text.hpp — how rolec names things of a loaded policy in text and JSON: a rule as
// `allow <patterns> when <condition>`, a source position as `file:line:col`, a scope as `/` or
// `/administrativeUnits/<id>`, a denial kind as `condition_failed`. One place, so that `rolec eval`,
// `eval --json`, `test`, `describe` and the C API's rolec_explain all say the same thing the same
// way, and an embedder printing an Explanation can say it as they do.
#pragma once

#include <string>
#include <string_view>

#include "rolec/policy.hpp"
#include "rolec/export.h"

namespace rolec {

// "file:line:col", or "" if the reference has no line (e.g. a built-in rule with no source).
ROLEC_API std::string SourceText(const SourceRef& source);

// "allow a, b" or "except a when <condition>".
ROLEC_API std::string RuleText(const RuleInfo& rule);

// "/" for the tenant (empty admin unit), else "/administrativeUnits/<id>".
ROLEC_API std::string ScopeText(std::string_view admin_unit);

// The stable JSON name of a denial kind: "no_grant", "condition_failed", "excepted",
// "intrinsic_rule", "scope_mismatch", "restricted_admin_unit".
ROLEC_API std::string_view DenialKindName(Denial::Kind kind);

// The role's display name, or "role #N" for an id the policy does not have (never trusted blindly:
// the explanation of a malformed request may carry one).
ROLEC_API std::string RoleName(const Policy& policy, RoleId role);

}  // namespace rolec
