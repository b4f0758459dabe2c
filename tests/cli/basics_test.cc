// tests/cli/basics_test.cc — the shape of the command: help, version, usage errors, exit codes.
#include <regex>

#include "cli/cli_runner.h"
#include "gtest/gtest.h"

namespace rolec::cli_test {
namespace {

const char* const kCommands[] = {"compile", "check", "lint", "eval", "test", "dis", "describe"};

TEST(CliBasics, TopLevelHelpListsEveryCommand) {
  RunResult run = RunRolec({"--help"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  for (const char* command : kCommands) {
    EXPECT_NE(run.out.find(std::string("  ") + command + " "), std::string::npos)
        << command << " missing from:\n"
        << run.out;
  }
}

TEST(CliBasics, EverySubcommandHasHelp) {
  for (const char* command : kCommands) {
    for (const char* flag : {"--help", "-h"}) {
      RunResult run = RunRolec({command, flag});
      EXPECT_EQ(run.exit_code, 0) << command << " " << flag << ": " << run.err;
      EXPECT_NE(run.out.find(std::string("Usage: rolec ") + command), std::string::npos) << run.out;
      EXPECT_NE(run.out.find("--help"), std::string::npos) << run.out;
    }
  }
}

TEST(CliBasics, HelpCommandIsTheSameAsTheHelpFlag) {
  RunResult command = RunRolec({"help", "describe"});
  RunResult flag = RunRolec({"describe", "--help"});
  EXPECT_EQ(command.exit_code, 0);
  EXPECT_EQ(command.out, flag.out);
  RunResult unknown = RunRolec({"help", "frobnicate"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos) << unknown.err;
}

TEST(CliBasics, HelpWinsOverOtherProblems) {
  RunResult run = RunRolec({"eval", "--no-such-flag", "--help"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Usage: rolec eval"), std::string::npos);
}

TEST(CliBasics, EvalHelpDocumentsEveryTargetFlag) {
  RunResult run = RunRolec({"eval", "--help"});
  ASSERT_EQ(run.exit_code, 0);
  for (const char* flag :
       {"--policy FILE", "--as ROLE[@SCOPE]", "--target-kind KIND", "--target-id ID",
        "--target-role ROLE", "--target-role-assignable-group-member",
        "--target-restricted-au-role", "--target-in-restricted-au", "--target-role-assignable",
        "--target-admin-unit ID", "--target-restricted-admin-unit ID", "--target-owner ID", "--target-self", "--principal-owns-target",
        "--principal-id ID", "--mfa", "--json", "--requests FILE"}) {
    EXPECT_NE(run.out.find(flag), std::string::npos) << flag;
  }
}

TEST(CliBasics, VersionMatchesTheProjectVersion) {
  RunResult run = RunRolec({"--version"});
  ASSERT_EQ(run.exit_code, 0);
  std::smatch match;
  std::string cmake = ReadAll(std::string(ROLEC_SOURCE_DIR) + "/CMakeLists.txt");
  ASSERT_TRUE(std::regex_search(cmake, match, std::regex(R"(project\(rolec VERSION ([0-9.]+))")));
  EXPECT_EQ(run.out, "rolec " + match[1].str() + "\n");
}

TEST(CliBasics, NoCommandIsAnError) {
  RunResult run = RunRolec({});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("rolec: error: no command given"), std::string::npos) << run.err;
}

TEST(CliBasics, UnknownSubcommandIsAnErrorWithASuggestion) {
  RunResult run = RunRolec({"evl"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("rolec: error: unknown command 'evl' (did you mean 'eval'?)"),
            std::string::npos)
      << run.err;
}

TEST(CliBasics, UnknownTopLevelOptionIsAnError) {
  RunResult run = RunRolec({"--frobnicate"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("rolec: error: unknown option '--frobnicate'"), std::string::npos)
      << run.err;
}

TEST(CliBasics, UnknownFlagIsAnErrorWithASuggestion) {
  RunResult run = RunRolec({"eval", "--polcy", "x.role", "microsoft.directory/users/delete"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("rolec: error: unknown option '--polcy' for 'rolec eval' (did you mean "
                         "'--policy'?)"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("Try 'rolec eval --help'."), std::string::npos);
}

TEST(CliBasics, UnknownFlagOfEverySubcommand) {
  for (const char* command : kCommands) {
    RunResult run = RunRolec({command, "--definitely-not-a-flag"});
    // lint's 1 means "findings", so its usage errors exit 2 (docs/lint.md).
    EXPECT_EQ(run.exit_code, std::string(command) == "lint" ? 2 : 1) << command;
    EXPECT_NE(run.err.find("rolec: error: unknown option '--definitely-not-a-flag'"),
              std::string::npos)
        << command << ": " << run.err;
  }
}

TEST(CliBasics, MissingOptionValueIsAnError) {
  RunResult run = RunRolec({"eval", "microsoft.directory/users/delete", "--as"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("rolec: error: option '--as' needs a value (ROLE[@SCOPE])"),
            std::string::npos)
      << run.err;
}

TEST(CliBasics, FlagWithoutValueRejectsOne) {
  RunResult run = RunRolec({"eval", "--mfa=yes", "microsoft.directory/users/delete"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("option '--mfa' takes no value"), std::string::npos) << run.err;
}

TEST(CliBasics, NonRepeatableOptionGivenTwiceIsAnError) {
  RunResult run = RunRolec({"eval", "--target-kind", "user", "--target-kind", "group",
                            "microsoft.directory/users/delete"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("option '--target-kind' may be given only once"), std::string::npos)
      << run.err;
}

TEST(CliBasics, MissingPositionalIsAnError) {
  for (const char* command : {"check", "test", "dis", "describe"}) {
    RunResult run = RunRolec({command});
    EXPECT_EQ(run.exit_code, 1) << command;
    EXPECT_NE(run.err.find("rolec: error: 'rolec " + std::string(command) + "' needs"),
              std::string::npos)
        << command << ": " << run.err;
  }
}

TEST(CliBasics, MissingFileIsAnError) {
  RunResult run = RunRolec({"check", "/nonexistent/rolec/x.role"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("rolec: error: cannot read '/nonexistent/rolec/x.role'"),
            std::string::npos)
      << run.err;
}

TEST(CliBasics, DirectoryIsAnError) {
  TempDir dir;
  RunResult run = RunRolec({"check", dir.path()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("is a directory"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace rolec::cli_test
