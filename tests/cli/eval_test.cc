// tests/cli/eval_test.cc — `rolec eval` with one question from flags: decisions, exit codes,
// explanations, --json, and how --policy loads sources and images.
#include <regex>

#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;

// The issue's acceptance check: a Helpdesk Administrator cannot reset the password of a Global
// Administrator, and the explanation says which condition failed.
TEST(CliEval, HelpdeskCannotResetGlobalAdministrator) {
  RunResult run =
      RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--target-role", kGlobalAdminName});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_EQ(run.err, "");
  ASSERT_FALSE(run.out.empty());
  EXPECT_EQ(Lines(run.out)[0], "deny");
  EXPECT_NE(run.out.find(kHelpdeskName), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("condition"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("target.roles within"), std::string::npos) << run.out;
}

TEST(CliEval, HelpdeskCanResetAnOrdinaryUser) {
  RunResult run = RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  ASSERT_FALSE(run.out.empty());
  EXPECT_EQ(Lines(run.out)[0], "allow");
  EXPECT_NE(run.out.find(kHelpdeskName), std::string::npos) << run.out;
}

TEST(CliEval, RoleByTemplateIdAndTenantScope) {
  RunResult run =
      RunRolec({"eval", "--as", std::string(kHelpdeskTemplateId) + "@/", kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST(CliEval, AdminUnitScopeAppliesOnlyToTargetsInTheUnit) {
  const std::string as = std::string(kHelpdeskName) + "@/administrativeUnits/au1";
  RunResult outside = RunRolec({"eval", "--as", as, kPasswordUpdate, "--json"});
  EXPECT_EQ(outside.exit_code, 2) << outside.out << outside.err;
  json decision = json::parse(outside.out);
  EXPECT_EQ(decision["decision"], "deny");
  bool scope_mismatch = false;
  for (const json& denial : decision["denials"]) {
    if (denial["kind"] == "scope_mismatch") scope_mismatch = true;
  }
  EXPECT_TRUE(scope_mismatch) << outside.out;

  RunResult inside =
      RunRolec({"eval", "--as", as, kPasswordUpdate, "--target-admin-unit", "au1", "--json"});
  EXPECT_EQ(inside.exit_code, 0) << inside.out << inside.err;
  json allowed = json::parse(inside.out);
  ASSERT_EQ(allowed["reasons"].size(), 1u) << inside.out;
  EXPECT_EQ(allowed["reasons"][0]["scope"], "/administrativeUnits/au1");
}

TEST(CliEval, ARegularUnitCannotModifyAMemberOfARestrictedUnit) {
  // admin-units-restricted-management.md: "Another regular administrative unit of which the object
  // is a member" is blocked. The target is in au1 (regular) and au-exec (restricted).
  const std::string at_regular = std::string(kHelpdeskName) + "@/administrativeUnits/au1";
  RunResult regular = RunRolec({"eval", "--as", at_regular, kPasswordUpdate, "--target-admin-unit",
                                "au1", "--target-restricted-admin-unit", "au-exec", "--json"});
  EXPECT_EQ(regular.exit_code, 2) << regular.out << regular.err;
  json denied = json::parse(regular.out);
  EXPECT_EQ(denied["decision"], "deny");
  ASSERT_EQ(denied["denials"].size(), 1u) << regular.out;
  EXPECT_EQ(denied["denials"][0]["kind"], "restricted_admin_unit") << regular.out;
  EXPECT_NE(regular.out.find("'au1' is not one of its restricted units"), std::string::npos)
      << regular.out;

  // The restricted unit need not be repeated as --target-admin-unit.
  const std::string at_restricted = std::string(kHelpdeskName) + "@/administrativeUnits/au-exec";
  RunResult restricted = RunRolec({"eval", "--as", at_restricted, kPasswordUpdate,
                                   "--target-admin-unit", "au1", "--target-restricted-admin-unit",
                                   "au-exec"});
  EXPECT_EQ(restricted.exit_code, 0) << restricted.out << restricted.err;

  // Flagged restricted with two units and none named: which is restricted is unknown, so deny.
  RunResult unsaid = RunRolec({"eval", "--as", at_regular, kPasswordUpdate, "--target-admin-unit",
                               "au1", "--target-admin-unit", "au2", "--target-in-restricted-au"});
  EXPECT_EQ(unsaid.exit_code, 2) << unsaid.out << unsaid.err;
  EXPECT_NE(unsaid.out.find("does not say which of its 2 units are restricted"), std::string::npos)
      << unsaid.out;
}

TEST(CliEval, UnknownRoleIsAnErrorWithSuggestions) {
  RunResult run = RunRolec({"eval", "--as", "Helpdesk Admin", kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("rolec: error: unknown role 'Helpdesk Admin'"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("'Helpdesk Administrator'"), std::string::npos) << run.err;
}

TEST(CliEval, UnknownTargetRoleIsAnError) {
  RunResult run =
      RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--target-role", "Global Admin"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.err.find("unknown role 'Global Admin'"), std::string::npos) << run.err;
}

TEST(CliEval, BadScopeIsAnError) {
  RunResult run =
      RunRolec({"eval", "--as", std::string(kHelpdeskName) + "@/subscriptions/x", kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.err.find("'/subscriptions/x' is not a scope"), std::string::npos) << run.err;
}

TEST(CliEval, AtSignInsideARoleNameIsNotAScope) {
  // Only "@/" starts a scope; this is one (unknown) role name, not a role and a scope.
  RunResult run = RunRolec({"eval", "--as", "ops@contoso", kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("unknown role 'ops@contoso'"), std::string::npos) << run.err;
}

TEST(CliEval, BadTargetKindIsAnError) {
  RunResult run =
      RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--target-kind", "printer"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("--target-kind 'printer' is not a kind"), std::string::npos) << run.err;
}

TEST(CliEval, ActionOutsideTheCatalogIsDeniedNotAnError) {
  RunResult run = RunRolec(
      {"eval", "--as", kHelpdeskName, "microsoft.directory/users/notARealProperty/update"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_EQ(Lines(run.out).at(0), "deny");
  EXPECT_EQ(run.err, "");
}

TEST(CliEval, MalformedActionIsAnError) {
  RunResult run = RunRolec({"eval", "--as", kHelpdeskName, "not-an-action", "--json"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  json decision = json::parse(run.out);
  EXPECT_EQ(decision["decision"], "deny");
  EXPECT_FALSE(decision["errors"].empty()) << run.out;
  EXPECT_NE(run.err.find("rolec: error:"), std::string::npos);
}

TEST(CliEval, NoAssignmentIsADeny) {
  RunResult run = RunRolec({"eval", kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
}

TEST(CliEval, MissingActionIsAnError) {
  RunResult run = RunRolec({"eval", "--as", kHelpdeskName});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("needs an ACTION"), std::string::npos) << run.err;
}

TEST(CliEval, JsonDecisionObjectForAllow) {
  RunResult run = RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  json decision = json::parse(run.out);
  EXPECT_EQ(decision["decision"], "allow");
  ASSERT_TRUE(decision["reasons"].is_array());
  ASSERT_GE(decision["reasons"].size(), 1u) << run.out;
  const json& reason = decision["reasons"][0];
  EXPECT_EQ(reason["assignment"], 0);
  EXPECT_EQ(reason["role"], kHelpdeskName);
  EXPECT_EQ(reason["scope"], "/");
  EXPECT_EQ(reason["rule"].get<std::string>().rfind("allow ", 0), 0u) << reason;
  EXPECT_NE(reason["rule"].get<std::string>().find(kPasswordUpdate), std::string::npos) << reason;
  EXPECT_TRUE(std::regex_search(reason["source"].get<std::string>(),
                                std::regex(R"(\.role:[0-9]+:[0-9]+$)")))
      << reason;
  EXPECT_TRUE(decision["denials"].is_array());
  EXPECT_EQ(decision["errors"], json::array());
}

TEST(CliEval, JsonDecisionObjectForDeny) {
  RunResult run = RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--target-role",
                            kGlobalAdminName, "--json"});
  ASSERT_EQ(run.exit_code, 2) << run.out << run.err;
  json decision = json::parse(run.out);
  EXPECT_EQ(decision["decision"], "deny");
  EXPECT_EQ(decision["reasons"], json::array());
  ASSERT_FALSE(decision["denials"].empty()) << run.out;
  bool condition_failed = false;
  for (const json& denial : decision["denials"]) {
    for (const char* key : {"kind", "assignment", "role", "rule", "source", "message"}) {
      EXPECT_TRUE(denial.contains(key)) << key << " missing in " << denial;
    }
    if (denial["kind"] == "condition_failed") {
      condition_failed = true;
      EXPECT_EQ(denial["role"], kHelpdeskName);
      EXPECT_NE(denial["rule"].get<std::string>().find("target.roles within"), std::string::npos)
          << denial;
    }
  }
  EXPECT_TRUE(condition_failed) << run.out;
}

TEST(CliEval, MfaFlagReachesTheContext) {
  TempDir dir;
  const std::string policy = dir.Write("mfa.role", R"(module contoso
role "Contoso MFA Reader" {
  description "Reads users, with MFA only"
  allow microsoft.directory/users/standard/read when context.mfa
}
)");
  const char* action = "microsoft.directory/users/standard/read";
  RunResult without = RunRolec({"eval", "--policy", policy, "--as", "Contoso MFA Reader", action});
  EXPECT_EQ(without.exit_code, 2) << without.out << without.err;
  RunResult with =
      RunRolec({"eval", "--policy", policy, "--as", "Contoso MFA Reader", action, "--mfa"});
  EXPECT_EQ(with.exit_code, 0) << with.out << with.err;
}

TEST(CliEval, SelfAndOwnershipFlags) {
  TempDir dir;
  const std::string policy = dir.Write("self.role", R"(module contoso
role "Contoso Self Service" {
  description "Users update their own profile; owners update what they own"
  allow microsoft.directory/users/basic/update when target is self
  allow microsoft.directory/users/manager/update when principal owns target
}
)");
  auto eval = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {
        "eval", "--policy", policy, "--as", "Contoso Self Service", "--principal-id", "alice"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunRolec(args).exit_code;
  };
  EXPECT_EQ(eval({"microsoft.directory/users/basic/update", "--target-id", "bob"}), 2);
  EXPECT_EQ(eval({"microsoft.directory/users/basic/update", "--target-self"}), 0);
  EXPECT_EQ(eval({"microsoft.directory/users/basic/update", "--target-id", "alice"}), 0);
  EXPECT_EQ(eval({"microsoft.directory/users/manager/update", "--target-id", "bob"}), 2);
  EXPECT_EQ(eval({"microsoft.directory/users/manager/update", "--principal-owns-target"}), 0);
  EXPECT_EQ(eval({"microsoft.directory/users/manager/update", "--target-owner", "alice"}), 0);
  // --target-self with a different --target-id is a contradiction, not a guess.
  EXPECT_EQ(eval({"microsoft.directory/users/basic/update", "--target-self", "--target-id", "bob"}),
            1);
}

TEST(CliEval, CustomPolicyFromSourceAndFromImageAgree) {
  TempDir dir;
  const std::string source = dir.Write("contoso.role", kContosoRole);
  const std::string image = dir.File("contoso.rolec");
  RunResult compile = RunRolec({"compile", source, "-o", image});
  ASSERT_EQ(compile.exit_code, 0) << compile.err;

  for (const std::string& policy : {source, image}) {
    RunResult allowed =
        RunRolec({"eval", "--policy", policy, "--as", "Contoso Tier1 Helpdesk", kPasswordUpdate});
    EXPECT_EQ(allowed.exit_code, 0) << policy << ": " << allowed.out << allowed.err;
    RunResult denied = RunRolec({"eval", "--policy", policy, "--as", "Contoso Tier1 Helpdesk",
                                 kPasswordUpdate, "--target-role-assignable-group-member"});
    EXPECT_EQ(denied.exit_code, 2) << policy << ": " << denied.out << denied.err;
    EXPECT_NE(denied.out.find("role_assignable_group_member"), std::string::npos) << denied.out;
    // The standard library is part of both.
    RunResult builtin =
        RunRolec({"eval", "--policy", policy, "--as", kHelpdeskName, kPasswordUpdate});
    EXPECT_EQ(builtin.exit_code, 0) << policy << ": " << builtin.out << builtin.err;
  }
}

TEST(CliEval, TruncatedImageIsAClearError) {
  TempDir dir;
  const std::string image = dir.File("stdlib.rolec");
  RunResult compile = RunRolec({"compile", "-o", image});
  ASSERT_EQ(compile.exit_code, 0) << compile.err;
  const std::string bytes = ReadAll(image);
  ASSERT_GT(bytes.size(), 64u);
  const std::string truncated = dir.Write("truncated.rolec", bytes.substr(0, bytes.size() / 2));
  RunResult run = RunRolec({"eval", "--policy", truncated, "--as", kHelpdeskName, kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("rolec: error: cannot load '" + truncated + "': "), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("policy image"), std::string::npos) << run.err;
}

TEST(CliEval, TwoImagesOrAnImageAndASourceAreRefused) {
  TempDir dir;
  const std::string source = dir.Write("contoso.role", kContosoRole);
  const std::string image = dir.File("contoso.rolec");
  ASSERT_EQ(RunRolec({"compile", source, "-o", image}).exit_code, 0);

  RunResult two = RunRolec(
      {"eval", "--policy", image, "--policy", image, "--as", kHelpdeskName, kPasswordUpdate});
  EXPECT_EQ(two.exit_code, 1);
  EXPECT_NE(two.err.find("two compiled images"), std::string::npos) << two.err;

  RunResult mixed = RunRolec(
      {"eval", "--policy", image, "--policy", source, "--as", kHelpdeskName, kPasswordUpdate});
  EXPECT_EQ(mixed.exit_code, 1);
  EXPECT_NE(mixed.err.find("mixed with a source"), std::string::npos) << mixed.err;
}

TEST(CliEval, PolicyThatDoesNotCompileIsAnError) {
  TempDir dir;
  const std::string broken = dir.Write("broken.role", kMisspeltAction);
  RunResult run = RunRolec({"eval", "--policy", broken, "--as", kHelpdeskName, kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(broken + ":4:9: error"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("rolec: error: the policy did not compile"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace rolec::cli_test
