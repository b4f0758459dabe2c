// analysis/edge_kinds.cc — the escalation edge kinds: for each, the actions rolec asks
// Policy::Check about and the target that stands for "a holder of S" (docs/analysis.md § Edge
// kinds). The table names actions and targets, never roles: which roles have an edge is decided
// by the compiled semantics.
#include "rolec/analysis.hpp"

namespace rolec::analysis {

const std::vector<EdgeKindInfo>& EdgeKinds() {
  static const std::vector<EdgeKindInfo> kKinds = {
      {EdgeKind::kPasswordReset,
       "password-reset",
       "can reset the password of",
       "a {} holder",
       "privileged-roles-permissions.md#who-can-reset-passwords",
       true,
       {{"microsoft.directory/users/password/update", TargetKind::kUser}}},
      {EdgeKind::kAuthenticationMethods,
       "authentication-methods",
       "can add an authentication method for",
       "a {} holder",
       "privileged-roles-permissions.md#who-can-perform-sensitive-actions, permissions-reference.md "
       "(users/authenticationMethods/create: \"Update authentication methods for users\")",
       true,
       {{"microsoft.directory/users/authenticationMethods/create", TargetKind::kUser},
        {"microsoft.directory/users/authenticationMethods/basic/update", TargetKind::kUser}}},
      {EdgeKind::kRoleAssignment,
       "role-assignment",
       "can assign",
       "{} (to themselves)",
       "includes/privileged-role-administrator.md (\"can grant themselves or others additional "
       "privilege by assigning additional roles\"), roleAssignments/allProperties/allTasks",
       true,
       {{"microsoft.directory/roleAssignments/allProperties/allTasks", TargetKind::kRoleDefinition}}},
      {EdgeKind::kRoleAssignableGroup,
       "role-assignable-group",
       "can add a member or an owner to",
       "a role-assignable group holding {}",
       "includes/global-administrator.md (groupsAssignableToRoles/allProperties/update: \"Update "
       "role-assignable groups\"), includes/privileged-role-administrator.md",
       true,
       {{"microsoft.directory/groupsAssignableToRoles/members/update", TargetKind::kGroup, true},
        {"microsoft.directory/groups/members/update", TargetKind::kGroup, true},
        {"microsoft.directory/groups/owners/update", TargetKind::kGroup, true}}},
      {EdgeKind::kServicePrincipalCredentials,
       "service-principal-credentials",
       "can add a credential or an owner to",
       "a service principal holding {}",
       "privileged-roles-permissions.md (servicePrincipals/credentials/update is PRIVILEGED: "
       "\"modify credentials\"), includes/application-administrator.md",
       true,
       {{"microsoft.directory/servicePrincipals/credentials/update", TargetKind::kServicePrincipal},
        {"microsoft.directory/servicePrincipals/owners/update", TargetKind::kServicePrincipal}}},
      {EdgeKind::kApplicationCredentials,
       "application-credentials",
       "can add a credential or an owner to",
       "the application of a service principal holding {}",
       "privileged-roles-permissions.md (applications/credentials/update is PRIVILEGED), "
       "includes/application-administrator.md",
       true,
       {{"microsoft.directory/applications/credentials/update", TargetKind::kApplication},
        {"microsoft.directory/applications/owners/update", TargetKind::kApplication}}},
      {EdgeKind::kConditionalAccess,
       "conditional-access",
       "can change the Conditional Access policies protecting",
       "{} holders",
       "protected-actions-overview.md, privileged-roles-permissions.md (\"modify ... authentication "
       "or authorization policies\")",
       false,
       {{"microsoft.directory/conditionalAccessPolicies/basic/update", TargetKind::kOther, false, false},
        {"microsoft.directory/conditionalAccessPolicies/create", TargetKind::kOther, false, false}}},
  };
  return kKinds;
}

const EdgeKindInfo& EdgeKindOf(EdgeKind kind) { return EdgeKinds()[static_cast<size_t>(kind)]; }

}  // namespace rolec::analysis
