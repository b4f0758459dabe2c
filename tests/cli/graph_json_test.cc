// tests/cli/graph_json_test.cc — Microsoft Graph JSON on the command line (docs/graph-json.md):
// `rolec import graph`, and `check`, `lint` and `eval --policy` reading a .json file, with every
// diagnostic located in the JSON in the text, SARIF and GitHub formats.
#include <string>

#include "cli/cli_runner.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;

// Line 8 column 9: the misspelt action; line 14 column 3: an unknown field.
constexpr char kUnknownAction[] = R"({
  "displayName": "Contoso Reader",
  "templateId": "5c3b7c1e-2f6a-4b8e-9d3c-1a2b3c4d5e6f",
  "rolePermissions": [
    {
      "allowedResourceActions": [
        "microsoft.directory/users/standard/read",
        "microsoft.directory/users/pasword/update"
      ],
      "condition": null
    }
  ],
  "isBuiltIn": false,
  "colour": "blue"
}
)";

// Line 5 column 53: a privileged action, which custom roles cannot hold either.
constexpr char kPrivileged[] = R"({"value": [
  {
    "displayName": "Contoso Reset",
    "rolePermissions": [{"condition": null,
                         "allowedResourceActions": ["microsoft.directory/users/password/update"]}]
  }
]}
)";

// The SARIF result for `code`, or null.
json SarifResult(const std::string& sarif, const std::string& code) {
  json log = json::parse(sarif);
  for (const json& result : log["runs"][0]["results"]) {
    if (result["ruleId"] == code) return result;
  }
  return nullptr;
}

