// tests/lint/scopability_rules_test.cc — au-scopable-without-members (the compiler's W0503, folded
// in) and au-tenant-only-permission (docs/lint.md): what admin-units-assign-roles.md says a unit
// assignment reaches, against what a role that says `admin_unit_scopable true` holds.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lint/lint_util.h"
#include "rolec/compiler.hpp"

namespace rolec::lint_test {
namespace {

size_t CountCode(const std::vector<Diagnostic>& diagnostics, const std::string& code) {
  size_t n = 0;
  for (const Diagnostic& d : diagnostics) n += d.code == code ? 1 : 0;
  return n;
}

TEST(LintScopabilityRules, W0503IsTheRuleInLintWithAFix) {
  const std::string text =
      "role \"Contoso App Admins\" {\n"
      "  admin_unit_scopable true\n"
      "  allow microsoft.directory/applications/create\n"
      "}\n";
  // `rolec check` keeps the compiler's warning ...
  CompileResult compiled = Compile({{"t.role", text}});
  EXPECT_EQ(CountCode(compiled.diagnostics, "W0503"), 1u);
  // ... `rolec lint` reports it once, as the rule.
  const std::vector<Diagnostic> all = LintAll(text);
  EXPECT_EQ(CountCode(all, "W0503"), 0u) << Dump(all);
  std::vector<Diagnostic> found = Findings(text, "au-scopable-without-members");
  ASSERT_EQ(found.size(), 1u) << Dump(all);
  EXPECT_EQ(found[0].severity, Severity::kWarning);
  EXPECT_EQ(found[0].span.line, 2u);
  EXPECT_EQ(found[0].span.column, 23u);  // the value `true`
  EXPECT_NE(found[0].message.find("role 'Contoso App Admins' says 'admin_unit_scopable true' but holds no "
                                  "permission on users, groups or devices"),
            std::string::npos)
      << found[0].message;
  EXPECT_NE(found[0].help.find("delete `admin_unit_scopable true`"), std::string::npos) << found[0].help;
  // Configured off, neither the rule nor W0503 is printed.
  const std::vector<Diagnostic> off = LintAll(text, R"({"rules": {"au-scopable-without-members": "off"}})");
  EXPECT_EQ(CountCode(off, "W0503") + CountCode(off, "au-scopable-without-members"), 0u) << Dump(off);
  // Without the line the role is tenant-only and nothing is said.
  EXPECT_TRUE(Findings("role \"Contoso App Admins\" {\n  allow microsoft.directory/applications/create\n}\n",
                       "au-scopable-without-members")
                  .empty());
}

// Entra custom roles have no inheritance: a role extending one is judged by the permissions it then
// holds. Entra Customer Lockbox Approver holds none on users, groups or devices.
TEST(LintScopabilityRules, APermissionlessBaseDoesNotMakeAScopableRole) {
  const std::string text =
      "import entra\n"
      "role \"Contoso Lockbox\" extends entra.\"Entra Customer Lockbox Approver\" {\n"
      "  admin_unit_scopable true\n"
      "}\n";
  std::vector<Diagnostic> found = Findings(text, "au-scopable-without-members");
  ASSERT_EQ(found.size(), 1u) << Dump(LintAll(text));
  EXPECT_NE(found[0].message.find("or devices (those it takes from 'Entra Customer Lockbox Approver' included), so it "
                                  "cannot be assigned"),
            std::string::npos)
      << found[0].message;
  // Teams Devices Administrator extends Directory Readers, which reads users and groups: a role
  // extending it can be assigned at a unit, where most of what it holds does nothing.
  const std::string teams =
      "import entra\n"
      "role \"Contoso Teams Devices\" extends entra.\"Teams Devices Administrator\" {\n"
      "  admin_unit_scopable true\n"
      "}\n";
  EXPECT_TRUE(Findings(teams, "au-scopable-without-members").empty());
  std::vector<Diagnostic> tenant_only = Findings(teams, "au-tenant-only-permission");
  ASSERT_EQ(tenant_only.size(), 1u) << Dump(LintAll(teams));
  EXPECT_EQ(tenant_only[0].span.line, 2u);
  EXPECT_NE(tenant_only[0].message.find("takes from 'Teams Devices Administrator' do nothing"), std::string::npos)
      << tenant_only[0].message;
}

TEST(LintScopabilityRules, TenantOnlyPermissionsOfARoleAssignedAtUnits) {
  const std::string text =
      "role \"Contoso Site Helpdesk\" {\n"
      "  admin_unit_scopable true\n"
      "  allow microsoft.directory/users/password/update\n"
      "  allow microsoft.directory/applications/create, microsoft.directory/bitlockerKeys/key/read\n"
      "  allow microsoft.directory/allEntities/allProperties/read\n"
      "  allow microsoft.directory/servicePrincipals/basic/update when scope is tenant\n"
      "}\n";
  std::vector<Diagnostic> found = Findings(text, "au-tenant-only-permission");
  ASSERT_EQ(found.size(), 2u) << Dump(LintAll(text));
  // A concrete action: at its own span. BitLocker key read is reached through a unit's devices.
  EXPECT_EQ(found[0].span.line, 4u);
  EXPECT_EQ(found[0].span.column, 9u);
  EXPECT_NE(found[0].message.find("'microsoft.directory/applications/create' does nothing when role 'Contoso "
                                  "Site Helpdesk' is assigned at an administrative unit"),
            std::string::npos)
      << found[0].message;
  EXPECT_NE(found[0].help.find("don't apply to tenant-wide settings or configurations"), std::string::npos);
  // A pattern: how many of its catalog actions.
  EXPECT_EQ(found[1].span.line, 5u);
  EXPECT_NE(found[1].message.find("'microsoft.directory/allEntities/allProperties/read' covers "),
            std::string::npos)
      << found[1].message;
  EXPECT_NE(found[1].message.find(" catalog actions that do nothing (e.g. '"), std::string::npos)
      << found[1].message;
  // Line 6's condition keeps it from units: its author knows.

  // A role that does not say it is scopable, or says it is not, is left alone.
  std::string implicit = text;
  implicit.erase(implicit.find("  admin_unit_scopable true\n"), 27);
  EXPECT_TRUE(Findings(implicit, "au-tenant-only-permission").empty()) << Dump(LintAll(implicit));
  std::string tenant_only = text;
  tenant_only.replace(tenant_only.find("admin_unit_scopable true"), 24, "admin_unit_scopable false");
  EXPECT_TRUE(Findings(tenant_only, "au-tenant-only-permission").empty()) << Dump(LintAll(tenant_only));
}

TEST(LintScopabilityRules, ThroughASetAndThroughARoleExtended) {
  const std::string text =
      "import entra\n"
      "set actions app_admin = [microsoft.directory/applications/delete]\n"
      "role \"Contoso Unit Reader\" extends entra.\"Global Reader\" {\n"
      "  admin_unit_scopable true\n"
      "  allow microsoft.directory/groups/members/update, app_admin\n"
      "}\n";
  std::vector<Diagnostic> found = Findings(text, "au-tenant-only-permission");
  ASSERT_EQ(found.size(), 2u) << Dump(LintAll(text));
  // Sorted by line: the extends first, then the set.
  EXPECT_EQ(found[0].span.line, 3u);
  EXPECT_NE(found[0].message.find(" permissions role 'Contoso Unit Reader' takes from 'Global Reader' do nothing "
                                  "when it is assigned at an administrative unit"),
            std::string::npos)
      << found[0].message;
  EXPECT_EQ(found[1].span.line, 5u);
  EXPECT_EQ(found[1].span.column, 52u);
  EXPECT_NE(found[1].message.find("'microsoft.directory/applications/delete' (through an action set) does nothing"),
            std::string::npos)
      << found[1].message;
}

TEST(LintScopabilityRules, OnlyUserGroupAndDevicePermissionsAreClean) {
  const std::string text =
      "role \"Contoso Site Admin\" {\n"
      "  admin_unit_scopable true\n"
      "  allow microsoft.directory/users/password/update, microsoft.directory/groups/members/update\n"
      "  allow microsoft.directory/devices/allProperties/allTasks, microsoft.directory/bitlockerKeys/key/read\n"
      "}\n";
  const std::vector<Diagnostic> all = LintAll(text);
  EXPECT_EQ(CountCode(all, "au-tenant-only-permission") + CountCode(all, "au-scopable-without-members"), 0u)
      << Dump(all);
}

}  // namespace
}  // namespace rolec::lint_test
