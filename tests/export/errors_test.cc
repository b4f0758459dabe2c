// tests/export/errors_test.cc — what Entra cannot express is an error at the rule that says it, and
// nothing is written: except, a condition Graph has no form for, a condition in Terraform, an
// action custom roles may not hold, a keyword pattern without --expand-patterns, an empty role.
#include <string>

#include "export/graph_condition.h"
#include "export/rule_owners.h"
#include "export_util.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::export_test {
namespace {

constexpr char kPath[] = "contoso.role";

struct Exported {
  std::shared_ptr<const Policy> policy;
  ExportResult graph;
  ExportResult terraform;
};

Exported Export(const std::string& body, const std::string& role,
                ExportOptions options = DefaultOptions()) {
  Exported out;
  std::string error;
  out.policy = CompileAndLoad({{kPath, "module contoso\nimport entra\n" + body}}, &error);
  EXPECT_NE(out.policy, nullptr) << error;
  if (out.policy == nullptr) return out;
  const RoleId ids[] = {out.policy->FindRole(role)};
  EXPECT_NE(ids[0], kNoRole) << role;
  out.graph = ExportGraph(*out.policy, ids, options);
  options.builtin = false;
  out.terraform = ExportTerraform(*out.policy, ids, options);
  return out;
}

// The one error of `result`, which must have that code and be located at line:column of kPath.
void ExpectOneError(const ExportResult& result, const std::string& code, uint32_t line,
                    uint32_t column, const std::string& says) {
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.text.empty()) << result.text;
  ASSERT_EQ(result.diagnostics.size(), 1u) << FormatAll(result.diagnostics);
  const Diagnostic& d = result.diagnostics[0];
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.code, code);
  EXPECT_EQ(d.span.file, kPath);
  EXPECT_EQ(d.span.line, line);
  EXPECT_EQ(d.span.column, column);
  EXPECT_NE(d.message.find(says), std::string::npos) << d.message;
}

TEST(ExportErrors, ExceptIsRefusedInBothFormats) {
  Exported e = Export(R"(role "R" {
  allow microsoft.directory/groups/standard/read, microsoft.directory/groups/members/read
  except microsoft.directory/groups/members/read
})",
                      "R");
  ExpectOneError(e.graph, "export-except", 5, 3, "except microsoft.directory/groups/members/read");
  ExpectOneError(e.terraform, "export-except", 5, 3, "an except cannot be exported");
}

TEST(ExportErrors, ConditionWithoutGraphForm) {
  Exported e = Export(R"(role "R" {
  allow microsoft.directory/groups/members/update
    when principal owns target and context.mfa
})",
                      "R");
  ExpectOneError(e.graph, "export-condition", 4, 3,
                 "'principal owns target and context.mfa' has no Graph form");
  ExpectOneError(e.terraform, "export-condition", 4, 3, "no condition");
}

TEST(ExportErrors, GraphConditionIsRefusedByTerraformOnly) {
  Exported e = Export(R"(role "R" {
  allow microsoft.directory/groups/members/update when principal owns target
})",
                      "R");
  ASSERT_TRUE(e.graph.ok()) << FormatAll(e.graph.diagnostics);
  const nlohmann::json json = nlohmann::json::parse(e.graph.text);
  ASSERT_EQ(json["rolePermissions"].size(), 1u);
  EXPECT_EQ(json["rolePermissions"][0]["condition"], "$SubjectIsOwner");
  ExpectOneError(e.terraform, "export-condition", 4, 3, "azuread provider");
  EXPECT_NE(e.terraform.diagnostics[0].help.find("$SubjectIsOwner"), std::string::npos);
}

TEST(ExportErrors, ActionUnavailableInCustomRoles) {
  // users/password/update is custom_allowed false in the catalog: Entra rejects it at deploy time.
  Exported e = Export(R"(role "R" {
  allow microsoft.directory/groups/standard/read,
        microsoft.directory/users/password/update
})",
                      "R");
  ExpectOneError(e.graph, "export-unavailable-action", 4, 3,
                 "microsoft.directory/users/password/update");
  ExpectOneError(e.terraform, "export-unavailable-action", 4, 3, "not available in custom roles");
}

