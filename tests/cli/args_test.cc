// tests/cli/args_test.cc — the option parser on CLI11 (cli/args.cc): the behaviour CLI11 brought
// or that args.cc had to configure around it (docs/cli.md § How the command line is parsed).
// The rules that predate CLI11 are pinned by basics_test.cc and option_values_test.cc.
#include <string>

#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "gtest/gtest.h"

namespace rolec::cli_test {
namespace {

TEST(CliArgs, HelpWinsOverAValueOptionWithoutItsValue) {
  // `--as` cannot take `--help` as its value, so the help flag is still seen.
  RunResult run = RunRolec({"eval", "--as", "--help"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Usage: rolec eval"), std::string::npos) << run.out;
  RunResult flag = RunRolec({"eval", "--mfa=yes", "-h"});
  EXPECT_EQ(flag.exit_code, 0) << flag.err;
  EXPECT_NE(flag.out.find("Usage: rolec eval"), std::string::npos) << flag.out;
}

TEST(CliArgs, HelpAfterTheEndOfOptionsIsAnArgument) {
  RunResult run = RunRolec({"check", "--", "--help"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("cannot read '--help'"), std::string::npos) << run.err;
}

TEST(CliArgs, TheFirstErrorInCommandLineOrderIsReported) {
  RunResult unknown_first = RunRolec({"eval", "--bogus", "--as"});
  EXPECT_EQ(unknown_first.exit_code, 1);
  EXPECT_NE(unknown_first.err.find("unknown option '--bogus' for 'rolec eval'"), std::string::npos)
      << unknown_first.err;
  RunResult value_first = RunRolec({"eval", "--as", "--bogus"});
  EXPECT_EQ(value_first.exit_code, 1);
  EXPECT_NE(value_first.err.find("option '--as' needs a value (ROLE[@SCOPE]), but the next "
                                 "argument is the option '--bogus'"),
            std::string::npos)
      << value_first.err;
  RunResult twice_first =
      RunRolec({"eval", "--json", "--json", "--frobnicate", kPasswordUpdate});
  EXPECT_NE(twice_first.err.find("option '--json' may be given only once"), std::string::npos)
      << twice_first.err;
}

TEST(CliArgs, AnEmptyInlineValueNeverTakesTheNextArgument) {
  // CLI11 reads `--as=` as `--as` and would take the next argument as the role.
  RunResult run = RunRolec({"eval", "--as=", kHelpdeskName, kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("option '--as' needs a value (ROLE[@SCOPE]); '--as=' gives it none"),
            std::string::npos)
      << run.err;
  RunResult at_end = RunRolec({"eval", kPasswordUpdate, "--as="});
  EXPECT_EQ(at_end.exit_code, 1);
  EXPECT_NE(at_end.err.find("option '--as' needs a value (ROLE[@SCOPE])"), std::string::npos)
      << at_end.err;
}

TEST(CliArgs, ADashDashAfterAnOptionIsNotItsValue) {
  RunResult run = RunRolec({"eval", "--as", "--", kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("option '--as' needs a value (ROLE[@SCOPE]), but the next argument is "
                         "the option '--'"),
            std::string::npos)
      << run.err;
}

TEST(CliArgs, AFlagSpelledTrueIsTheFlag) {
  // CLI11 gives `--mfa` and `--mfa=true` the same result; any other value is refused.
  RunResult plain = RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--mfa", "--json"});
  RunResult spelled =
      RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--mfa=true", "--json"});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(spelled.exit_code, 0) << spelled.err;
  EXPECT_EQ(plain.out, spelled.out);
  for (const char* value : {"--mfa=false", "--mfa=1", "--mfa="}) {
    RunResult run = RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, value});
    if (std::string(value) == "--mfa=") {
      // An empty inline value is no value: the flag itself.
      EXPECT_EQ(run.exit_code, 0) << value << ": " << run.err;
      continue;
    }
    EXPECT_EQ(run.exit_code, 1) << value;
    EXPECT_NE(run.err.find("option '--mfa' takes no value"), std::string::npos)
        << value << ": " << run.err;
  }
}

TEST(CliArgs, BracketsAndCommasInAValueAreKept) {
  // CLI11 splits "[a,b]" into two values for options that take several per occurrence; rolec's
  // options take one, so the text reaches the command whole.
  RunResult option = RunRolec({"eval", "--as", "[a,b]", kPasswordUpdate});
  EXPECT_EQ(option.exit_code, 1);
  EXPECT_NE(option.err.find("unknown role '[a,b]'"), std::string::npos) << option.err;
  RunResult positional = RunRolec({"describe", "[a,b]"});
  EXPECT_EQ(positional.exit_code, 1);
  EXPECT_NE(positional.err.find("unknown role '[a,b]'"), std::string::npos) << positional.err;
}

TEST(CliArgs, ShortOptionsTakeTheirValueInlineOrNext) {
  TempDir dir;
  std::string source = dir.Write("contoso.role", kContosoRole);
  RunResult separate = RunRolec({"compile", source, "-o", dir.File("a.rolec")});
  EXPECT_EQ(separate.exit_code, 0) << separate.err;
  RunResult joined = RunRolec({"compile", source, "-o" + dir.File("b.rolec")});
  EXPECT_EQ(joined.exit_code, 0) << joined.err;
  EXPECT_EQ(ReadAll(dir.File("a.rolec")), ReadAll(dir.File("b.rolec")));
  EXPECT_FALSE(ReadAll(dir.File("a.rolec")).empty());
  RunResult unknown = RunRolec({"compile", source, "-x"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown option '-x' for 'rolec compile'"), std::string::npos)
      << unknown.err;
}

TEST(CliArgs, ADashAndADigitIsAnArgumentOrAValue) {
  // CLI11 reads `-5` as a negative number, not an option (no rolec option is named by a digit).
  RunResult value = RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--target-id", "-5"});
  EXPECT_EQ(value.exit_code, 0) << value.err;
  RunResult argument = RunRolec({"describe", "-1x"});
  EXPECT_EQ(argument.exit_code, 1);
  EXPECT_NE(argument.err.find("unknown role '-1x'"), std::string::npos) << argument.err;
  // A dash and a letter is still an option: never a value.
  RunResult option = RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--target-id", "-x"});
  EXPECT_EQ(option.exit_code, 1);
  EXPECT_NE(option.err.find("option '--target-id' needs a value (ID), but the next argument is the "
                            "option '-x'"),
            std::string::npos)
      << option.err;
}

TEST(CliArgs, RepeatableValuesKeepTheirOrderAroundPositionals) {
  // Two --as assignments around the action: both count, the action is the one positional.
  RunResult run = RunRolec({"eval", "--as", kGlobalAdminName, kPasswordUpdate, "--as",
                            kHelpdeskName, "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find(kGlobalAdminName), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(kHelpdeskName), std::string::npos) << run.out;
}

TEST(CliArgs, HelpLayoutIsRolecs) {
  RunResult run = RunRolec({"compile", "--help"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("Usage: rolec compile FILE... -o IMAGE [--dump-ast]\n"
                          "       rolec compile FILE... --dump-ast\n\n"
                          "Compile .role sources (with the standard library) into a policy "
                          "image.\n",
                          0),
            0u)
      << run.out;
  EXPECT_NE(run.out.find("\nOptions:\n  -o, --output IMAGE"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\n  -h, --help"), std::string::npos) << run.out;
  // -h/--help is the last row, and the manual is named last.
  EXPECT_LT(run.out.find("--max-errors"), run.out.find("-h, --help"));
  EXPECT_EQ(run.out.substr(run.out.size() - 38), "\nSee docs/cli.md for the full manual.\n");
}

}  // namespace
}  // namespace rolec::cli_test
