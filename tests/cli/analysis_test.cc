// `rolec who-can`, `rolec diff` and `rolec subsumes`: golden outputs on the standard library, the
// printed witnesses re-run through `rolec eval`, two versions of a role, JSON, usage errors and
// unknown roles and actions.
#include <string>

#include "cli/cli_runner.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "support/golden.h"

namespace rolec::cli_test {
namespace {

constexpr char kReset[] = "microsoft.directory/users/password/update";

void ExpectGolden(const std::vector<std::string>& args, int exit_code, const std::string& golden) {
  RunResult run = RunRolec(args);
  EXPECT_EQ(run.exit_code, exit_code) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(rolec::testing::MatchesGolden(run.out, "tests/golden/analysis/" + golden));
}

TEST(WhoCan, GoldenForSomeTarget) {
  ExpectGolden({"who-can", kReset}, 0, "who_can_password_update.txt");
}

TEST(WhoCan, GoldenForATarget) {
  ExpectGolden({"who-can", kReset, "--target-role", "Helpdesk Administrator"}, 0,
               "who_can_password_update_helpdesk_target.txt");
  ExpectGolden({"who-can", kReset, "--target-role", "Global Administrator",
                "--target-admin-unit", "au-paris"},
               0, "who_can_password_update_global_admin_target.txt");
}

TEST(WhoCan, JsonForSomeTargetListsGroupsAndRules) {
  RunResult run = RunRolec({"who-can", kReset, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["action"], kReset);
  EXPECT_EQ(json["target"], "some");
  bool found = false;
  for (const auto& group : json["groups"]) {
    for (const auto& role : group["roles"]) {
      if (role["role"] != "Helpdesk Administrator") continue;
      found = true;
      EXPECT_EQ(role["rules"][0]["kind"], "allow");
      EXPECT_NE(group["tenant"]["text"].get<std::string>().find("helpdesk_administrator_resettable"),
                std::string::npos);
      EXPECT_FALSE(group["unit"].is_null());
    }
  }
  EXPECT_TRUE(found);
}

TEST(WhoCan, ATargetNoRoleReachesExitsTwo) {
  // A member of a restricted unit, modified tenant-wide: nobody (a unit assignment needs a unit).
  RunResult run = RunRolec({"who-can", kReset, "--target-in-restricted-au", "--json"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_TRUE(nlohmann::json::parse(run.out)["allowed"].empty());
}

TEST(WhoCan, UsageErrors) {
  RunResult none = RunRolec({"who-can"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("ACTION"), std::string::npos) << none.err;
  RunResult two = RunRolec({"who-can", kReset, kReset});
  EXPECT_EQ(two.exit_code, 1);
  RunResult unknown = RunRolec({"who-can", "microsoft.directory/users/pasword/update"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown action 'microsoft.directory/users/pasword/update'"), std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("did you mean 'microsoft.directory/users/password/update'"), std::string::npos)
      << unknown.err;
  RunResult role = RunRolec({"who-can", kReset, "--target-role", "Global Admin"});
  EXPECT_EQ(role.exit_code, 1);
  EXPECT_NE(role.err.find("unknown role 'Global Admin'"), std::string::npos) << role.err;
  RunResult kind = RunRolec({"who-can", kReset, "--target-kind", "printer"});
  EXPECT_EQ(kind.exit_code, 1);
  EXPECT_NE(kind.err.find("--target-kind 'printer' is not a kind"), std::string::npos) << kind.err;
  RunResult flag = RunRolec({"who-can", kReset, "--as", "User"});
  EXPECT_EQ(flag.exit_code, 1);
  EXPECT_NE(flag.err.find("unknown option '--as'"), std::string::npos) << flag.err;
}

TEST(Diff, GoldenHelpdeskAgainstPasswordAdministrator) {
  ExpectGolden({"diff", "Helpdesk Administrator", "Password Administrator"}, 2,
               "diff_helpdesk_password_administrator.txt");
}

TEST(Diff, ARoleAgainstItselfIsNoDifference) {
  RunResult run = RunRolec({"diff", "User Administrator", "fe930be7-5e62-47db-91af-98c3a49a38b1"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("0 only by A, 0 only by B, 0 by both in different cases"), std::string::npos)
      << run.out;
}

constexpr char kOld[] = R"(import entra
role "Contoso Helpdesk" {
  allow microsoft.directory/users/password/update when target.roles within entra.non_administrator_roles
}
)";
constexpr char kNew[] = R"(import entra
role "Contoso Helpdesk" {
  allow microsoft.directory/users/password/update
  allow microsoft.directory/users/delete when context.mfa
}
)";

TEST(Diff, TwoVersionsOfOneRole) {
  TempDir dir;
  const std::string old_file = dir.Write("old.role", kOld);
  const std::string new_file = dir.Write("new.role", kNew);
  RunResult run = RunRolec({"diff", "--policy-a", old_file, "--policy-b", new_file, "--json",
                            "Contoso Helpdesk", "Contoso Helpdesk"});
  ASSERT_EQ(run.exit_code, 2) << run.err;
  nlohmann::json json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["diffs"].size(), 2u) << run.out;
  EXPECT_EQ(json["diffs"][0]["action"], "microsoft.directory/users/delete");
  EXPECT_EQ(json["diffs"][0]["kind"], "only_b");
  EXPECT_EQ(json["diffs"][1]["action"], kReset);
  EXPECT_EQ(json["diffs"][1]["kind"], "different");
  EXPECT_EQ(json["diffs"][1]["a_not_b"]["tenant"]["text"], "never");
  EXPECT_NE(json["diffs"][1]["b_not_a"]["tenant"]["text"].get<std::string>().find(
                "not target.roles within entra.non_administrator_roles"),
            std::string::npos)
      << run.out;
  // New subsumes old; old does not subsume new, and the witness reruns as printed.
  RunResult yes = RunRolec({"subsumes", "--policy-a", new_file, "--policy-b", old_file,
                            "Contoso Helpdesk", "Contoso Helpdesk"});
  EXPECT_EQ(yes.exit_code, 0) << yes.out << yes.err;
  RunResult no = RunRolec({"subsumes", "--policy-a", old_file, "--policy-b", new_file, "--json",
                           "Contoso Helpdesk", "Contoso Helpdesk"});
  ASSERT_EQ(no.exit_code, 2) << no.err;
  nlohmann::json witness = nlohmann::json::parse(no.out)["witness"];
  EXPECT_NE(witness["b_allows"].get<std::string>().find("--policy " + new_file), std::string::npos);
}

TEST(Subsumes, GoldenAndWitnessesRerunThroughEval) {
  ExpectGolden({"subsumes", "Global Administrator", "User Administrator"}, 2,
               "subsumes_global_user_administrator.txt");
  ExpectGolden({"subsumes", "Helpdesk Administrator", "Password Administrator"}, 0,
               "subsumes_helpdesk_password_administrator.txt");
  RunResult run = RunRolec({"subsumes", "Global Administrator", "User Administrator", "--json"});
  ASSERT_EQ(run.exit_code, 2);
  nlohmann::json json = nlohmann::json::parse(run.out);
  // The request JSON is accepted by `rolec eval --requests -` and allowed for B.
  RunResult eval = RunRolec({"eval", "--requests", "-"}, json["witness"]["request"].dump() + "\n");
  EXPECT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_EQ(nlohmann::json::parse(eval.out)["decision"], "allow") << eval.out;
  // And A, assigned tenant-wide, is denied it.
  nlohmann::json as_a = json["witness"]["request"];
  as_a["principal"]["assignments"][0] = {{"role", "Global Administrator"}, {"scope", "/"}};
  RunResult denied = RunRolec({"eval", "--requests", "-"}, as_a.dump() + "\n");
  EXPECT_EQ(nlohmann::json::parse(denied.out)["decision"], "deny") << denied.out;
}

TEST(Subsumes, UsageErrorsAndUnknownRoles) {
  RunResult one = RunRolec({"subsumes", "Global Administrator"});
  EXPECT_EQ(one.exit_code, 1);
  RunResult three = RunRolec({"diff", "User", "User", "User"});
  EXPECT_EQ(three.exit_code, 1);
  RunResult unknown = RunRolec({"subsumes", "Global Admnistrator", "Helpdesk Administratr"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("role A: unknown role 'Global Admnistrator'"), std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("role B: unknown role 'Helpdesk Administratr'"), std::string::npos)
      << unknown.err;
  RunResult missing = RunRolec({"diff", "--policy-a", "/nonexistent/x.role", "User", "User"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("/nonexistent/x.role"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace rolec::cli_test