TEST(ExportErrors, BuiltinModeSkipsTheCustomAllowedCheck) {
  ExportOptions options = DefaultOptions();
  options.builtin = true;
  Exported e = Export(R"(role "R" {
  allow microsoft.directory/users/password/update
})",
                      "R", options);
  ASSERT_TRUE(e.graph.ok()) << FormatAll(e.graph.diagnostics);
  EXPECT_NE(e.graph.text.find("microsoft.directory/users/password/update"), std::string::npos);
}

TEST(ExportErrors, BuiltinModeIsRefusedForTerraform) {
  const Policy& policy = Stdlib();
  ExportOptions options = DefaultOptions();
  options.builtin = true;
  const RoleId ids[] = {policy.FindRole("Global Reader")};
  const ExportResult result = ExportTerraform(policy, ids, options);
  EXPECT_FALSE(result.ok());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "export-builtin-terraform");
}

TEST(ExportErrors, KeywordPatternNeedsExpandPatterns) {
  const std::string body = R"(role "R" {
  allow microsoft.directory/groups/allProperties/update
})";
  // In custom_role_permission_patterns: Entra takes it as written.
  Exported accepted = Export(body, "R");
  ASSERT_TRUE(accepted.graph.ok()) << FormatAll(accepted.graph.diagnostics);
  EXPECT_NE(accepted.graph.text.find("\"microsoft.directory/groups/allProperties/update\""),
            std::string::npos);

  // Not in that list: refused, or with --expand-patterns listed as the actions it covers.
  const std::string owners = R"(role "R" {
  allow microsoft.directory/groups/owners/allTasks
})";
  Exported refused = Export(owners, "R");
  ExpectOneError(refused.graph, "export-pattern", 4, 3, "not a single catalog action");
  ExportOptions expand = DefaultOptions();
  expand.expand_patterns = true;
  Exported expanded = Export(owners, "R", expand);
  // groups.security/owners/update is custom_allowed false: the expansion is refused, naming it.
  EXPECT_FALSE(expanded.graph.ok());
  EXPECT_NE(FormatAll(expanded.graph.diagnostics)
                .find("microsoft.directory/groups.security/owners/update (from "
                      "microsoft.directory/groups/owners/allTasks)"),
            std::string::npos)
      << FormatAll(expanded.graph.diagnostics);

  Exported members = Export(R"(role "R" {
  allow microsoft.directory/applications/credentials/allTasks
})",
                            "R", expand);
  ASSERT_TRUE(members.graph.ok()) << FormatAll(members.graph.diagnostics);
  const nlohmann::json json = nlohmann::json::parse(members.graph.text);
  const auto& actions = json["rolePermissions"][0]["allowedResourceActions"];
  // The entity covers its dotted subtypes: applications.myOrganization too.
  EXPECT_EQ(actions,
            nlohmann::json({"microsoft.directory/applications.myOrganization/credentials/update",
                            "microsoft.directory/applications/credentials/update"}));
  for (const auto& action : actions) {
    const std::string name = action.get<std::string>();
    EXPECT_EQ(name.find("allTasks"), std::string::npos) << name;
    EXPECT_TRUE(members.policy->action(members.policy->FindAction(name)).custom_allowed) << name;
  }
}

TEST(ExportErrors, ARoleThatGrantsNothing) {
  Exported e = Export("role \"R\" {\n  id \"0c7a3f52-91d4-4b8e-a6f1-5e2d9c4b7a31\"\n}\n", "R");
  ExpectOneError(e.graph, "export-empty", 3, 6, "grants nothing");
}

TEST(ExportErrors, EveryProblemOfARoleIsReported) {
  Exported e = Export(R"(role "R" {
  allow microsoft.directory/users/password/update
  allow microsoft.directory/groups/members/update when context.mfa
  except microsoft.directory/groups/standard/read
})",
                      "R");
  ASSERT_EQ(e.graph.diagnostics.size(), 3u) << FormatAll(e.graph.diagnostics);
  EXPECT_EQ(e.graph.diagnostics[0].code, "export-unavailable-action");
  EXPECT_EQ(e.graph.diagnostics[1].code, "export-condition");
  EXPECT_EQ(e.graph.diagnostics[2].code, "export-except");
}

TEST(ExportErrors, AnUnknownRoleIdIsAnErrorNotACrash) {
  const Policy& policy = Stdlib();
  const RoleId ids[] = {policy.role_count() + 5};
  const ExportResult result = ExportGraph(policy, ids);
  EXPECT_FALSE(result.ok());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "export-unknown-role");
}

