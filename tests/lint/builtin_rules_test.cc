// tests/lint/builtin_rules_test.cc — equals-builtin and covered-by-builtin (docs/lint.md): exact
// comparisons with the built-ins, the built-in a role extends named first, permissions outside the
// catalog compared from the rules, and conditions and excepts that make a copy narrower.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/lint.hpp"

namespace rolec {
namespace {

std::vector<Diagnostic> Findings(const std::string& text, const std::string& rule) {
  absl::StatusOr<LintResult> result = Lint({{"t.role", text}});
  EXPECT_TRUE(result.ok()) << result.status();
  std::vector<Diagnostic> out;
  if (!result.ok()) return out;
  EXPECT_TRUE(result->compiled);
  for (const Diagnostic& d : result->diagnostics) {
    if (d.code == rule) out.push_back(d);
  }
  return out;
}

TEST(LintBuiltinRules, ACopyOfABuiltinEqualsItAndTheExtendedOneIsNamedFirst) {
  std::vector<Diagnostic> equal = Findings("import entra\nrole \"Copy\" extends entra.\"Groups Administrator\" {\n}\n",
                                           "equals-builtin");
  ASSERT_EQ(equal.size(), 1u);
  EXPECT_NE(equal[0].message.find("built-in role 'Groups Administrator' allows"), std::string::npos)
      << equal[0].message;
  EXPECT_EQ(equal[0].span.line, 2u);
  EXPECT_EQ(equal[0].span.column, 6u);
  EXPECT_TRUE(Findings("import entra\nrole \"Copy\" extends entra.\"Groups Administrator\" {\n}\n",
                       "covered-by-builtin").empty());

  // Not every copy is equal: the password-reset matrices say which *built-in* role may reset whom
  // (`assignment.role in ...`), so a custom role extending Helpdesk Administrator cannot do what a
  // Helpdesk Administrator can to another Helpdesk Administrator (docs/semantics.md).
  const std::string helpdesk = "import entra\nrole \"Copy\" extends entra.\"Helpdesk Administrator\" {\n}\n";
  EXPECT_TRUE(Findings(helpdesk, "equals-builtin").empty());
  EXPECT_EQ(Findings(helpdesk, "covered-by-builtin").size(), 1u);

  // Directory Readers has equals among the built-ins (roles whose other permissions lie outside the
  // directory model); the one the role extends comes first, and the list is cut at three.
  std::vector<Diagnostic> readers =
      Findings("import entra\nrole \"R\" extends entra.\"Directory Readers\" {\n}\n", "equals-builtin");
  ASSERT_EQ(readers.size(), 1u);
  EXPECT_NE(readers[0].message.find("built-in roles 'Directory Readers', "), std::string::npos) << readers[0].message;
  EXPECT_NE(readers[0].message.find(" more allow (every action"), std::string::npos) << readers[0].message;
}

TEST(LintBuiltinRules, PermissionsOutsideTheCatalogDecideEquality) {
  // Agent Registry Administrator is Directory Readers plus a pattern no catalog action matches; the
  // catalog comparison alone would call it equal to Directory Readers.
  std::vector<Diagnostic> equal = Findings(
      "import entra\nrole \"A\" extends entra.\"Directory Readers\" {\n"
      "  allow microsoft.agentRegistry/allEntities/allProperties/allTasks\n}\n",
      "equals-builtin");
  ASSERT_EQ(equal.size(), 1u);
  EXPECT_NE(equal[0].message.find("built-in role 'Agent Registry Administrator' allows"), std::string::npos)
      << equal[0].message;
  EXPECT_EQ(equal[0].message.find("Directory Readers"), std::string::npos) << equal[0].message;
}

TEST(LintBuiltinRules, AnExceptOrAConditionMakesACopyNarrowerNotEqual) {
  const std::string excepted =
      "import entra\nrole \"E\" extends entra.\"Groups Administrator\" {\n"
      "  except microsoft.directory/groups/members/update\n}\n";
  EXPECT_TRUE(Findings(excepted, "equals-builtin").empty());
  ASSERT_EQ(Findings(excepted, "covered-by-builtin").size(), 1u);

  const std::string conditional =
      "role \"C\" {\n  allow microsoft.directory/users/password/update when target.roles within entra.non_administrator_roles\n}\n";
  EXPECT_TRUE(Findings("import entra\n" + conditional, "equals-builtin").empty());
  std::vector<Diagnostic> covered = Findings("import entra\n" + conditional, "covered-by-builtin");
  ASSERT_EQ(covered.size(), 1u);
  EXPECT_NE(covered[0].message.find("smallest built-in that does"), std::string::npos) << covered[0].message;
}

TEST(LintBuiltinRules, ARoleThatGrantsNothingIsNotCompared) {
  EXPECT_TRUE(Findings("role \"Empty\" {\n}\n", "covered-by-builtin").empty());
  EXPECT_TRUE(Findings("role \"Empty\" {\n}\n", "equals-builtin").empty());
}

TEST(LintBuiltinRules, SuppressedWithAReason) {
  EXPECT_TRUE(Findings("import entra\n// rolec-lint-ignore equals-builtin: kept as our own copy, CHG-7\n"
                       "role \"Copy\" extends entra.\"Groups Administrator\" {\n}\n",
                       "equals-builtin")
                  .empty());
}

}  // namespace
}  // namespace rolec
