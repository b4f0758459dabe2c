// RuleConditionCases (docs/analysis.md § The value of one condition): the counts over both halves,
// the facts no case changes, errors, and agreement with Policy::Check in the cases where nothing
// but the condition decides (the assignment reaches the target, no restricted unit, no intrinsic
// rule, the role's only rule).
#include <algorithm>
#include <string>

#include "analysis/action_domain.h"
#include "analysis/analysis_util.h"
#include "gtest/gtest.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis_test {
namespace {

// The index of the first rule of role `name`.
uint32_t FirstRule(const Policy& policy, const char* name) {
  const std::vector<uint32_t> rules = policy.RoleRules(policy.FindRole(name));
  return rules.empty() ? policy.rule_count() : rules.front();
}

TEST(ConditionCases, CountsPerHalfAndTheScopeSplit) {
  std::string error;
  auto policy = CompileWithStdlib(
      "role \"Apps\" {\n  allow microsoft.directory/applications/create when context.mfa\n}\n"
      "role \"Groups\" {\n  allow microsoft.directory/groups/owners/update when scope is tenant\n}\n"
      "role \"Groups Tenant\" {\n  admin_unit_scopable false\n"
      "  allow microsoft.directory/groups/owners/update when scope is tenant\n}\n",
      &error);
  ASSERT_NE(policy, nullptr) << error;

  absl::StatusOr<analysis::ConditionCases> apps = analysis::RuleConditionCases(*policy, FirstRule(*policy, "Apps"));
  ASSERT_TRUE(apps.ok()) << apps.status();
  EXPECT_FALSE(apps->unit_assignable);
  EXPECT_EQ(apps->actions, 1u);
  EXPECT_EQ(apps->unit_of, 0u);
  EXPECT_GT(apps->tenant_of, 0u);
  EXPECT_EQ(2 * apps->tenant_true, apps->tenant_of);  // context.mfa is one boolean dimension
  EXPECT_FALSE(apps->always_true());
  EXPECT_FALSE(apps->always_false());
  EXPECT_TRUE(apps->fixed_facts.empty());

  absl::StatusOr<analysis::ConditionCases> groups =
      analysis::RuleConditionCases(*policy, FirstRule(*policy, "Groups"));
  ASSERT_TRUE(groups.ok()) << groups.status();
  EXPECT_TRUE(groups->unit_assignable);
  EXPECT_EQ(groups->tenant_true, groups->tenant_of);  // true in every tenant case ...
  EXPECT_GT(groups->unit_of, 0u);
  EXPECT_EQ(groups->unit_true, 0u);  // ... and in no unit case
  EXPECT_FALSE(groups->always_true());
  EXPECT_EQ(groups->of, groups->tenant_of + groups->unit_of);

  absl::StatusOr<analysis::ConditionCases> tenant =
      analysis::RuleConditionCases(*policy, FirstRule(*policy, "Groups Tenant"));
  ASSERT_TRUE(tenant.ok()) << tenant.status();
  EXPECT_FALSE(tenant->unit_assignable);
  EXPECT_TRUE(tenant->always_true());
  ASSERT_EQ(tenant->fixed_facts.size(), 1u);
  EXPECT_EQ(tenant->fixed_facts[0],
            "the scope is always the tenant: role 'Groups Tenant' cannot be assigned at an administrative unit");
}

TEST(ConditionCases, FixedFactsAndErrors) {
  std::string error;
  auto policy = CompileWithStdlib(
      "role \"Self\" {\n  allow microsoft.directory/groups/owners/update when assignment.role in [\"Self\"]\n"
      "  allow microsoft.directory/groups/members/update\n"
      "  except microsoft.directory/applications/create when context.mfa\n}\n",
      &error);
  ASSERT_NE(policy, nullptr) << error;
  const std::vector<uint32_t> rules = policy->RoleRules(policy->FindRole("Self"));
  ASSERT_EQ(rules.size(), 3u);
  absl::StatusOr<analysis::ConditionCases> self = analysis::RuleConditionCases(*policy, rules[0]);
  ASSERT_TRUE(self.ok()) << self.status();
  EXPECT_TRUE(self->always_true());
  ASSERT_EQ(self->fixed_facts.size(), 1u);
  EXPECT_NE(self->fixed_facts[0].find("is true for every assignment of role 'Self': the set holds it"),
            std::string::npos)
      << self->fixed_facts[0];
  // An unconditional rule, a rule that does not exist.
  EXPECT_EQ(analysis::RuleConditionCases(*policy, rules[1]).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(analysis::RuleConditionCases(*policy, policy->rule_count()).status().code(),
            absl::StatusCode::kInvalidArgument);
  // An except of an action the role does not allow is never read: no case at all.
  absl::StatusOr<analysis::ConditionCases> except = analysis::RuleConditionCases(*policy, rules[2]);
  ASSERT_TRUE(except.ok()) << except.status();
  EXPECT_EQ(except->of, 0u);
  EXPECT_FALSE(except->always_true());
  EXPECT_FALSE(except->always_false());
}

// Where the assignment reaches the target and nothing else decides, Check allows exactly when the
// condition holds: the condition's value per case is the evaluator's.
TEST(ConditionCases, AgreesWithCheckWhereOnlyTheConditionDecides) {
  std::string error;
  auto policy = CompileWithStdlib(
      "role \"Mixed\" {\n"
      "  allow microsoft.directory/devices/basic/update when (target.kind == device and context.mfa) or "
      "scope.admin_unit == \"au-x\" or (target is self and not principal owns target)\n"
      "}\n",
      &error);
  ASSERT_NE(policy, nullptr) << error;
  const RoleId role = policy->FindRole("Mixed");
  const uint32_t rule = FirstRule(*policy, "Mixed");
  const ActionId action = policy->FindAction("microsoft.directory/devices/basic/update");
  ASSERT_NE(action, kNoAction);
  ASSERT_TRUE(policy->action(action).intrinsic_rule.empty());
  const analysis::RoleRef ref{policy.get(), role};
  const analysis::RoleRef roles[] = {ref};
  absl::StatusOr<analysis::ActionDomain> domain = analysis::ActionDomain::Build(roles, policy->action(action).name);
  ASSERT_TRUE(domain.ok()) << domain.status();
  ASSERT_NE(domain->unit(), nullptr);
  uint32_t decided = 0, holds = 0;
  for (const analysis::RequestDomain* half : {&domain->tenant(), domain->unit()}) {
    for (size_t p = 0; p < half->points(); ++p) {
      const OwnedRequest w = half->Witness(p, ref);
      if (!w.target.restricted_admin_units.empty()) continue;  // step 2 decides there
      if (half->unit_scope()) {
        const std::string unit = w.assignments[0].scope.substr(std::string("/administrativeUnits/").size());
        const bool member = w.target.kind == TargetKind::kUser || w.target.kind == TargetKind::kGroup ||
                            w.target.kind == TargetKind::kDevice;
        if (!member || std::find(w.target.admin_units.begin(), w.target.admin_units.end(), unit) ==
                           w.target.admin_units.end()) {
          continue;  // step 1 decides there
        }
      }
      ++decided;
      const bool rule_holds = half->RuleHolds(p, ref, rule);
      holds += rule_holds ? 1 : 0;
      EXPECT_EQ(half->Allows(p, ref), rule_holds) << "point " << p << (half->unit_scope() ? " (unit)" : "");
    }
  }
  EXPECT_GT(decided, 8u);
  EXPECT_GT(holds, 0u);
  EXPECT_LT(holds, decided);
  absl::StatusOr<analysis::ConditionCases> cases = analysis::RuleConditionCases(*policy, rule);
  ASSERT_TRUE(cases.ok()) << cases.status();
  EXPECT_EQ(cases->of, domain->cases());
}

}  // namespace
}  // namespace rolec::analysis_test
