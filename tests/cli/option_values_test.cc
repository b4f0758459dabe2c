// tests/cli/option_values_test.cc — a value option never swallows the next option (issue 11, item
// 1). `--target-id --target-role-assignable-group-member` once took the protection flag as the id
// and answered allow where the policy denies. Every value option of every subcommand is tried,
// followed by every flag of that subcommand; the options are read from each command's --help, so
// a new option is covered the day it is added.
#include <regex>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "gtest/gtest.h"

namespace rolec::cli_test {
namespace {

const char* const kCommands[] = {"compile", "check", "lint", "eval", "test", "dis", "describe"};

// A usage error exits 1, except for `lint`, whose 1 means "findings" (docs/lint.md): 2.
int UsageExit(const std::string& command) { return command == "lint" ? 2 : 1; }

struct HelpOption {
  std::string long_form;   // "--target-id"
  std::string short_form;  // "-o", or "" if none
  bool takes_value = false;
};

// The options a command's --help lists ("  -o, --output FILE  help", "      --mfa  help").
std::vector<HelpOption> OptionsOf(const std::string& command) {
  RunResult help = RunRolec({command, "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  std::vector<HelpOption> options;
  const std::regex row(R"(^  (?:-([A-Za-z]), |    )?--([a-z0-9-]+)( [^ ]+)?(  |$))");
  for (const std::string& line : Lines(help.out)) {
    std::smatch match;
    if (!std::regex_search(line, match, row)) continue;
    if (match[2].str() == "help") continue;
    HelpOption option;
    option.long_form = "--" + match[2].str();
    if (match[1].matched) option.short_form = "-" + match[1].str();
    option.takes_value = match[3].matched;
    options.push_back(option);
  }
  return options;
}

TEST(CliOptionValues, HelpListsValueOptionsAndFlags) {
  // The parser of the help text must see both kinds, or the sweep below would test nothing.
  std::vector<HelpOption> eval = OptionsOf("eval");
  bool saw_value = false, saw_flag = false;
  for (const HelpOption& option : eval) {
    if (option.long_form == "--target-id") saw_value = option.takes_value;
    if (option.long_form == "--target-role-assignable-group-member") saw_flag = !option.takes_value;
  }
  EXPECT_TRUE(saw_value);
  EXPECT_TRUE(saw_flag);
  EXPECT_GE(eval.size(), 15u);
}

TEST(CliOptionValues, NoValueOptionSwallowsAFlagOfItsCommand) {
  size_t pairs = 0;
  for (const char* command : kCommands) {
    std::vector<HelpOption> options = OptionsOf(command);
    std::vector<std::string> flags = {"--help-not-an-option"};  // an unknown option, too
    for (const HelpOption& option : options) {
      if (option.takes_value) continue;
      flags.push_back(option.long_form);
      if (!option.short_form.empty()) flags.push_back(option.short_form);
    }
    for (const HelpOption& option : options) {
      if (!option.takes_value) continue;
      std::vector<std::string> forms = {option.long_form};
      if (!option.short_form.empty()) forms.push_back(option.short_form);
      for (const std::string& form : forms) {
        for (const std::string& flag : flags) {
          ++pairs;
          RunResult run = RunRolec({command, form, flag, kPasswordUpdate});
          EXPECT_EQ(run.exit_code, UsageExit(command)) << command << " " << form << " " << flag << ": " << run.out;
          EXPECT_EQ(run.out, "") << command << " " << form << " " << flag;
          EXPECT_NE(run.err.find("option '" + form + "' needs a value"), std::string::npos)
              << command << " " << form << " " << flag << ": " << run.err;
        }
      }
    }
  }
  EXPECT_GE(pairs, 50u);
}

// The issue's reproduction, end to end: the custom role denies resets of role-assignable group
// members, and the misspelt command line must not turn that into an allow.
TEST(CliOptionValues, TheWrongAllowOfTheIssueIsAUsageError) {
  TempDir dir;
  std::string policy = dir.Write("tier1.role", kContosoRole);
  RunResult deny = RunRolec({"eval", "--policy", policy, "--as", "Contoso Tier1 Helpdesk",
                             kPasswordUpdate, "--target-kind", "user",
                             "--target-role-assignable-group-member"});
  EXPECT_EQ(deny.exit_code, 2) << deny.out << deny.err;
  RunResult swallowed = RunRolec({"eval", "--policy", policy, "--as", "Contoso Tier1 Helpdesk",
                                  kPasswordUpdate, "--target-kind", "user", "--target-id",
                                  "--target-role-assignable-group-member"});
  EXPECT_EQ(swallowed.exit_code, 1) << swallowed.out << swallowed.err;
  EXPECT_EQ(swallowed.out, "");
  EXPECT_NE(swallowed.err.find("write '--target-id=VALUE' for a value that starts with '-'"),
            std::string::npos)
      << swallowed.err;
}

TEST(CliOptionValues, AValueStartingWithDashIsWrittenInline) {
  RunResult run = RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--target-id=-x"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST(CliOptionValues, ALoneDashIsAValue) {
  RunResult run = RunRolec({"eval", "--requests", "-"},
                           R"({"principal":{"assignments":[{"role":"Helpdesk Administrator"}]},)"
                           R"("action":"microsoft.directory/users/password/update"})"
                           "\n");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

}  // namespace
}  // namespace rolec::cli_test
