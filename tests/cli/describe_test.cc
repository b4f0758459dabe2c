// tests/cli/describe_test.cc — `rolec describe`: a role found by name or template id, shown as
// text and as JSON, and an unknown role answered with suggestions.
#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;

TEST(CliDescribe, ByName) {
  RunResult run = RunRolec({"describe", kHelpdeskName});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], kHelpdeskName);
  EXPECT_NE(run.out.find(std::string("template id  ") + kHelpdeskTemplateId), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("privileged   yes"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("module       entra"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\nRules ("), std::string::npos);
  EXPECT_NE(run.out.find("\nActions ("), std::string::npos);
  // The group header, then the action, privileged, limited by the reset-password matrix.
  EXPECT_NE(run.out.find("\n  microsoft.directory/users\n"), std::string::npos) << run.out;
  size_t at = run.out.find(std::string("    ") + kPasswordUpdate + "  [privileged]  only when ");
  EXPECT_NE(at, std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\nLimitations:\n"), std::string::npos);
  EXPECT_NE(run.out.find(": only when target.roles within"), std::string::npos) << run.out;
}

TEST(CliDescribe, ByTemplateIdAndCaseInsensitive) {
  RunResult by_name = RunRolec({"describe", kHelpdeskName});
  RunResult by_id = RunRolec({"describe", kHelpdeskTemplateId});
  RunResult lower = RunRolec({"describe", "helpdesk ADMINISTRATOR"});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.err;
  ASSERT_EQ(lower.exit_code, 0) << lower.err;
  EXPECT_EQ(by_id.out, by_name.out);
  EXPECT_EQ(lower.out, by_name.out);
}

TEST(CliDescribe, Json) {
  RunResult run = RunRolec({"describe", kHelpdeskName, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json role = json::parse(run.out);
  EXPECT_EQ(role["name"], kHelpdeskName);
  EXPECT_EQ(role["template_id"], kHelpdeskTemplateId);
  EXPECT_EQ(role["module"], "entra");
  EXPECT_EQ(role["privileged"], true);
  EXPECT_EQ(role["deprecated"], false);
  EXPECT_FALSE(role["rules"].empty());
  const json* reset = nullptr;
  for (const json& action : role["actions"]) {
    if (action["name"] == kPasswordUpdate) reset = &action;
  }
  ASSERT_NE(reset, nullptr) << run.out;
  EXPECT_EQ((*reset)["privileged"], true);
  ASSERT_FALSE((*reset)["only_when"].empty()) << *reset;
  EXPECT_NE((*reset)["only_when"][0].get<std::string>().find("target.roles within"),
            std::string::npos);
}

TEST(CliDescribe, CustomRoleWithExcept) {
  TempDir dir;
  const std::string policy = dir.Write("contoso.role", kContosoRole);
  RunResult run = RunRolec({"describe", "contoso tier1 helpdesk", "--policy", policy, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json role = json::parse(run.out);
  EXPECT_EQ(role["name"], "Contoso Tier1 Helpdesk");
  EXPECT_EQ(role["module"], "contoso");
  EXPECT_EQ(role["source"].get<std::string>().rfind(policy + ":5:", 0), 0u) << role["source"];
  ASSERT_EQ(role["rules"].size(), 3u) << run.out;
  EXPECT_EQ(role["rules"][2]["kind"], "except");
  EXPECT_EQ(role["rules"][2]["condition"], "target.in_restricted_au");
  bool saw_read = false;
  for (const json& action : role["actions"]) {
    if (action["name"] != "microsoft.directory/users/standard/read") continue;
    saw_read = true;
    EXPECT_EQ(action["only_when"], json::array());
    EXPECT_EQ(action["except_when"], json::array({"target.in_restricted_au"}));
  }
  EXPECT_TRUE(saw_read) << run.out;
}

TEST(CliDescribe, UnknownRoleSuggestsClosestNames) {
  RunResult run = RunRolec({"describe", "Helpdesk Admin"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("rolec: error: unknown role 'Helpdesk Admin' (did you mean "),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("'Helpdesk Administrator'"), std::string::npos) << run.err;

  RunResult typo = RunRolec({"describe", "Helpdesk Adminstrator"});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.err.find("did you mean 'Helpdesk Administrator'"), std::string::npos) << typo.err;
}

// A custom role is found only in the user's files: the error says whether any were given.
TEST(CliDescribe, UnknownRoleSaysWhetherAPolicyWasGiven) {
  RunResult bare = RunRolec({"describe", "Contoso Tier1 Helpdesk"});
  EXPECT_EQ(bare.exit_code, 1);
  EXPECT_NE(bare.err.find("only the built-in Entra roles are known without --policy: if it is a "
                          "custom role, pass the .role file or image that declares it with "
                          "--policy FILE"),
            std::string::npos)
      << bare.err;

  TempDir dir;
  std::string policy = dir.Write("tier1.role", kContosoRole);
  RunResult found = RunRolec({"describe", "--policy", policy, "Contoso Tier1 Helpdesk"});
  EXPECT_EQ(found.exit_code, 0) << found.err;
  RunResult missing = RunRolec({"describe", "--policy", policy, "Contoso Tier2 Helpdesk"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("it is neither a built-in Entra role nor declared in the --policy "
                             "file (" + policy + ")"),
            std::string::npos)
      << missing.err;
}

}  // namespace
}  // namespace rolec::cli_test
