// tests/lint/condition_rules_test.cc — condition-always-true and condition-always-false
// (docs/lint.md): decided over the analysis layer's request domain at every scope the role may be
// assigned at, reported at the condition with the fact that makes it constant.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lint/lint_util.h"

namespace rolec::lint_test {
namespace {

TEST(LintConditionRules, ATautologyAndAContradictionOfVaryingFacts) {
  const std::string text =
      "role \"Contoso App Owners\" {\n"
      "  allow microsoft.directory/applications/owners/update when principal owns target or not principal owns target\n"
      "  allow microsoft.directory/applications/basic/update when principal owns target and not principal owns target\n"
      "  allow microsoft.directory/applications/delete when principal owns target\n"
      "}\n";
  std::vector<Diagnostic> always = Findings(text, "condition-always-true");
  ASSERT_EQ(always.size(), 1u) << Dump(LintAll(text));
  EXPECT_EQ(always[0].severity, Severity::kWarning);
  EXPECT_EQ(always[0].span.line, 2u);
  EXPECT_EQ(always[0].span.column, 61u);  // the condition's first token
  EXPECT_NE(always[0].message.find("condition `principal owns target or not principal owns target` always "
                                   "holds: it is true for every combination of the request facts it reads"),
            std::string::npos)
      << always[0].message;
  EXPECT_NE(always[0].help.find("applies as if it had no condition"), std::string::npos) << always[0].help;
  EXPECT_NE(always[0].help.find("at tenant scope (the role cannot be assigned at a unit)"), std::string::npos)
      << always[0].help;

  std::vector<Diagnostic> never = Findings(text, "condition-always-false");
  ASSERT_EQ(never.size(), 1u) << Dump(LintAll(text));
  EXPECT_EQ(never[0].span.line, 3u);
  EXPECT_NE(never[0].message.find("never holds: it is false for every combination"), std::string::npos)
      << never[0].message;
  EXPECT_NE(never[0].help.find("the allow grants nothing"), std::string::npos) << never[0].help;
}

// "Always" means at every scope the role may be assigned at: `scope is tenant` is constant for a
// role that cannot be assigned at a unit, and is not for one that can.
TEST(LintConditionRules, TheScopeSplitDecidesWhatAlwaysMeans) {
  const std::string tenant_only =
      "role \"Contoso App Owners\" {\n"
      "  allow microsoft.directory/applications/owners/update when scope is tenant\n"
      "  allow microsoft.directory/applications/basic/update when scope is admin_unit\n"
      "}\n";
  std::vector<Diagnostic> always = Findings(tenant_only, "condition-always-true");
  ASSERT_EQ(always.size(), 1u) << Dump(LintAll(tenant_only));
  EXPECT_EQ(always[0].span.line, 2u);
  EXPECT_NE(always[0].message.find("the scope is always the tenant: role 'Contoso App Owners' cannot be "
                                   "assigned at an administrative unit"),
            std::string::npos)
      << always[0].message;
  std::vector<Diagnostic> never = Findings(tenant_only, "condition-always-false");
  ASSERT_EQ(never.size(), 1u);
  EXPECT_EQ(never[0].span.line, 3u);

  // Group permissions make the role unit-scopable: at a unit, `scope is tenant` is false.
  const std::string scopable =
      "role \"Contoso Group Owners\" {\n"
      "  allow microsoft.directory/groups/owners/update when scope is tenant\n"
      "  allow microsoft.directory/groups/members/update when scope is admin_unit\n"
      "}\n";
  EXPECT_TRUE(Findings(scopable, "condition-always-true").empty()) << Dump(LintAll(scopable));
  EXPECT_TRUE(Findings(scopable, "condition-always-false").empty()) << Dump(LintAll(scopable));

  // ... unless the role says it is tenant-only.
  const std::string declared_tenant_only =
      "role \"Contoso Group Owners\" {\n"
      "  admin_unit_scopable false\n"
      "  allow microsoft.directory/groups/owners/update when scope is tenant\n"
      "}\n";
  EXPECT_EQ(Findings(declared_tenant_only, "condition-always-true").size(), 1u);
}

TEST(LintConditionRules, FixedRoleSetsAndTheAssignedRoleAreNamed) {
  const std::string text =
      "import entra\n"
      "role \"Contoso Self\" {\n"
      "  allow microsoft.directory/groups/owners/update when assignment.role in [\"Contoso Self\"]\n"
      "  allow microsoft.directory/groups/members/update when target.roles in []\n"
      "  allow microsoft.directory/groups/basic/update when target.roles within entra.non_administrator_roles\n"
      "}\n";
  std::vector<Diagnostic> always = Findings(text, "condition-always-true");
  ASSERT_EQ(always.size(), 1u) << Dump(LintAll(text));
  EXPECT_EQ(always[0].span.line, 3u);
  EXPECT_NE(always[0].message.find("is true for every assignment of role 'Contoso Self': the set holds it"),
            std::string::npos)
      << always[0].message;
  EXPECT_NE(always[0].help.find("at tenant and administrative-unit scope"), std::string::npos) << always[0].help;
  std::vector<Diagnostic> never = Findings(text, "condition-always-false");
  ASSERT_EQ(never.size(), 1u) << Dump(LintAll(text));
  EXPECT_EQ(never[0].span.line, 4u);
  EXPECT_NE(never[0].message.find("holds for no target: the set holds no role"), std::string::npos)
      << never[0].message;
}

TEST(LintConditionRules, AnExceptThatNeverAppliesRemovesNothing) {
  const std::string text =
      "role \"Contoso App Manager\" {\n"
      "  allow microsoft.directory/applications/allProperties/update\n"
      "  except microsoft.directory/applications/owners/update when scope is admin_unit\n"
      "  except microsoft.directory/applications/basic/update when principal owns target\n"
      "}\n";
  std::vector<Diagnostic> never = Findings(text, "condition-always-false");
  ASSERT_EQ(never.size(), 1u) << Dump(LintAll(text));
  EXPECT_EQ(never[0].span.line, 3u);
  EXPECT_NE(never[0].help.find("the except removes nothing"), std::string::npos) << never[0].help;
  EXPECT_TRUE(Findings(text, "condition-always-true").empty());
}

TEST(LintConditionRules, ConditionsThatDependOnTheRequestAreNotReported) {
  const std::string text =
      "import entra\n"
      "role \"Contoso Helpdesk\" {\n"
      "  allow microsoft.directory/users/basic/update when target is self\n"
      "  allow microsoft.directory/groups/members/update when target.kind == group and context.mfa\n"
      "  allow microsoft.directory/devices/basic/update when target.roles within entra.non_administrator_roles\n"
      "  allow microsoft.directory/groups/owners/update\n"
      "}\n";
  EXPECT_TRUE(Findings(text, "condition-always-true").empty()) << Dump(LintAll(text));
  EXPECT_TRUE(Findings(text, "condition-always-false").empty()) << Dump(LintAll(text));
}

TEST(LintConditionRules, SuppressedInlineAndConfigurable) {
  const std::string text =
      "role \"Contoso App Owners\" {\n"
      "  // rolec-lint-ignore condition-always-true: kept for symmetry with the unit-scoped role, CHG-7\n"
      "  allow microsoft.directory/applications/owners/update when scope is tenant\n"
      "  allow microsoft.directory/applications/basic/update when scope is tenant\n"
      "}\n";
  std::vector<Diagnostic> always = Findings(text, "condition-always-true");
  ASSERT_EQ(always.size(), 1u) << Dump(LintAll(text));
  EXPECT_EQ(always[0].span.line, 4u);
  EXPECT_TRUE(Findings(text, "condition-always-true", R"({"rules": {"condition-always-true": "off"}})").empty());
  std::vector<Diagnostic> as_error =
      Findings(text, "condition-always-true", R"({"rules": {"condition-always-true": "error"}})");
  ASSERT_EQ(as_error.size(), 1u);
  EXPECT_EQ(as_error[0].severity, Severity::kError);
}

// Only the user's own rules: a role extending a built-in with conditions is not blamed for them.
TEST(LintConditionRules, InheritedConditionsAreNotTheRolesOwn) {
  const std::string text = "import entra\nrole \"Copy\" extends entra.\"Helpdesk Administrator\" {\n}\n";
  EXPECT_TRUE(Findings(text, "condition-always-true").empty()) << Dump(LintAll(text));
  EXPECT_TRUE(Findings(text, "condition-always-false").empty()) << Dump(LintAll(text));
}

}  // namespace
}  // namespace rolec::lint_test