TEST(CliGraphJson, ImportWritesRoleSourceOnStdoutOrIntoAFile) {
  TempDir dir;
  dir.Write("r.json", kUnknownAction);
  RunResult run = RunRolec({"import", "graph", "r.json"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("role \"Contoso Reader\" {\n"
                         "  id          \"5c3b7c1e-2f6a-4b8e-9d3c-1a2b3c4d5e6f\"\n"
                         "  allow microsoft.directory/users/standard/read,\n"
                         "        microsoft.directory/users/pasword/update\n"
                         "}\n"),
            std::string::npos)
      << run.out;
  // The warning names the field; the misspelt action is the compiler's business, not import's.
  EXPECT_NE(
      run.err.find(
          "r.json:14:3: warning[W0710]: unknown field 'colour' of a role definition, ignored"),
      std::string::npos)
      << run.err;
  RunResult to_file = RunRolec({"import", "graph", "r.json", "-o", "r.role"}, "", dir.path());
  EXPECT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(ReadAll(dir.File("r.role")), run.out);
}

TEST(CliGraphJson, ImportErrorsExitOneAndWriteNothing) {
  TempDir dir;
  dir.Write("bad.json",
            "{\"displayName\": \"A\",\n \"rolePermissions\": [{\"allowedResourceActions\": [],\n"
            "   \"condition\": \"$ResourceIsMine\"}]}\n");
  RunResult run = RunRolec({"import", "graph", "bad.json", "-o", "out.role"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("bad.json:3:17: error[E0705]: unknown Graph condition '$ResourceIsMine'"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("rolec: error: import failed; nothing written"), std::string::npos)
      << run.err;
  EXPECT_EQ(ReadAll(dir.File("out.role")), "");
  dir.Write("invalid.json", "{\"displayName\": \"A\",,}");
  RunResult invalid = RunRolec({"import", "graph", "invalid.json"}, "", dir.path());
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_NE(
      invalid.err.find("invalid.json:1:21: error[E0701]: syntax error while parsing object key"),
      std::string::npos)
      << invalid.err;
  EXPECT_EQ(RunRolec({"import", "azure", "bad.json"}, "", dir.path()).exit_code, 1);
  EXPECT_EQ(RunRolec({"import", "graph"}, "", dir.path()).exit_code, 1);
  EXPECT_EQ(RunRolec({"import", "graph", "missing.json"}, "", dir.path()).exit_code, 1);
}

TEST(CliGraphJson, CheckPointsAnUnknownActionAtItsJsonString) {
  TempDir dir;
  dir.Write("r.json", kUnknownAction);
  RunResult text = RunRolec({"check", "r.json"}, "", dir.path());
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(text.out, "1 error, 1 warning\n");
  EXPECT_NE(
      text.err.find(
          "r.json:8:9: error[E0201]: unknown action 'microsoft.directory/users/pasword/update'\n"
          "  8 |         \"microsoft.directory/users/pasword/update\"\n"),
      std::string::npos)
      << text.err;
  // JSON order: the error on line 8 before the warning on line 14.
  EXPECT_LT(text.err.find("r.json:8:9"), text.err.find("r.json:14:3")) << text.err;

  RunResult sarif = RunRolec({"check", "r.json", "--format", "sarif"}, "", dir.path());
  EXPECT_EQ(sarif.exit_code, 1);
  json result = SarifResult(sarif.out, "E0201");
  ASSERT_FALSE(result.is_null()) << sarif.out;
  const json& location = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "r.json");
  EXPECT_EQ(location["region"]["startLine"], 8);
  EXPECT_EQ(location["region"]["startColumn"], 9);
  EXPECT_EQ(location["region"]["endColumn"], 51);  // the string with its quotes
  EXPECT_EQ(location["region"]["snippet"]["text"],
            "        \"microsoft.directory/users/pasword/update\"");
  json unknown_field = SarifResult(sarif.out, "W0710");
  ASSERT_FALSE(unknown_field.is_null());
  EXPECT_EQ(unknown_field["locations"][0]["physicalLocation"]["region"]["startLine"], 14);

  RunResult github = RunRolec({"check", "r.json", "--format", "github"}, "", dir.path());
  EXPECT_NE(github.out.find("::error file=r.json,line=8,col=9,endColumn=50,title=rolec E0201::"),
            std::string::npos)
      << github.out;
}

TEST(CliGraphJson, LintPointsAPrivilegedActionAtItsJsonString) {
  TempDir dir;
  dir.Write("p.json", kPrivileged);
  RunResult text = RunRolec({"lint", "p.json"}, "", dir.path());
  EXPECT_EQ(text.exit_code, 1) << text.err;
  EXPECT_NE(
      text.err.find(
          "p.json:5:53: note[privileged-permission]: role 'Contoso Reset' grants the privileged "
          "permission 'microsoft.directory/users/password/update'"),
      std::string::npos)
      << text.err;
  EXPECT_NE(text.err.find("p.json:5:53: error[custom-unavailable-action]"), std::string::npos)
      << text.err;

  RunResult sarif = RunRolec({"lint", "p.json", "--format", "sarif"}, "", dir.path());
  json result = SarifResult(sarif.out, "privileged-permission");
  ASSERT_FALSE(result.is_null()) << sarif.out;
  const json& region = result["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 5);
  EXPECT_EQ(region["startColumn"], 53);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "p.json");
}

TEST(CliGraphJson, JsonIsRecognisedByItsFirstByteAndMixesWithRoleFiles) {
  TempDir dir;
  // No .json extension: the leading '[' says what it is.
  dir.Write("roles.txt",
            "[{\"displayName\": \"Contoso Group Members\", \"rolePermissions\": "
            "[{\"allowedResourceActions\": "
            "[\"microsoft.directory/groups/members/update\"]}]}]\n");
  dir.Write("more.role",
            "role \"Contoso Lead\" extends \"Contoso Group Members\" {\n"
            "  allow microsoft.directory/groups/owners/update\n}\n");
  RunResult run = RunRolec({"check", "roles.txt", "more.role"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "0 errors, 0 warnings\n");
}

TEST(CliGraphJson, ABuiltInsDisplayNameIsADuplicateRole) {
  TempDir dir;
  dir.Write("ga.json", "{\n  \"displayName\": \"Global Administrator\"\n}\n");
  RunResult run = RunRolec({"check", "ga.json"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(
      run.err.find("ga.json:2:18: error[E0211]: role 'Global Administrator' is declared twice"),
      std::string::npos)
      << run.err;
}

TEST(CliGraphJson, InvalidJsonInCheckIsAnErrorAtItsPosition) {
  TempDir dir;
  dir.Write("bad.json", "{\"displayName\": \"A\"\n  \"isPrivileged\": true}\n");
  RunResult run = RunRolec({"check", "bad.json", "--format", "json"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 1);
  json doc = json::parse(run.out);
  ASSERT_EQ(doc["diagnostics"].size(), 1u);
  EXPECT_EQ(doc["diagnostics"][0]["code"], "E0701");
  EXPECT_EQ(doc["diagnostics"][0]["line"], 2);
  EXPECT_EQ(doc["diagnostics"][0]["column"], 3);
}

TEST(CliGraphJson, CompileWritesAnImageFromJson) {
  TempDir dir;
  dir.Write("m.json",
            "{\"displayName\": \"Contoso Group Members\", \"rolePermissions\": "
            "[{\"allowedResourceActions\": "
            "[\"microsoft.directory/groups/members/update\"]}]}");
  RunResult run = RunRolec({"compile", "m.json", "-o", "m.rolec"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  RunResult allow =
      RunRolec({"eval", "--policy", "m.rolec", "--as", "Contoso Group Members",
                "microsoft.directory/groups/members/update", "--target-kind", "group"},
               "", dir.path());
  EXPECT_EQ(allow.exit_code, 0) << allow.out << allow.err;
  dir.Write("bad.json", "{\"displayName\": \"X\",\n \"isPrivileged\": 1}");
  RunResult bad = RunRolec({"compile", "bad.json", "-o", "bad.rolec"}, "", dir.path());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(
      bad.err.find(
          "bad.json:2:18: error[E0703]: isPrivileged must be a boolean or null, not a number"),
      std::string::npos)
      << bad.err;
  EXPECT_EQ(ReadAll(dir.File("bad.rolec")), "");
}

TEST(CliGraphJson, EvalReadsAPolicyFromJson) {
  TempDir dir;
  dir.Write("m.json",
            "{\"displayName\": \"Contoso Group Members\", \"rolePermissions\": "
            "[{\"allowedResourceActions\": "
            "[\"microsoft.directory/groups/members/update\"]}]}");
  RunResult allow =
      RunRolec({"eval", "--policy", "m.json", "--as", "Contoso Group Members",
                "microsoft.directory/groups/members/update", "--target-kind", "group"},
               "", dir.path());
  EXPECT_EQ(allow.exit_code, 0) << allow.out << allow.err;
  dir.Write("bad.json",
            "{\"displayName\": \"X\", \"rolePermissions\": [{\"allowedResourceActions\": "
            "[\"microsoft.directory/users/pasword/update\"]}]}");
  RunResult bad = RunRolec(
      {"eval", "--policy", "bad.json", "--as", "X", "microsoft.directory/users/pasword/update"}, "",
      dir.path());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.json:1:70: error[E0201]"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace rolec::cli_test
