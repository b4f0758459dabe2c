// runtime/policy_text.cc — include/rolec/policy_text.hpp: text for rules, sources, scopes and
// denial kinds.
#include "rolec/policy_text.hpp"

#include "fmt/format.h"

namespace rolec {

std::string SourceText(const SourceRef& source) {
  if (source.line == 0) return std::string(source.file);
  return fmt::format("{}:{}:{}", source.file, source.line, source.column);
}

std::string RuleText(const RuleInfo& rule) {
  std::string text = rule.is_except ? "except " : "allow ";
  for (size_t i = 0; i < rule.patterns.size(); ++i) {
    if (i > 0) text += ", ";
    text += rule.patterns[i];
  }
  if (!rule.condition.empty()) {
    text += " when ";
    text += rule.condition;
  }
  return text;
}

std::string ScopeText(std::string_view admin_unit) {
  if (admin_unit.empty()) return "/";
  return fmt::format("/administrativeUnits/{}", admin_unit);
}

std::string_view DenialKindName(Denial::Kind kind) {
  switch (kind) {
    case Denial::Kind::kNoGrant:
      return "no_grant";
    case Denial::Kind::kConditionFailed:
      return "condition_failed";
    case Denial::Kind::kExcepted:
      return "excepted";
    case Denial::Kind::kIntrinsicRule:
      return "intrinsic_rule";
    case Denial::Kind::kScopeMismatch:
      return "scope_mismatch";
    case Denial::Kind::kRestrictedAdminUnit:
      return "restricted_admin_unit";
  }
  return "unknown";
}

std::string RoleName(const Policy& policy, RoleId role) {
  if (role < policy.role_count()) return std::string(policy.role(role).name);
  return fmt::format("role #{}", role);
}

}  // namespace rolec
