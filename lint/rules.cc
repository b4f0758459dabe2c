// lint/rules.cc — the rule table.
#include "lint/rules.h"

namespace rolec::lint {

const std::vector<Rule>& AllRules() {
  static const std::vector<Rule> kRules = {
      {"custom-unavailable-action", "deployability", Severity::kError,
       "a custom role holds a permission that Entra does not allow in custom roles"},
      {"privileged-permission", "security", Severity::kNote,
       "a custom role grants a permission Microsoft labels privileged"},
      {"redundant-grant", "redundancy", Severity::kWarning,
       "an allow grants nothing the role does not already hold unconditionally"},
      {"except-removes-nothing", "redundancy", Severity::kWarning,
       "an except removes no action the role grants"},
      {"grant-wholly-excepted", "redundancy", Severity::kWarning,
       "everything an allow grants is removed by an unconditional except"},
      {"condition-always-true", "correctness", Severity::kWarning,
       "a condition holds in every case of the request domain, so it restricts nothing"},
      {"condition-always-false", "correctness", Severity::kWarning,
       "a condition holds in no case of the request domain, so its allow or except never applies"},
      {"equals-builtin", "redundancy", Severity::kWarning,
       "a custom role allows exactly what a built-in role allows"},
      {"covered-by-builtin", "redundancy", Severity::kNote,
       "a built-in role allows everything a custom role allows (the smallest one is named)"},
      {"escalation-risk", "security", Severity::kWarning,
       "a custom role can take over a holder of a tier-0 built-in role (the path is named)"},
      {"extends-deprecated", "maintenance", Severity::kWarning,
       "a role extends a role Microsoft has deprecated"},
      {"au-scopable-without-members", "deployability", Severity::kWarning,
       "a role says admin_unit_scopable true but holds no permission on users, groups or devices"},
      {"au-tenant-only-permission", "scope", Severity::kWarning,
       "a role assigned at administrative units holds permissions a unit assignment never reaches"},
      {"suppression-without-reason", "lint", Severity::kWarning,
       "a rolec-lint-ignore comment gives no reason, so it suppresses nothing"},
  };
  return kRules;
}

const Rule* FindRule(std::string_view id) {
  for (const Rule& rule : AllRules()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

}  // namespace rolec::lint
