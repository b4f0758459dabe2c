// The public accessors the analysis layer reads conditions through: GrantRules,
// RuleConditionAtoms, IntrinsicRuleAtoms, RoleSetContains (runtime/condition_atoms.cc).
#include <algorithm>
#include <string>

#include "analysis/analysis_util.h"
#include "gtest/gtest.h"

namespace rolec::analysis_test {
namespace {

using Kind = ConditionAtom::Kind;

bool HasAtom(const std::vector<ConditionAtom>& atoms, Kind kind, std::string_view text = "") {
  return std::any_of(atoms.begin(), atoms.end(), [&](const ConditionAtom& a) {
    return a.kind == kind && (text.empty() || a.text == text);
  });
}

TEST(PolicyAccessors, GrantRulesListTheCoveringAllowsThenExcepts) {
  std::string error;
  auto policy = CompileWithStdlib(R"(
role "Acc One" {
  allow microsoft.directory/users/basic/update when context.mfa
  allow microsoft.directory/users/allProperties/allTasks
  except microsoft.directory/users/basic/update when target.role_assignable_group_member
  except microsoft.directory/groups/delete
}
)", &error);
  ASSERT_NE(policy, nullptr) << error;
  const RoleId role = policy->FindRole("Acc One");
  const ActionId basic = policy->FindAction("microsoft.directory/users/basic/update");
  const std::vector<uint32_t> rules = policy->GrantRules(role, basic);
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_FALSE(policy->rule(rules[0]).is_except);
  EXPECT_FALSE(policy->rule(rules[1]).is_except);
  EXPECT_TRUE(policy->rule(rules[2]).is_except);
  EXPECT_EQ(policy->rule(rules[0]).condition, "context.mfa");
  // groups/delete is excepted but never allowed: no grant.
  EXPECT_TRUE(policy->GrantRules(role, policy->FindAction("microsoft.directory/groups/delete")).empty());
  // Out of range: empty, not a crash.
  EXPECT_TRUE(policy->GrantRules(kNoRole, basic).empty());
  EXPECT_TRUE(policy->GrantRules(role, kNoAction).empty());
}

TEST(PolicyAccessors, RuleAtomsAreTheDistinctLeavesInOrder) {
  std::string error;
  auto policy = CompileWithStdlib(R"(import entra
role "Acc Two" {
  allow microsoft.directory/users/basic/update
    when (target.kind == user and target.roles within entra.non_administrator_roles)
      or (not target.role_assignable_group_member and target.kind == user)
      or target.admin_units has "au-x" or scope.admin_unit == "au-y"
      or target.roles has entra."Global Administrator" or target.roles in ["Directory Readers"]
      or target is self or principal owns target or context.mfa or target.role_assignable
      or target.restricted_au_role or target.in_restricted_au or scope is tenant
}
)", &error);
  ASSERT_NE(policy, nullptr) << error;
  const RoleId role = policy->FindRole("Acc Two");
  const std::vector<uint32_t> rules = policy->RoleRules(role);
  ASSERT_EQ(rules.size(), 1u);
  const std::vector<ConditionAtom> atoms = policy->RuleConditionAtoms(rules[0]);
  ASSERT_GE(atoms.size(), 14u);
  EXPECT_EQ(atoms[0].kind, Kind::kTargetKindIs);
  EXPECT_EQ(atoms[0].target_kind, TargetKind::kUser);
  EXPECT_EQ(atoms[1].kind, Kind::kTargetRolesWithin);
  EXPECT_EQ(atoms[1].text, "entra.non_administrator_roles");
  EXPECT_TRUE(policy->RoleSetContains(atoms[1].role_set, policy->FindRole("User")));
  EXPECT_FALSE(policy->RoleSetContains(atoms[1].role_set, policy->FindRole("Global Administrator")));
  EXPECT_FALSE(policy->RoleSetContains(atoms[1].role_set, kNoRole));
  EXPECT_FALSE(policy->RoleSetContains(0xFFFFu, 0));
  // target.kind == user appears twice in the source, once in the atoms.
  EXPECT_EQ(std::count_if(atoms.begin(), atoms.end(),
                          [](const ConditionAtom& a) { return a.kind == Kind::kTargetKindIs; }),
            1);
  EXPECT_TRUE(HasAtom(atoms, Kind::kTargetInAdminUnit, "au-x"));
  EXPECT_TRUE(HasAtom(atoms, Kind::kScopeAdminUnitIs, "au-y"));
  EXPECT_TRUE(HasAtom(atoms, Kind::kTargetHasRole, "Global Administrator"));
  EXPECT_TRUE(HasAtom(atoms, Kind::kTargetRolesAny));
  for (Kind kind : {Kind::kTargetRoleAssignableGroupMember, Kind::kTargetIsSelf,
                    Kind::kPrincipalOwnsTarget, Kind::kContextMfa, Kind::kTargetRoleAssignable,
                    Kind::kTargetRestrictedAuRole, Kind::kTargetInRestrictedAu, Kind::kScopeIsTenant}) {
    EXPECT_TRUE(HasAtom(atoms, kind)) << static_cast<int>(kind);
  }
}

TEST(PolicyAccessors, IntrinsicRuleAtomsOfAGovernedAction) {
  const Policy& policy = Stdlib();
  const ActionId reset = policy.FindAction("microsoft.directory/users/password/update");
  const std::vector<ConditionAtom> atoms = policy.IntrinsicRuleAtoms(reset);
  EXPECT_TRUE(HasAtom(atoms, Kind::kScopeIsTenant));
  EXPECT_TRUE(HasAtom(atoms, Kind::kTargetIsSelf));
  EXPECT_TRUE(HasAtom(atoms, Kind::kAssignmentRoleIn, "entra.password_reset_admin_actors"));
  EXPECT_TRUE(HasAtom(atoms, Kind::kTargetRolesWithin, "entra.non_administrator_roles"));
  // An action without an intrinsic rule, an unconditional rule, and out-of-range ids: none.
  EXPECT_TRUE(policy.IntrinsicRuleAtoms(policy.FindAction("microsoft.directory/users/delete")).size() > 0);
  EXPECT_TRUE(policy.IntrinsicRuleAtoms(policy.FindAction("microsoft.directory/applications/create")).empty());
  EXPECT_TRUE(policy.IntrinsicRuleAtoms(kNoAction).empty());
  EXPECT_TRUE(policy.RuleConditionAtoms(0xFFFFFFFFu).empty());
}

}  // namespace
}  // namespace rolec::analysis_test
