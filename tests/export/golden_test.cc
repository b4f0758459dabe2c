// tests/export/golden_test.cc — the Graph JSON and Terraform HCL of every role in examples/*.role
// and tests/export/testdata/deployable.role, against goldens under tests/golden/export/<file>/:
// <role>.graph.json or <role>.graph.err (the diagnostics, when Entra cannot express the role), and
// <role>.tf or <role>.tf.err. Every .tf golden is read back with the HCL structure reader.
#include "support/golden.h"

#include <filesystem>
#include <string>
#include <vector>

#include "export_util.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::export_test {
namespace {

namespace fs = std::filesystem;
using rolec::testing::ExpectMatchesGolden;
using rolec::testing::SourcePath;

const std::vector<std::string> kFiles = {
    "examples/app_registration_manager.role",
    "examples/auditor.role",
    "examples/tier1_helpdesk.role",
    "tests/export/testdata/deployable.role",
};

std::string Text(const std::string& path) {
  std::string text;
  EXPECT_TRUE(rolec::testing::ReadFile(SourcePath(path), &text)) << path;
  return text;
}

std::shared_ptr<const Policy> Load(const std::string& path) {
  const std::string text = Text(path);
  std::string error;
  std::shared_ptr<const Policy> policy = CompileAndLoad({{path, text}}, &error);
  EXPECT_NE(policy, nullptr) << error;
  return policy;
}

// The roles declared in `path`, in declaration order.
std::vector<RoleId> RolesOf(const Policy& policy, const std::string& path) {
  std::vector<RoleId> roles;
  for (RoleId id = 0; id < policy.role_count(); ++id) {
    if (policy.role(id).source.file == path) roles.push_back(id);
  }
  return roles;
}

std::string Stem(const std::string& path) { return fs::path(path).stem().string(); }

// The document, or the diagnostics when there is none.
std::string Shown(const ExportResult& result) {
  return result.ok() ? result.text : FormatAll(result.diagnostics);
}

class ExportGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ExportGolden, EachRoleMatchesItsGoldens) {
  const std::string& path = GetParam();
  std::shared_ptr<const Policy> policy = Load(path);
  ASSERT_NE(policy, nullptr);
  const std::vector<RoleId> roles = RolesOf(*policy, path);
  ASSERT_FALSE(roles.empty()) << path;
  for (RoleId role : roles) {
    const std::string name = TerraformIdentifier(policy->role(role).name);
    const std::string base = "tests/golden/export/" + Stem(path) + "/" + name;
    const RoleId ids[] = {role};
    ExportResult graph = ExportGraph(*policy, ids, DefaultOptions());
    AddSourceLines({{path, Text(path)}}, graph.diagnostics);
    ExpectMatchesGolden(Shown(graph), base + (graph.ok() ? ".graph.json" : ".graph.err"));
    ExportResult terraform = ExportTerraform(*policy, ids, DefaultOptions());
    AddSourceLines({{path, Text(path)}}, terraform.diagnostics);
    ExpectMatchesGolden(Shown(terraform), base + (terraform.ok() ? ".tf" : ".tf.err"));
    // Failing is all or nothing: no document beside an error, an error always located.
    for (const ExportResult* result : {&graph, &terraform}) {
      if (result->ok()) continue;
      EXPECT_TRUE(result->text.empty());
      for (const Diagnostic& d : result->diagnostics) {
        EXPECT_FALSE(d.span.file.empty()) << d.message;
        EXPECT_GT(d.span.line, 0u) << d.message;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Files, ExportGolden, ::testing::ValuesIn(kFiles),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return Stem(info.param);
                         });

// The examples each show one thing Entra cannot express; say which, so a change to an example or
// to the export that makes one of them exportable is noticed.
TEST(ExportExamples, EachExampleIsRefusedForItsReason) {
  struct Case {
    std::string file, role, graph_code;
  };
  const std::vector<Case> cases = {
      {"examples/auditor.role", "Contoso Auditor", "export-except"},
      {"examples/tier1_helpdesk.role", "Contoso Tier1 Helpdesk", "export-condition"},
      {"examples/app_registration_manager.role", "Contoso App Registration Manager",
       "export-condition"},
  };
  for (const Case& c : cases) {
    std::shared_ptr<const Policy> policy = Load(c.file);
    ASSERT_NE(policy, nullptr);
    const RoleId ids[] = {policy->FindRole(c.role)};
    ASSERT_NE(ids[0], kNoRole);
    const ExportResult graph = ExportGraph(*policy, ids, DefaultOptions());
    EXPECT_FALSE(graph.ok()) << c.role;
    EXPECT_NE(FormatAll(graph.diagnostics).find("error[" + c.graph_code + "]"), std::string::npos)
        << FormatAll(graph.diagnostics);
  }
}

// Several roles: {"value": [...]} in the order given, a repeat exported once; and one Terraform
// file with a resource per role.
TEST(ExportGolden, SeveralRolesInOneDocument) {
  const std::string path = "tests/export/testdata/deployable.role";
  std::shared_ptr<const Policy> policy = Load(path);
  ASSERT_NE(policy, nullptr);
  const RoleId steward = policy->FindRole("Contoso Group Steward");
  const RoleId reader = policy->FindRole("Contoso App Reader");
  const RoleId operator_role = policy->FindRole("contoso app operator");
  const RoleId all[] = {operator_role, steward, reader, steward};
  const ExportResult graph = ExportGraph(*policy, all, DefaultOptions());
  ASSERT_TRUE(graph.ok()) << FormatAll(graph.diagnostics);
  ExpectMatchesGolden(graph.text, "tests/golden/export/deployable.all.graph.json");
  const nlohmann::json parsed = nlohmann::json::parse(graph.text);
  ASSERT_EQ(parsed.at("value").size(), 3u);
  EXPECT_EQ(parsed["value"][0]["displayName"], "Contoso App Operator");
  EXPECT_EQ(parsed["value"][1]["displayName"], "Contoso Group Steward");

  const RoleId unconditional[] = {reader, operator_role};
  const ExportResult terraform = ExportTerraform(*policy, unconditional, DefaultOptions());
  ASSERT_TRUE(terraform.ok()) << FormatAll(terraform.diagnostics);
  ExpectMatchesGolden(terraform.text, "tests/golden/export/deployable.unconditional.tf");
}

// Every .tf golden has the structure of azuread_custom_directory_role resources, unique names, and
// says what the Graph export of the same roles says.
TEST(ExportGolden, EveryTerraformGoldenParses) {
  size_t files = 0;
  for (const fs::directory_entry& entry :
       fs::recursive_directory_iterator(SourcePath("tests/golden/export"))) {
    if (entry.path().extension() != ".tf") continue;
    ++files;
    SCOPED_TRACE(entry.path().string());
    std::string text;
    ASSERT_TRUE(rolec::testing::ReadFile(entry.path().string(), &text));
    std::vector<HclResource> resources;
    std::string error;
    ASSERT_TRUE(ParseHcl(text, &resources, &error)) << error;
    ASSERT_FALSE(resources.empty());
    std::set<std::string> names;
    for (const HclResource& resource : resources) {
      EXPECT_EQ(CheckCustomDirectoryRole(resource), "");
      EXPECT_TRUE(names.insert(resource.name).second) << "resource name twice: " << resource.name;
    }
  }
  EXPECT_GE(files, 3u);
}

}  // namespace
}  // namespace rolec::export_test
