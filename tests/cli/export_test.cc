// tests/cli/export_test.cc — `rolec export graph|terraform`: documents on stdout or -o FILE, roles
// by name or template id, sources or a compiled image as --policy, and every failure an exit 1 with
// nothing on stdout.
#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;

const std::string kDeployable =
    std::string(ROLEC_SOURCE_DIR) + "/tests/export/testdata/deployable.role";
const std::string kAuditor = std::string(ROLEC_SOURCE_DIR) + "/examples/auditor.role";

TEST(CliExport, GraphOfOneRoleOnStdout) {
  RunResult run = RunRolec({"export", "graph", "Contoso Group Steward", "--policy", kDeployable});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  json role = json::parse(run.out);
  EXPECT_EQ(role["displayName"], "Contoso Group Steward");
  EXPECT_EQ(role["templateId"], "0c7a3f52-91d4-4b8e-a6f1-5e2d9c4b7a30");
  EXPECT_EQ(role["isEnabled"], true);
  ASSERT_EQ(role["rolePermissions"].size(), 3u);
  EXPECT_EQ(role["rolePermissions"][1]["condition"], "$SubjectIsOwner");
}

TEST(CliExport, SeveralRolesByNameAndTemplateId) {
  RunResult run = RunRolec({"export", "graph", "contoso app operator",
                            "0c7a3f52-91d4-4b8e-a6f1-5e2d9c4b7a30", "--policy", kDeployable});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json document = json::parse(run.out);
  ASSERT_EQ(document["value"].size(), 2u);
  EXPECT_EQ(document["value"][0]["displayName"], "Contoso App Operator");
  EXPECT_EQ(document["value"][1]["displayName"], "Contoso Group Steward");
}

TEST(CliExport, TerraformToAFile) {
  TempDir dir;
  const std::string out = dir.File("roles.tf");
  RunResult run = RunRolec({"export", "terraform", "Contoso App Operator", "Contoso App Reader",
                            "--policy", kDeployable, "-o", out});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  const std::string text = ReadAll(out);
  EXPECT_EQ(text.find("resource \"azuread_custom_directory_role\" \"contoso_app_operator\" {\n"),
            0u)
      << text;
  EXPECT_NE(text.find("\nresource \"azuread_custom_directory_role\" \"contoso_app_reader\" {\n"),
            std::string::npos);
  // The description's `${env}` and `%{if}` are literal in HCL only when doubled.
  EXPECT_NE(text.find("C:\\\\apps\\\\$${env} and %%{if}"), std::string::npos) << text;
}

TEST(CliExport, FromACompiledImage) {
  TempDir dir;
  const std::string image = dir.File("contoso.rolec");
  RunResult compiled = RunRolec({"compile", kDeployable, "-o", image});
  ASSERT_EQ(compiled.exit_code, 0) << compiled.err;
  RunResult from_image = RunRolec({"export", "graph", "Contoso Group Steward", "--policy", image});
  RunResult from_source =
      RunRolec({"export", "graph", "Contoso Group Steward", "--policy", kDeployable});
  ASSERT_EQ(from_image.exit_code, 0) << from_image.err;
  EXPECT_EQ(from_image.out, from_source.out);
}

TEST(CliExport, WhatEntraCannotExpressIsExit1AndNoOutput) {
  TempDir dir;
  const std::string out = dir.File("auditor.json");
  RunResult run = RunRolec({"export", "graph", "Contoso Auditor", "--policy", kAuditor, "-o", out});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(ReadAll(out), "");  // nothing written
  EXPECT_NE(run.err.find("auditor.role:18:3: error[export-except]"), std::string::npos) << run.err;
  // The source line is shown under the location, for stdlib rules too.
  EXPECT_NE(run.err.find("  18 |   except microsoft.directory/bitlockerKeys/key/read\n"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("stdlib/entra/roles/global_reader.role:20:3: error[export-pattern]"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("rolec: error: nothing exported: 4 errors"), std::string::npos) << run.err;
}

TEST(CliExport, TerraformRefusesConditions) {
  RunResult run =
      RunRolec({"export", "terraform", "Contoso Group Steward", "--policy", kDeployable});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("error[export-condition]"), std::string::npos) << run.err;
  EXPECT_NE(
      run.err.find("help: 'rolec export graph' writes it as the Graph condition $SubjectIsOwner"),
      std::string::npos)
      << run.err;
}

TEST(CliExport, UnknownRoleSuggests) {
  RunResult run = RunRolec({"export", "graph", "Helpdesk Admin"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(
      run.err.find(
          "rolec: error: unknown role 'Helpdesk Admin' (did you mean 'Helpdesk Administrator'"),
      std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("without --policy only the built-in Entra roles are known"),
            std::string::npos);
}

TEST(CliExport, BuiltinMode) {
  RunResult run = RunRolec({"export", "graph", kHelpdeskName, "--builtin"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json role = json::parse(run.out);
  EXPECT_EQ(role["templateId"], kHelpdeskTemplateId);
  EXPECT_EQ(role["inheritsPermissionsFrom"][0]["id"], "88d8e3e3-8f55-4a1e-953a-9b9898b8876b");
  // The matrix conditions Entra enforces itself are notes, not silence.
  EXPECT_NE(run.err.find("note[export-builtin-protection]"), std::string::npos) << run.err;

  RunResult deploy = RunRolec({"export", "graph", kHelpdeskName});
  EXPECT_EQ(deploy.exit_code, 1);
  EXPECT_EQ(deploy.out, "");
}

TEST(CliExport, UsageErrors) {
  RunResult format = RunRolec({"export", "grahp", kHelpdeskName});
  EXPECT_EQ(format.exit_code, 1);
  EXPECT_NE(format.err.find(
                "unknown export format 'grahp' (formats: graph, terraform); did you mean 'graph'?"),
            std::string::npos)
      << format.err;
  RunResult builtin_tf = RunRolec({"export", "terraform", kHelpdeskName, "--builtin"});
  EXPECT_EQ(builtin_tf.exit_code, 1);
  EXPECT_NE(builtin_tf.err.find("--builtin is for 'rolec export graph' only"), std::string::npos);
  RunResult no_role = RunRolec({"export", "graph"});
  EXPECT_EQ(no_role.exit_code, 1);
  EXPECT_EQ(no_role.out, "");
  RunResult help = RunRolec({"export", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--expand-patterns"), std::string::npos);
  RunResult top = RunRolec({"--help"});
  EXPECT_NE(top.out.find("  export    "), std::string::npos) << top.out;
}

}  // namespace
}  // namespace rolec::cli_test
