// tests/lint/suppressions_test.cc — where `// rolec-lint-ignore RULE: reason` counts: only as a line
// comment of its own, never inside a string literal, a block comment or a doc comment (which would
// let a role's description silence a finding), and which line it applies to.
#include "lint/suppressions.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/lint.hpp"

namespace rolec::lint {
namespace {

TEST(LintSuppressions, ALineCommentAfterCodeAppliesToItsLine) {
  std::vector<Suppression> found =
      FindSuppressions("t.role", "role \"R\" {\n  allow a/b/c  // rolec-lint-ignore privileged-permission: CHG-1\n}\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "privileged-permission");
  EXPECT_EQ(found[0].reason, "CHG-1");
  EXPECT_EQ(found[0].applies_to_line, 2u);
  EXPECT_EQ(found[0].span.line, 2u);
  EXPECT_EQ(found[0].span.column, 16u);
}

TEST(LintSuppressions, ACommentOfItsOwnAppliesToTheNextLineOfCode) {
  std::vector<Suppression> found = FindSuppressions(
      "t.role",
      "role \"R\" {\n  // rolec-lint-ignore redundant-grant: kept for review\n\n  // other\n"
      "  /* a block\n     comment */\n  allow a/b/c\n}\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].applies_to_line, 7u);
}

TEST(LintSuppressions, TheMarkerInAStringOrABlockOrDocCommentIsText) {
  const std::string text =
      "role \"R // rolec-lint-ignore privileged-permission: sneaky\" {\n"
      "  description \"x \\\" // rolec-lint-ignore privileged-permission: escaped quote\"\n"
      "  /* // rolec-lint-ignore privileged-permission: in a block */ allow a/b/c\n"
      "  /// rolec-lint-ignore privileged-permission: a doc comment\n"
      "  allow d/e/f\n"
      "  //rolec-lint-ignore privileged-permission: no blank after the slashes is another word\n"
      "}\n";
  EXPECT_TRUE(FindSuppressions("t.role", text).empty());
}

TEST(LintSuppressions, AMarkerInARoleNameDoesNotSilenceAFinding) {
  // Through the public API, with the finding on the marker's line: the privileged permission is
  // still reported.
  absl::StatusOr<LintResult> result = Lint(
      {{"t.role",
        "role \"R // rolec-lint-ignore privileged-permission: no\" { allow "
        "microsoft.directory/users/password/update }\n"}});
  ASSERT_TRUE(result.ok()) << result.status();
  bool reported = false;
  for (const Diagnostic& d : result->diagnostics) reported |= d.code == "privileged-permission";
  EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace rolec::lint
