// tests/cli/lint_test.cc — `rolec lint`: exit codes, configuration, suppressions and formats as a
// CI job sees them. The rules themselves are tested by the examples of docs/lint.md
// (tests/lint/lint_docs_test.cc).
#include <algorithm>

#include "cli/cli_runner.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;

constexpr char kRedundant[] = R"(role "Contoso Groups" {
  allow microsoft.directory/groups/allProperties/update
  allow microsoft.directory/groups/members/update
}
)";

constexpr char kUnavailable[] = R"(role "Contoso Reset" {
  allow microsoft.directory/users/password/update
}
)";

constexpr char kClean[] = R"(role "Contoso Group Members" {
  allow microsoft.directory/groups/members/update
}
)";

TEST(CliLint, ExitCodesFollowFailOn) {
  TempDir dir;
  dir.Write("r.role", kRedundant);
  RunResult warning = RunRolec({"lint", "r.role"}, "", dir.path());
  EXPECT_EQ(warning.exit_code, 1) << warning.err;  // a warning fails at the default --fail-on
  EXPECT_NE(warning.err.find("r.role:3:9: warning[redundant-grant]: 'microsoft.directory/groups/members/update' "
                             "is already granted unconditionally by "
                             "'microsoft.directory/groups/allProperties/update' at line 2"),
            std::string::npos)
      << warning.err;
  EXPECT_EQ(warning.out, "0 errors, 1 warning, 1 note\n");  // the note: covered-by-builtin
  EXPECT_EQ(RunRolec({"lint", "r.role", "--fail-on", "error"}, "", dir.path()).exit_code, 0);
  EXPECT_EQ(RunRolec({"lint", "r.role", "--fail-on", "none"}, "", dir.path()).exit_code, 0);
  dir.Write("clean.role", kClean);
  // Its one finding is a note (a built-in covers the role): it fails --fail-on note only.
  RunResult clean = RunRolec({"lint", "clean.role"}, "", dir.path());
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.out, "0 errors, 0 warnings, 1 note\n");
  EXPECT_NE(clean.err.find("clean.role:1:6: note[covered-by-builtin]: the built-in role 'Groups Administrator' "
                           "allows everything role 'Contoso Group Members' allows"),
            std::string::npos)
      << clean.err;
  EXPECT_EQ(RunRolec({"lint", "clean.role", "--fail-on", "note"}, "", dir.path()).exit_code, 1);
  dir.Write("quiet.json", R"({"rules": {"covered-by-builtin": "off"}})");
  RunResult quiet = RunRolec({"lint", "clean.role", "--fail-on", "note", "--config", "quiet.json"}, "", dir.path());
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "0 errors, 0 warnings, 0 notes\n");
}

TEST(CliLint, CompileErrorsAlwaysFailAndUsageErrorsExitTwo) {
  TempDir dir;
  dir.Write("broken.role", "role \"B\" { allow microsoft.directory/users/pasword/update }\n");
  RunResult broken = RunRolec({"lint", "broken.role", "--fail-on", "none"}, "", dir.path());
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("error[E0201]"), std::string::npos) << broken.err;
  EXPECT_EQ(RunRolec({"lint", "broken.role", "--format", "xml"}, "", dir.path()).exit_code, 2);
  EXPECT_EQ(RunRolec({"lint", "broken.role", "--fail-on", "sometimes"}, "", dir.path()).exit_code, 2);
  EXPECT_EQ(RunRolec({"lint", "missing.role"}, "", dir.path()).exit_code, 2);
  EXPECT_EQ(RunRolec({"lint", "broken.role", "--no-such-option"}, "", dir.path()).exit_code, 2);
  EXPECT_EQ(RunRolec({"lint", "broken.role", "--config", "missing.json"}, "", dir.path()).exit_code, 2);
}

