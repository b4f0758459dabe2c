// The analysis API on the standard library and on small policies: what who-can, diff and
// subsumes say about known roles, two versions of a role, and the domain's bounds and errors.
#include <algorithm>
#include <string>

#include "analysis/analysis_util.h"
#include "analysis/request_domain.h"
#include "fmt/format.h"
#include "gtest/gtest.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis_test {
namespace {

using analysis::RoleRef;

constexpr char kReset[] = "microsoft.directory/users/password/update";

RoleRef Ref(const Policy& policy, const char* name) { return RoleRef{&policy, policy.FindRole(name)}; }

const analysis::WhoCanGroup* GroupOf(const analysis::WhoCanResult& result, const Policy& policy,
                                     std::string_view role) {
  for (const analysis::WhoCanGroup& group : result.groups) {
    for (const analysis::RoleGrant& grant : group.roles) {
      if (policy.role(grant.role).name == role) return &group;
    }
  }
  return nullptr;
}

TEST(WhoCanApi, PasswordResetOnTheStdlib) {
  const Policy& policy = Stdlib();
  absl::StatusOr<analysis::WhoCanResult> result = analysis::WhoCan(policy, kReset);
  ASSERT_TRUE(result.ok()) << result.status();
  const analysis::WhoCanGroup* global = GroupOf(*result, policy, "Global Administrator");
  ASSERT_NE(global, nullptr);
  // Tenant-wide, a Global Administrator resets anyone outside a restricted management unit.
  EXPECT_EQ(analysis::FormatCaseSet(global->cases.tenant), "the target is in no restricted unit");
  EXPECT_FALSE(global->cases.unit_assignable);
  const analysis::WhoCanGroup* helpdesk = GroupOf(*result, policy, "Helpdesk Administrator");
  ASSERT_NE(helpdesk, nullptr);
  ASSERT_TRUE(helpdesk->cases.unit_assignable);
  const std::string unit = analysis::FormatCaseSet(helpdesk->cases.unit);
  EXPECT_NE(unit.find("target.roles within entra.non_administrator_roles"), std::string::npos) << unit;
  EXPECT_NE(unit.find("target.kind in [user, group, device]"), std::string::npos) << unit;
  EXPECT_EQ(GroupOf(*result, policy, "Directory Readers"), nullptr);
  // Every group is non-empty and its roles are sorted by name.
  for (const analysis::WhoCanGroup& group : result->groups) {
    ASSERT_FALSE(group.roles.empty());
    EXPECT_TRUE(std::is_sorted(group.roles.begin(), group.roles.end(), [&](auto& x, auto& y) {
      return policy.role(x.role).name < policy.role(y.role).name;
    }));
  }
}

TEST(WhoCanApi, UnknownActionIsNotFound) {
  absl::StatusOr<analysis::WhoCanResult> result =
      analysis::WhoCan(Stdlib(), "microsoft.directory/users/frobnicate");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
}

TEST(WhoCanApi, AnActionNoRoleHoldsHasNoGroups) {
  std::string error;
  auto policy = CompileWithStdlib(R"(
action contoso.app/widgets/delete {
  description "Delete widgets"  privileged false  custom_allowed true  protected false
}
role "Widget Lister" { allow contoso.app/widgets/delete when context.mfa and not context.mfa }
)", &error);
  ASSERT_NE(policy, nullptr) << error;
  absl::StatusOr<analysis::WhoCanResult> result = analysis::WhoCan(*policy, "contoso.app/widgets/delete");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->groups.empty());
  ASSERT_EQ(result->never.size(), 1u);  // covered, but its condition never holds
}

TEST(DiffApi, HelpdeskAgainstPasswordAdministrator) {
  const Policy& policy = Stdlib();
  absl::StatusOr<analysis::DiffResult> diff =
      analysis::Diff(Ref(policy, "Helpdesk Administrator"), Ref(policy, "Password Administrator"));
  ASSERT_TRUE(diff.ok()) << diff.status();
  auto find = [&](std::string_view action) -> const analysis::ActionDiff* {
    for (const auto& d : diff->diffs) {
      if (d.action == action) return &d;
    }
    return nullptr;
  };
  const analysis::ActionDiff* key = find("microsoft.directory/bitlockerKeys/key/read");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->kind, analysis::ActionDiff::Kind::kOnlyA);
  const analysis::ActionDiff* reset = find(kReset);
  ASSERT_NE(reset, nullptr);
  EXPECT_EQ(reset->kind, analysis::ActionDiff::Kind::kDifferent);
  EXPECT_TRUE(reset->b_not_a.tenant.none());
  EXPECT_TRUE(reset->b_not_a.unit.none());
  EXPECT_FALSE(reset->a_not_b.tenant.none());
  EXPECT_EQ(diff->same + diff->diffs.size(), diff->compared);
}