TEST(ExportExtends, CustomBaseIsFlattenedBuiltinModeNamesIt) {
  const std::string body = R"(role "Base" {
  id "0c7a3f52-91d4-4b8e-a6f1-5e2d9c4b7a32"
  allow microsoft.directory/groups/standard/read
  allow microsoft.directory/users/contactInfo/update when target is self
}
role "Middle" extends "Base" {
  id "0c7a3f52-91d4-4b8e-a6f1-5e2d9c4b7a33"
  allow microsoft.directory/groups/members/read
}
role "Top" extends "Middle" {
  allow microsoft.directory/groups/basic/update
})";
  Exported flat = Export(body, "Top");
  ASSERT_TRUE(flat.graph.ok()) << FormatAll(flat.graph.diagnostics);
  const nlohmann::json json = nlohmann::json::parse(flat.graph.text);
  EXPECT_FALSE(json.contains("inheritsPermissionsFrom"));
  ASSERT_EQ(json["rolePermissions"].size(), 2u);
  EXPECT_EQ(json["rolePermissions"][0]["allowedResourceActions"],
            nlohmann::json({"microsoft.directory/groups/basic/update",
                            "microsoft.directory/groups/members/read",
                            "microsoft.directory/groups/standard/read"}));
  EXPECT_EQ(json["rolePermissions"][1]["condition"], "$ResourceIsSelf");

  // The rule owners: Top extends Middle directly, Base only through it.
  exporter::RuleOwners owners(*flat.policy);
  const std::vector<RoleId> bases = owners.DirectBases(flat.policy->FindRole("Top"));
  ASSERT_EQ(bases.size(), 1u);
  EXPECT_EQ(flat.policy->role(bases[0]).name, "Middle");

  ExportOptions builtin = DefaultOptions();
  builtin.builtin = true;
  Exported named = Export(body, "Top", builtin);
  ASSERT_TRUE(named.graph.ok()) << FormatAll(named.graph.diagnostics);
  const nlohmann::json with_base = nlohmann::json::parse(named.graph.text);
  EXPECT_EQ(with_base["inheritsPermissionsFrom"],
            nlohmann::json::array({{{"id", "0c7a3f52-91d4-4b8e-a6f1-5e2d9c4b7a33"}}}));
  ASSERT_EQ(with_base["rolePermissions"].size(), 1u);
  EXPECT_EQ(with_base["rolePermissions"][0]["allowedResourceActions"],
            nlohmann::json({"microsoft.directory/groups/basic/update"}));
}

TEST(ExportExtends, BuiltinModeNeedsTheBaseTemplateId) {
  ExportOptions builtin = DefaultOptions();
  builtin.builtin = true;
  Exported e = Export(R"(role "Base" {
  allow microsoft.directory/groups/standard/read
}
role "Top" extends "Base" {
  allow microsoft.directory/groups/basic/update
})",
                      "Top", builtin);
  ExpectOneError(e.graph, "export-inherits", 6, 6, "no template id");
}

TEST(GraphCondition, TheTwoGraphConditionsInAnySpelling) {
  using exporter::GraphCondition;
  EXPECT_EQ(GraphCondition("target is self"), "$ResourceIsSelf");
  EXPECT_EQ(GraphCondition("  target\n   is /* the principal */ self // itself\n"),
            "$ResourceIsSelf");
  EXPECT_EQ(GraphCondition("((target is self))"), "$ResourceIsSelf");
  EXPECT_EQ(GraphCondition("principal owns target"), "$SubjectIsOwner");
  EXPECT_EQ(GraphCondition("(principal owns target)"), "$SubjectIsOwner");
  EXPECT_EQ(GraphCondition("not target is self"), std::nullopt);
  EXPECT_EQ(GraphCondition("target is self and principal owns target"), std::nullopt);
  EXPECT_EQ(GraphCondition("(target is self) or (principal owns target)"), std::nullopt);
  EXPECT_EQ(GraphCondition("target.kind == user"), std::nullopt);
  EXPECT_EQ(GraphCondition("target is selfish"), std::nullopt);
  EXPECT_EQ(GraphCondition(""), std::nullopt);
  EXPECT_EQ(exporter::NormalizedCondition("a  ==\n b // x\n and c != d"), "a == b and c != d");
}

}  // namespace
}  // namespace rolec::export_test
