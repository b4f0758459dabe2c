// tests/cli/completion_test.cc — `rolec completion bash`: the script is sourced into a real bash,
// its completion function is called the way bash calls it (COMP_WORDS, COMP_CWORD), and the
// candidates in COMPREPLY are checked.
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "gtest/gtest.h"

namespace rolec::cli_test {
namespace {

// Sources the completion script in bash, in `dir`, and returns the candidates for `words` (the
// last word is the one being completed), one per line, or "bash failed" with its output.
class CliCompletion : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult script = RunRolec({"completion", "bash"});
    ASSERT_EQ(script.exit_code, 0) << script.err;
    ASSERT_EQ(script.err, "");
    script_ = dir_.Write("rolec.bash", script.out);
    for (const char* name : {"a.role", "b.json", "c.rolec", "d.txt"}) dir_.Write(name, "");
    ASSERT_TRUE(std::filesystem::create_directory(dir_.File("sub")));
  }

  std::vector<std::string> Complete(const std::vector<std::string>& words) {
    std::string driver = "set -u\ncd '" + dir_.path() + "' || exit 3\nsource '" + script_ +
                         "' || exit 4\n"
                         "complete -p rolec >/dev/null || exit 5\n"
                         "COMP_WORDS=(";
    for (const std::string& word : words) driver += "'" + word + "' ";
    driver += ")\nCOMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n_rolec || exit 6\n"
              "printf '%s\\n' \"${COMPREPLY[@]}\" | LC_ALL=C sort\n";
    std::string driver_path = dir_.Write("driver.sh", driver);
    FILE* pipe = ::popen(("bash --norc --noprofile '" + driver_path + "' 2>&1").c_str(), "r");
    if (pipe == nullptr) return {"popen failed"};
    std::string out;
    char buffer[4096];
    size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
    int status = ::pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {"bash failed", out};
    std::vector<std::string> lines = Lines(out);
    if (lines.size() == 1 && lines[0].empty()) lines.clear();  // printf of an empty COMPREPLY
    return lines;
  }

  TempDir dir_;
  std::string script_;
};

using Words = std::vector<std::string>;

TEST_F(CliCompletion, SubcommandFromItsPrefix) {
  EXPECT_EQ(Complete({"rolec", "ev"}), Words({"eval"}));
  EXPECT_EQ(Complete({"rolec", "d"}), Words({"describe", "diff", "dis"}));
  EXPECT_EQ(Complete({"rolec", "co"}), Words({"compile", "completion"}));
  EXPECT_EQ(Complete({"rolec", "--v"}), Words({"--version"}));
  EXPECT_EQ(Complete({"rolec", "help", "who"}), Words({"who-can"}));
}

TEST_F(CliCompletion, EveryCommandOfTheHelpIsOffered) {
  std::vector<std::string> all = Complete({"rolec", ""});
  RunResult help = RunRolec({"--help"});
  for (const std::string& line : Lines(help.out)) {
    if (line.size() < 3 || line[0] != ' ' || line[1] != ' ' || line[2] == ' ') continue;
    std::string name = line.substr(2, line.find(' ', 2) - 2);
    EXPECT_NE(std::find(all.begin(), all.end(), name), all.end()) << name;
  }
  EXPECT_GE(all.size(), 14u);
}

TEST_F(CliCompletion, OptionsOfTheCommand) {
  EXPECT_EQ(Complete({"rolec", "eval", "--po"}), Words({"--policy"}));
  EXPECT_EQ(Complete({"rolec", "eval", "--target-role"}),
            Words({"--target-role", "--target-role-assignable",
                   "--target-role-assignable-group-member"}));
  EXPECT_EQ(Complete({"rolec", "compile", "-"}),
            Words({"--dump-ast", "--help", "--max-errors", "--output", "-h", "-o"}));
  // Options of another command are not offered.
  EXPECT_EQ(Complete({"rolec", "compile", "--po"}), Words({}));
}

TEST_F(CliCompletion, FileValuesAndFileArguments) {
  // A FILE value: every file.
  EXPECT_EQ(Complete({"rolec", "eval", "--policy", ""}),
            Words({"a.role", "b.json", "c.rolec", "d.txt", "driver.sh", "rolec.bash", "sub"}));
  // `--policy=` is split at '=' by bash.
  EXPECT_EQ(Complete({"rolec", "eval", "--policy", "=", "a"}), Words({"a.role"}));
  // File arguments: .role, .json, .rolec and directories.
  EXPECT_EQ(Complete({"rolec", "check", ""}), Words({"a.role", "b.json", "c.rolec", "sub"}));
  EXPECT_EQ(Complete({"rolec", "lint", "--format", "sarif", ""}),
            Words({"a.role", "b.json", "c.rolec", "sub"}));
  // After `--`, an argument even if it starts with '-'.
  EXPECT_EQ(Complete({"rolec", "check", "--", "-"}), Words({}));
  EXPECT_EQ(Complete({"rolec", "check", "--", "a"}), Words({"a.role"}));
}

TEST_F(CliCompletion, NothingWhereRolecCannotKnow) {
  // A value that is not a file, an ACTION, an unknown command.
  EXPECT_EQ(Complete({"rolec", "eval", "--target-kind", ""}), Words({}));
  EXPECT_EQ(Complete({"rolec", "eval", ""}), Words({}));
  EXPECT_EQ(Complete({"rolec", "frobnicate", ""}), Words({}));
}

TEST(CliCompletionCommand, UnknownShellIsAnError) {
  RunResult run = RunRolec({"completion", "zsh"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("rolec: error: 'rolec completion' knows the shell 'bash', not 'zsh'"),
            std::string::npos)
      << run.err;
  RunResult none = RunRolec({"completion"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("'rolec completion' needs a SHELL"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace rolec::cli_test