TEST(CliLint, ConfigOverridesSeveritiesAndRejectsUnknownRules) {
  TempDir dir;
  dir.Write("r.role", kRedundant);
  dir.Write(".rolec-lint.json", R"({"rules": {"redundant-grant": "off"}})");
  RunResult off = RunRolec({"lint", "r.role"}, "", dir.path());  // found in the working directory
  EXPECT_EQ(off.exit_code, 0) << off.err;
  EXPECT_EQ(off.out, "0 errors, 0 warnings, 1 note\n");  // covered-by-builtin stays on
  dir.Write("strict.json", R"({"rules": {"redundant-grant": "error"}})");
  RunResult strict = RunRolec({"lint", "r.role", "--config", "strict.json", "--fail-on", "error"}, "",
                              dir.path());
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.err.find("error[redundant-grant]"), std::string::npos) << strict.err;
  dir.Write("typo.json", R"({"rules": {"redundant-grants": "off"}})");
  RunResult typo = RunRolec({"lint", "r.role", "--config", "typo.json"}, "", dir.path());
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("typo.json: unknown rule 'redundant-grants' (rules: custom-unavailable-action"),
            std::string::npos)
      << typo.err;
  dir.Write("level.json", R"({"rules": {"redundant-grant": "fatal"}})");
  EXPECT_EQ(RunRolec({"lint", "r.role", "--config", "level.json"}, "", dir.path()).exit_code, 2);
  dir.Write("bad.json", R"({"rules": )");
  EXPECT_EQ(RunRolec({"lint", "r.role", "--config", "bad.json"}, "", dir.path()).exit_code, 2);
}

TEST(CliLint, SuppressionNeedsAReason) {
  TempDir dir;
  dir.Write("with.role", R"(role "Contoso Reset" {
  // rolec-lint-ignore custom-unavailable-action: deployed through PIM for Groups, not as a custom role
  allow microsoft.directory/users/password/update
}
)");
  RunResult with = RunRolec({"lint", "with.role", "--fail-on", "error"}, "", dir.path());
  EXPECT_EQ(with.exit_code, 0) << with.err;
  EXPECT_EQ(with.err.find("custom-unavailable-action"), std::string::npos) << with.err;

  dir.Write("without.role", R"(role "Contoso Reset" {
  allow microsoft.directory/users/password/update  // rolec-lint-ignore custom-unavailable-action
}
)");
  RunResult without = RunRolec({"lint", "without.role"}, "", dir.path());
  EXPECT_EQ(without.exit_code, 1);
  EXPECT_NE(without.err.find("error[custom-unavailable-action]"), std::string::npos) << without.err;
  EXPECT_NE(without.err.find("warning[suppression-without-reason]: rolec-lint-ignore "
                             "custom-unavailable-action gives no reason"),
            std::string::npos)
      << without.err;
}

TEST(CliLint, SarifPointsRulesAtLintMd) {
  TempDir dir;
  dir.Write("u.role", kUnavailable);
  RunResult run = RunRolec({"lint", "u.role", "--format", "sarif"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "");
  const json sarif_run = json::parse(run.out)["runs"][0];
  bool saw = false;
  for (const json& rule : sarif_run["tool"]["driver"]["rules"]) {
    if (rule["id"] != "custom-unavailable-action") continue;
    saw = true;
    const std::string uri = rule["helpUri"];
    EXPECT_NE(uri.find("lint.md#custom-unavailable-action"), std::string::npos) << uri;
    EXPECT_EQ(rule["defaultConfiguration"]["level"], "error");
  }
  EXPECT_TRUE(saw) << run.out;
  RunResult github = RunRolec({"lint", "u.role", "--format", "github"}, "", dir.path());
  EXPECT_NE(github.out.find("::error file=u.role,line=2,col=9,"), std::string::npos) << github.out;
  EXPECT_NE(github.out.find("title=rolec custom-unavailable-action::"), std::string::npos);
}

}  // namespace
}  // namespace rolec::cli_test