TEST(DiffApi, IdenticalRolesInTwoPoliciesAreAlike) {
  std::string error;
  const std::string source = R"(import entra
role "Twin" { allow microsoft.directory/users/basic/update when target.roles within entra.non_administrator_roles }
)";
  auto one = CompileWithStdlib(source, &error);
  auto two = CompileWithStdlib(source, &error);
  ASSERT_TRUE(one && two) << error;
  absl::StatusOr<analysis::DiffResult> diff = analysis::Diff(Ref(*one, "Twin"), Ref(*two, "Twin"));
  ASSERT_TRUE(diff.ok()) << diff.status();
  EXPECT_TRUE(diff->diffs.empty());
  EXPECT_EQ(diff->compared, 1u);
}

TEST(SubsumesApi, StdlibFacts) {
  const Policy& policy = Stdlib();
  auto yes = analysis::Subsumes(Ref(policy, "Global Reader"), Ref(policy, "Directory Readers"));
  ASSERT_TRUE(yes.ok());
  EXPECT_TRUE(yes->subsumes);
  // A unit-scoped User Administrator at a restricted unit modifies its members; a tenant-wide
  // Global Administrator may not (docs/semantics.md, decision step 2).
  auto no = analysis::Subsumes(Ref(policy, "Global Administrator"), Ref(policy, "User Administrator"));
  ASSERT_TRUE(no.ok());
  ASSERT_FALSE(no->subsumes);
  EXPECT_FALSE(no->witness.target.restricted_admin_units.empty());
  EXPECT_EQ(no->witness.assignments[0].scope.rfind("/administrativeUnits/", 0), 0u);
  ASSERT_EQ(no->denied_as_a.size(), 1u);  // Global Administrator is tenant-only
  EXPECT_EQ(no->denied_as_a[0].assignments[0].scope, "/");
}

TEST(SubsumesApi, BadRoleRefsAreErrors) {
  const Policy& policy = Stdlib();
  EXPECT_FALSE(analysis::Subsumes(RoleRef{&policy, kNoRole}, Ref(policy, "User")).ok());
  EXPECT_FALSE(analysis::Diff(Ref(policy, "User"), RoleRef{nullptr, 0}).ok());
}

TEST(DomainBounds, TooManyRoleCombinationsIsAnErrorNotAHang) {
  // 17 independent `has` predicates: 2^17 combinations of target roles, over the bound.
  const char* const roles[] = {"Global Administrator", "User Administrator", "Helpdesk Administrator",
                               "Password Administrator", "Groups Administrator", "Directory Readers",
                               "Global Reader", "Security Reader", "Security Administrator",
                               "Exchange Administrator", "SharePoint Administrator", "Teams Administrator",
                               "Billing Administrator", "License Administrator", "Reports Reader",
                               "Guest Inviter", "Application Administrator"};
  std::string condition;
  for (const char* role : roles) {
    condition += fmt::format("{}target.roles has entra.\"{}\"", condition.empty() ? "" : " or ", role);
  }
  std::string error;
  auto policy = CompileWithStdlib(
      "import entra\nrole \"Wide\" { allow microsoft.directory/users/basic/update when " + condition + " }\n",
      &error);
  ASSERT_NE(policy, nullptr) << error;
  const RoleRef list[] = {Ref(*policy, "Wide")};
  auto domain = analysis::RequestDomain::Build(list, "microsoft.directory/users/basic/update", false);
  ASSERT_FALSE(domain.ok());
  EXPECT_EQ(domain.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(domain.status().message().find("65,536"), std::string::npos) << domain.status();
  EXPECT_FALSE(analysis::WhoCan(*policy, "microsoft.directory/users/basic/update").ok());
}

TEST(DomainBounds, NamedUnitsBecomeScopeChoicesAndFacts) {
  std::string error;
  auto policy = CompileWithStdlib(R"(
role "Paris Helpdesk" {
  allow microsoft.directory/users/basic/update when scope.admin_unit == "au-paris" or target.admin_units has "au-lyon"
}
)", &error);
  ASSERT_NE(policy, nullptr) << error;
  absl::StatusOr<analysis::WhoCanResult> result =
      analysis::WhoCan(*policy, "microsoft.directory/users/basic/update");
  ASSERT_TRUE(result.ok()) << result.status();
  const analysis::WhoCanGroup* group = GroupOf(*result, *policy, "Paris Helpdesk");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(analysis::FormatCaseSet(group->cases.tenant), "the target is in no restricted unit and target.admin_units has \"au-lyon\"");
  const std::string unit = analysis::FormatCaseSet(group->cases.unit);
  EXPECT_NE(unit.find("scope.admin_unit == \"au-paris\""), std::string::npos) << unit;
  EXPECT_NE(unit.find("target.admin_units has \"au-lyon\""), std::string::npos) << unit;
}

}  // namespace
}  // namespace rolec::analysis_test
