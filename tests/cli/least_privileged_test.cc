// `rolec least-privileged`: golden outputs (text and JSON) on the standard library for the five
// tasks issue 13 names, the task table, the witnesses re-run through `rolec eval`, tasks and
// actions mixed, target flags, --top, exit codes, and the errors (unknown task or action with a
// did-you-mean, a task with its own target given target flags, bad --top).
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "support/golden.h"

namespace rolec::cli_test {
namespace {

struct GoldenTask {
  const char* task;
  const char* file;  // tests/golden/least_privileged/<file>.txt and .json
};

const GoldenTask kGoldenTasks[] = {
    {"reset the password of a non-administrator", "reset_password_non_administrator"},
    {"create a user", "create_user"},
    {"add a member to a security group", "add_security_group_member"},
    {"read sign-in logs", "read_sign_in_logs"},
    {"create a support ticket", "create_support_ticket"},
};

TEST(LeastPrivileged, GoldenForTheNamedTasks) {
  for (const GoldenTask& golden : kGoldenTasks) {
    RunResult text = RunRolec({"least-privileged", golden.task});
    EXPECT_EQ(text.exit_code, 0) << golden.task << ": " << text.err;
    EXPECT_EQ(text.err, "");
    EXPECT_TRUE(rolec::testing::MatchesGolden(
        text.out, std::string("tests/golden/least_privileged/") + golden.file + ".txt"));
    RunResult json = RunRolec({"least-privileged", golden.task, "--json"});
    EXPECT_EQ(json.exit_code, 0) << golden.task << ": " << json.err;
    EXPECT_TRUE(rolec::testing::MatchesGolden(
        json.out, std::string("tests/golden/least_privileged/") + golden.file + ".json"));
  }
}

TEST(LeastPrivileged, GoldenTaskTable) {
  RunResult run = RunRolec({"least-privileged", "--tasks"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(rolec::testing::MatchesGolden(run.out, "tests/golden/least_privileged/tasks.txt"));
  RunResult json = RunRolec({"least-privileged", "--tasks", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json table = nlohmann::json::parse(json.out);
  EXPECT_GE(table["tasks"].size(), 12u);
}

TEST(LeastPrivileged, EveryWitnessIsAllowedByEval) {
  RunResult run = RunRolec({"least-privileged", "reset the password of any user", "create a user",
                            "microsoft.directory/groups/members/update", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["needs"].size(), 4u);
  ASSERT_FALSE(json["roles"].empty());
  size_t checked = 0;
  for (const auto& role : json["roles"]) {
    ASSERT_EQ(role["grants"].size(), 4u);
    for (const auto& grant : role["grants"]) {
      // The printed command, split into words as the shell would (the words quote with '...').
      std::vector<std::string> words;
      const std::string command = grant["eval"];
      std::string word;
      bool quoted = false, any = false;
      for (char c : command) {
        if (c == '\'') {
          quoted = !quoted;
          any = true;
        } else if (c == ' ' && !quoted) {
          if (any) words.push_back(word);
          word.clear();
          any = false;
        } else {
          word += c;
          any = true;
        }
      }
      if (any) words.push_back(word);
      ASSERT_GE(words.size(), 3u);
      ASSERT_EQ(words[0], "rolec");
      words.erase(words.begin());
      RunResult eval = RunRolec(words);
      EXPECT_EQ(eval.exit_code, 0) << command << "\n" << eval.out << eval.err;
      ++checked;
    }
  }
  EXPECT_GE(checked, 4u);
}

TEST(LeastPrivileged, TargetFlagsTopAndTheRankingReason) {
  RunResult run = RunRolec({"least-privileged", "microsoft.directory/users/password/update",
                            "--target-role", "Helpdesk Administrator", "--top", "2", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["roles"].size(), 2u);
  EXPECT_GT(json["total"].get<size_t>(), 2u);
  EXPECT_EQ(json["needs"][0]["target"]["target"]["roles"][0], "Helpdesk Administrator");
  EXPECT_FALSE(json["roles"][0]["before_next"].is_null());
  EXPECT_FALSE(json["roles"][0]["before_next"]["text"].get<std::string>().empty());
  RunResult text = RunRolec({"least-privileged", "microsoft.directory/users/password/update",
                             "--target-role", "Helpdesk Administrator", "--top", "1"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("(the first 1 shown)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("on the given target"), std::string::npos) << text.out;
}

TEST(LeastPrivileged, NoRoleExitsTwo) {
  // A member of a restricted unit, modified tenant-wide: nobody (a unit assignment needs a unit).
  RunResult run = RunRolec({"least-privileged", "microsoft.directory/users/password/update",
                            "--target-in-restricted-au"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.out.find("0 roles meet it"), std::string::npos) << run.out;
}

TEST(LeastPrivileged, ErrorsHaveAClearMessage) {
  RunResult none = RunRolec({"least-privileged"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("expected at least one ACTION or TASK"), std::string::npos) << none.err;

  RunResult task = RunRolec({"least-privileged", "reset the pasword of a non-administrator"});
  EXPECT_EQ(task.exit_code, 1);
  EXPECT_NE(task.err.find("unknown action or task 'reset the pasword of a non-administrator'"),
            std::string::npos)
      << task.err;
  EXPECT_NE(task.err.find("did you mean 'reset the password of a non-administrator'"), std::string::npos)
      << task.err;

  RunResult action = RunRolec({"least-privileged", "create a user", "microsoft.directory/users/pasword/update"});
  EXPECT_EQ(action.exit_code, 1);
  EXPECT_NE(action.err.find("did you mean 'microsoft.directory/users/password/update'"), std::string::npos)
      << action.err;

  RunResult far = RunRolec({"least-privileged", "make coffee for the whole team please"});
  EXPECT_EQ(far.exit_code, 1);
  EXPECT_NE(far.err.find("--tasks' lists the task names"), std::string::npos) << far.err;

  // A huge word is refused at once (no did-you-mean is searched for it).
  RunResult huge = RunRolec({"least-privileged", std::string(100000, 'a')});
  EXPECT_EQ(huge.exit_code, 1);
  EXPECT_NE(huge.err.find("--tasks' lists the task names"), std::string::npos);

  RunResult conflict = RunRolec({"least-privileged", "reset the password of a non-administrator",
                                 "--target-admin-unit", "au-1"});
  EXPECT_EQ(conflict.exit_code, 1);
  EXPECT_NE(conflict.err.find("fixes its own target"), std::string::npos) << conflict.err;

  RunResult top = RunRolec({"least-privileged", "create a user", "--top", "0"});
  EXPECT_EQ(top.exit_code, 1);
  EXPECT_NE(top.err.find("--top '0' is not a number of roles"), std::string::npos) << top.err;

  RunResult malformed = RunRolec({"least-privileged", "microsoft.directory/allTasks/delete"});
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_NE(malformed.err.find("microsoft.directory/allTasks/delete"), std::string::npos) << malformed.err;

  RunResult role = RunRolec({"least-privileged", "microsoft.directory/users/delete", "--target-role", "Global Admin"});
  EXPECT_EQ(role.exit_code, 1);
  EXPECT_NE(role.err.find("unknown role 'Global Admin'"), std::string::npos) << role.err;

  RunResult tasks = RunRolec({"least-privileged", "--tasks", "create a user"});
  EXPECT_EQ(tasks.exit_code, 1);
}

TEST(LeastPrivileged, ACustomRoleFromAPolicyRanksFirst) {
  TempDir dir;
  const std::string file = dir.Write("reset.role", R"(import entra
role "Contoso Password Reset" {
  allow microsoft.directory/users/password/update when target.roles within entra.non_administrator_roles
}
)");
  RunResult run = RunRolec({"least-privileged", "--policy", file, "reset the password of a non-administrator", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["roles"][0]["role"], "Contoso Password Reset") << run.out;
  EXPECT_EQ(json["roles"][0]["permissions"], 1);
  EXPECT_NE(json["roles"][0]["grants"][0]["eval"].get<std::string>().find("--policy " + file), std::string::npos);
}

}  // namespace
}  // namespace rolec::cli_test
