// tests/cli/formats_test.cc — `rolec check --format sarif|github` and `rolec test --format
// junit|json|github`: what a CI system reads. The SARIF
// logs are validated against the OASIS schema by ctest cli.sarif_schema (tests/sarif/); these
// tests pin the details a schema cannot: paths, columns in code points, escaping, exit codes.
#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;

TEST(CliFormats, SarifResultForAMisspeltAction) {
  TempDir dir;
  dir.Write("broken.role", kMisspeltAction);
  RunResult run = RunRolec({"check", "broken.role", "--format", "sarif"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "");
  const json log = json::parse(run.out);
  EXPECT_EQ(log["version"], "2.1.0");
  const json& sarif_run = log["runs"][0];
  EXPECT_EQ(sarif_run["tool"]["driver"]["name"], "rolec");
  EXPECT_EQ(sarif_run["columnKind"], "unicodeCodePoints");
  ASSERT_EQ(sarif_run["results"].size(), 1u);
  const json& result = sarif_run["results"][0];
  EXPECT_EQ(result["ruleId"], "E0201");
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(sarif_run["tool"]["driver"]["rules"][result["ruleIndex"].get<int>()]["id"], "E0201");
  const std::string help_uri = sarif_run["tool"]["driver"]["rules"][0]["helpUri"];
  EXPECT_EQ(help_uri.substr(help_uri.size() - std::string("diagnostics.md#e0201").size()),
            "diagnostics.md#e0201");
  const json& location = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "broken.role");
  EXPECT_EQ(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(location["region"]["startLine"], 4);
  EXPECT_EQ(location["region"]["startColumn"], 9);
  EXPECT_EQ(location["region"]["endColumn"], 9 + 40);  // exclusive: 40 characters of the action
}

TEST(CliFormats, SarifColumnsCountCodePointsAndAbsolutePathsAreFileUris) {
  TempDir dir;
  // "Ü", "ï", "ø", "é" are two bytes each: the action starts at byte 28 but character 24.
  const std::string path = dir.Write(
      "ünï code.role", "role \"Ünïcødé\" { allow microsoft.directory/users/pasword/update }\n");
  RunResult run = RunRolec({"check", path, "--format", "sarif"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json location = json::parse(run.out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  const std::string uri = location["artifactLocation"]["uri"];
  EXPECT_EQ(uri.rfind("file:///", 0), 0u) << uri;
  EXPECT_NE(uri.find("/%C3%BCn%C3%AF%20code.role"), std::string::npos) << uri;
  EXPECT_FALSE(location["artifactLocation"].contains("uriBaseId"));
  EXPECT_EQ(location["region"]["startColumn"], 24);
  EXPECT_EQ(location["region"]["endColumn"], 24 + 40);
}

TEST(CliFormats, SarifOfACleanFileHasNoResultsAndExitsZero) {
  TempDir dir;
  RunResult run = RunRolec({"check", dir.Write("ok.role", kContosoRole), "--format", "sarif"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const json log = json::parse(run.out);
  EXPECT_TRUE(log["runs"][0]["results"].empty());
  EXPECT_TRUE(log["runs"][0]["tool"]["driver"]["rules"].empty());
}

TEST(CliFormats, GithubAnnotationEscapesPropertiesAndData) {
  TempDir dir;
  dir.Write("a,b:c.role", kMisspeltAction);
  RunResult run = RunRolec({"check", "a,b:c.role", "--format", "github"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "::error file=a%2Cb%3Ac.role,line=4,col=9,endColumn=48,title=rolec E0201::unknown action "
            "'microsoft.directory/users/pasword/update'%0Ahelp: did you mean "
            "'microsoft.directory/users/password/update'?\n");
}

TEST(CliFormats, GithubWarningsAreWarningCommands) {
  TempDir dir;
  dir.Write("empty.role", "// nothing here\n");
  RunResult run = RunRolec({"check", "empty.role", "--format", "github"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.rfind("::warning file=empty.role,", 0), 0u) << run.out;
  EXPECT_NE(run.out.find("title=rolec W0222::"), std::string::npos) << run.out;
}

TEST(CliFormats, MaxErrorsBoundsTheMachineFormatsToo) {
  TempDir dir;
  std::string source = "role \"R\" {\n";
  for (int i = 0; i < 5; ++i) source += "  allow microsoft.directory/users/pasword/update\n";
  source += "}\n";
  dir.Write("many.role", source);
  RunResult sarif = RunRolec({"check", "many.role", "--format", "sarif", "--max-errors", "2"}, "",
                             dir.path());
  EXPECT_EQ(sarif.exit_code, 1);
  EXPECT_EQ(json::parse(sarif.out)["runs"][0]["results"].size(), 2u);
  RunResult github = RunRolec({"check", "many.role", "--format", "github", "--max-errors", "3"}, "",
                              dir.path());
  EXPECT_EQ(std::count(github.out.begin(), github.out.end(), '\n'), 3);
}

// A test file with one passing and one failing block, names that need XML escaping.
constexpr char kTestBlocks[] = R"(role "T & <x>" {
  allow microsoft.directory/users/password/update when not target.role_assignable_group_member
}
test "passes" {
  allow "T & <x>" microsoft.directory/users/password/update on user {}
}
test "fails \"twice\"" {
  allow "T & <x>" microsoft.directory/users/password/update on user { role_assignable_group_member }
  deny "T & <x>" microsoft.directory/users/password/update on user {}
}
)";

// True if python3's XML parser reads `xml` (well-formed XML 1.0).
bool WellFormedXml(const TempDir& dir, const std::string& xml) {
  const std::string path = dir.Write("report.xml", xml);
  const std::string command =
      "python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' '" + path + "'";
  return std::system(command.c_str()) == 0;
}

TEST(CliTestFormats, JunitHasOneTestcasePerBlockAndEscapes) {
  TempDir dir;
  dir.Write("t.role", kTestBlocks);
  RunResult run = RunRolec({"test", "t.role", "--format", "junit"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(WellFormedXml(dir, run.out)) << run.out;
  EXPECT_NE(run.out.find("<testsuites name=\"rolec test\" tests=\"2\" failures=\"1\" errors=\"0\""),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("<testsuite name=\"t.role\" tests=\"2\" failures=\"1\""), std::string::npos);
  EXPECT_NE(run.out.find("<testcase name=\"passes\" classname=\"t.role\" file=\"t.role\" line=\"4\" "
                         "assertions=\"1\""),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("<testcase name=\"fails &quot;twice&quot;\""), std::string::npos);
  EXPECT_NE(run.out.find("<failure message=\"t.role:8:3: expected allow, got deny (and 1 more)\" "
                         "type=\"decision\">"),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("role &apos;T &amp; &lt;x&gt;&apos;"), std::string::npos);
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '<') -
                std::count(run.out.begin(), run.out.end(), '>'),
            0);
}

TEST(CliTestFormats, JunitOfSourcesThatDoNotCompileIsOneError) {
  TempDir dir;
  dir.Write("broken.role", kMisspeltAction);
  RunResult run = RunRolec({"test", "broken.role", "--format", "junit"}, "", dir.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(WellFormedXml(dir, run.out)) << run.out;
  EXPECT_NE(run.out.find("<error message=\"the sources did not compile; no test was run\" "
                         "type=\"compile\">broken.role:4:9: error[E0201]"),
            std::string::npos) << run.out;
  EXPECT_NE(run.err.find("no test was run"), std::string::npos);
}

TEST(CliTestFormats, JsonAndGithubReportTheFailingExpectations) {
  TempDir dir;
  dir.Write("t.role", kTestBlocks);
  RunResult as_json = RunRolec({"test", "t.role", "--format", "json"}, "", dir.path());
  EXPECT_EQ(as_json.exit_code, 1);
  const json report = json::parse(as_json.out);
  EXPECT_EQ(report["ok"], false);
  EXPECT_EQ(report["passed"], 1);
  EXPECT_EQ(report["failed"], 1);
  ASSERT_EQ(report["tests"].size(), 2u);
  EXPECT_EQ(report["tests"][1]["name"], "fails \"twice\"");
  ASSERT_EQ(report["tests"][1]["failures"].size(), 2u);
  EXPECT_EQ(report["tests"][1]["failures"][1]["line"], 9);
  EXPECT_EQ(report["tests"][1]["failures"][1]["expected"], "deny");
  EXPECT_EQ(report["tests"][1]["failures"][1]["actual"], "allow");

  RunResult github = RunRolec({"test", "t.role", "--format", "github"}, "", dir.path());
  EXPECT_EQ(github.exit_code, 1);
  EXPECT_EQ(std::count(github.out.begin(), github.out.end(), '\n'), 2) << github.out;
  EXPECT_EQ(github.out.rfind("::error file=t.role,line=8,col=3,", 0), 0u) << github.out;
  EXPECT_NE(github.out.find("title=rolec test::test 'fails \"twice\"': expected deny, got allow"),
            std::string::npos) << github.out;
}

TEST(CliTestFormats, UnknownTestFormatIsAUsageError) {
  TempDir dir;
  RunResult run = RunRolec({"test", dir.Write("t.role", kTestBlocks), "--format", "sarif"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("expected text, json, junit or github"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace rolec::cli_test
