// `rolec escalation` and `rolec tiers`: golden outputs on the standard library (text, mermaid,
// dot, JSON), every printed witness re-run through `rolec eval --requests`, a path between two
// roles, a custom role's edges, usage errors and unknown roles.
#include <fstream>
#include <string>

#include "cli/cli_runner.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "support/golden.h"

namespace rolec::cli_test {
namespace {

constexpr char kGlobal[] = "Global Administrator";

void ExpectGolden(const std::vector<std::string>& args, int exit_code, const std::string& golden) {
  RunResult run = RunRolec(args);
  EXPECT_EQ(run.exit_code, exit_code) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(rolec::testing::MatchesGolden(run.out, "tests/golden/analysis/" + golden));
}

TEST(Escalation, GoldensToGlobalAdministrator) {
  ExpectGolden({"escalation", "--to", kGlobal}, 0, "escalation_to_global_admin.txt");
  ExpectGolden({"escalation", "--to", kGlobal, "--format", "mermaid"}, 0, "escalation_to_global_admin.mmd");
  ExpectGolden({"escalation", "--to", kGlobal, "--format", "dot"}, 0, "escalation_to_global_admin.dot");
  ExpectGolden({"escalation", "--to", kGlobal, "--format", "json"}, 0, "escalation_to_global_admin.json");
  ExpectGolden({"escalation", "--from", "Helpdesk Administrator"}, 0, "escalation_from_helpdesk.txt");
}

TEST(Escalation, EveryWitnessIsAllowedByEval) {
  RunResult run = RunRolec({"escalation", "--to", kGlobal, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json json = nlohmann::json::parse(run.out);
  ASSERT_FALSE(json["paths"].empty());
  std::string requests;
  size_t count = 0;
  for (const nlohmann::json& edge : json["edges"]) {
    requests += edge["witness"].dump() + "\n";
    ++count;
  }
  RunResult eval = RunRolec({"eval", "--requests", "-"}, requests);
  EXPECT_EQ(eval.exit_code, 0) << eval.err;
  size_t allowed = 0;
  for (size_t at = eval.out.find("\"allow\""); at != std::string::npos; at = eval.out.find("\"allow\"", at + 1)) {
    ++allowed;
  }
  EXPECT_EQ(allowed, count) << eval.out;
}

TEST(Escalation, PathBetweenTwoRolesAndNoPath) {
  RunResult path = RunRolec({"escalation", "--from", "Privileged Role Administrator", "--to", kGlobal});
  EXPECT_EQ(path.exit_code, 0) << path.err;
  EXPECT_NE(path.out.find("can assign Global Administrator (to themselves)"), std::string::npos) << path.out;
  RunResult none = RunRolec({"escalation", "--from", "Helpdesk Administrator", "--to", kGlobal});
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_EQ(none.out, "no path from Helpdesk Administrator to Global Administrator\n");
  RunResult reader = RunRolec({"escalation", "--from", "Directory Readers"});
  EXPECT_EQ(reader.exit_code, 2);
}

TEST(Escalation, ACustomRoleThatResetsPasswordsReachesGlobalAdministratorOnlyThroughTheMatrix) {
  const std::string path = ::testing::TempDir() + "/escalation_custom.role";
  std::ofstream(path) << "import entra\n"
                         "role \"Reset Desk\" {\n"
                         "  allow microsoft.directory/users/password/update\n"
                         "  allow microsoft.directory/servicePrincipals/credentials/update when principal owns target\n"
                         "}\n";
  RunResult run = RunRolec({"escalation", "--policy", path, "--from", "Reset Desk", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json json = nlohmann::json::parse(run.out);
  bool to_global = false, to_user = false;
  for (const nlohmann::json& edge : json["edges"]) {
    if (edge["to"] == kGlobal && edge["kind"] == "password-reset") to_global = true;
    if (edge["to"] == "User" && edge["kind"] == "password-reset") to_user = true;
    if (edge["kind"] == "service-principal-credentials") {
      EXPECT_TRUE(edge["needs_ownership"].get<bool>()) << edge.dump();
      EXPECT_FALSE(edge["standing"].get<bool>());
    }
  }
  // A custom role is not a column of the reset matrix: non-administrators only.
  EXPECT_FALSE(to_global) << run.out;
  EXPECT_TRUE(to_user) << run.out;
}

TEST(Escalation, UsageErrors) {
  RunResult role = RunRolec({"escalation", "--to", "Global Admin"});
  EXPECT_EQ(role.exit_code, 1);
  EXPECT_NE(role.err.find("--to: unknown role 'Global Admin'"), std::string::npos) << role.err;
  RunResult format = RunRolec({"escalation", "--format", "svg"});
  EXPECT_EQ(format.exit_code, 1);
  EXPECT_NE(format.err.find("unknown format 'svg'"), std::string::npos) << format.err;
  RunResult extra = RunRolec({"escalation", "Global Administrator"});
  EXPECT_EQ(extra.exit_code, 1);
  RunResult missing = RunRolec({"tiers", "--policy", "/nonexistent/x.role"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("/nonexistent/x.role"), std::string::npos) << missing.err;
}

TEST(Tiers, GoldenAndJson) {
  ExpectGolden({"tiers"}, 0, "tiers.txt");
  RunResult run = RunRolec({"tiers", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json json = nlohmann::json::parse(run.out);
  size_t tier0 = 0;
  for (const nlohmann::json& role : json["roles"]) {
    if (role["tier"] != 0) continue;
    ++tier0;
    if (role["role"] == kGlobal) continue;
    ASSERT_FALSE(role["path"].empty()) << role.dump();
    EXPECT_EQ(role["path"].back()["to"], kGlobal);
  }
  EXPECT_EQ(tier0, json["counts"][0].get<size_t>());
}

}  // namespace
}  // namespace rolec::cli_test
