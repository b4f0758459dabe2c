// tests/export/builtin_test.cc — every built-in role, exported in built-in comparison mode, is what
// Microsoft Graph lists (the jlaundry/aadinfo dump of roleManagement/directory/roleDefinitions):
// per rolePermission the same condition and the same actions (ASCII case-insensitively), the same
// inheritsPermissionsFrom, display name, description and template id. All 143, none skipped: this
// is the stdlib generator's Graph -> .role mapping (docs/stdlib.md) checked backwards.
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "export_util.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::export_test {
namespace {

using Json = nlohmann::json;

const std::string kGraphDump =
    std::string(ROLEC_SHARED_DIR) + "/reference/graph/jlaundry-aadinfo/info/roles.graph.json";

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// condition ("" for none) -> lower-cased actions; several entries with one condition merge. An
// entry without actions grants nothing and is left out: Graph lists six roles (the Purview Workload
// Content and Tenant Governance ones) with one empty unconditional entry, which a role without
// rules exports as `rolePermissions: []` (docs/export.md).
std::map<std::string, std::set<std::string>> Permissions(const Json& definition) {
  std::map<std::string, std::set<std::string>> out;
  for (const Json& permission : definition.at("rolePermissions")) {
    if (permission.at("allowedResourceActions").empty()) continue;
    std::string condition;
    if (permission.contains("condition") && permission.at("condition").is_string()) {
      condition = permission.at("condition").get<std::string>();
    }
    std::set<std::string>& actions = out[condition];
    for (const Json& action : permission.at("allowedResourceActions")) {
      actions.insert(Lower(action.get<std::string>()));
    }
  }
  return out;
}

std::set<std::string> Inherits(const Json& definition) {
  std::set<std::string> ids;
  if (!definition.contains("inheritsPermissionsFrom")) return ids;
  for (const Json& base : definition.at("inheritsPermissionsFrom"))
    ids.insert(Lower(base.at("id").get<std::string>()));
  return ids;
}

// Graph's descriptions keep U+202F (narrow no-break space) where the stdlib writes a space.
std::string Normalized(std::string text) {
  const std::string nnbsp = "\xE2\x80\xAF";
  for (size_t at = text.find(nnbsp); at != std::string::npos; at = text.find(nnbsp, at))
    text.replace(at, 3, " ");
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

TEST(BuiltinExport, EveryGraphRoleRoundTrips) {
  std::ifstream in(kGraphDump);
  ASSERT_TRUE(in) << "the Graph dump is part of the shared reference: " << kGraphDump;
  const Json dump = Json::parse(in);
  const Json& graph_roles = dump.at("value");
  ASSERT_EQ(graph_roles.size(), 143u);

  const Policy& policy = Stdlib();
  ExportOptions options = DefaultOptions();
  options.builtin = true;
  size_t compared = 0;
  for (const Json& graph : graph_roles) {
    const std::string name = graph.at("displayName").get<std::string>();
    const std::string template_id = graph.at("templateId").get<std::string>();
    SCOPED_TRACE(name);
    const RoleId role = policy.FindRole(template_id);
    ASSERT_NE(role, kNoRole) << "no stdlib role has template id " << template_id;

    const RoleId ids[] = {role};
    ExportResult exported = ExportGraph(policy, ids, options);
    ASSERT_TRUE(exported.ok()) << FormatAll(exported.diagnostics);
    const Json ours = Json::parse(exported.text);

    EXPECT_EQ(ours.at("displayName"), name);
    EXPECT_EQ(Lower(ours.at("templateId").get<std::string>()), Lower(template_id));
    EXPECT_EQ(Normalized(ours.at("description").get<std::string>()),
              Normalized(graph.at("description").get<std::string>()));
    EXPECT_EQ(ours.at("isEnabled"), true);
    EXPECT_EQ(Permissions(ours), Permissions(graph));
    EXPECT_EQ(Inherits(ours), Inherits(graph));
    // One rolePermissions entry per condition, as Graph writes them.
    std::set<std::string> conditions;
    for (const Json& permission : ours.at("rolePermissions")) {
      EXPECT_TRUE(conditions.insert(permission.value("condition", "")).second);
      EXPECT_FALSE(permission.at("allowedResourceActions").empty());
    }
    ++compared;
  }
  EXPECT_EQ(compared, 143u);
}

// The eight roles of the password-reset matrices carry conditions Entra enforces for them itself;
// built-in mode exports them unconditional (as Graph lists them) and says so in a note each.
TEST(BuiltinExport, MatrixProtectionsAreNotesNotSilence) {
  const Policy& policy = Stdlib();
  ExportOptions options = DefaultOptions();
  options.builtin = true;
  const RoleId ids[] = {policy.FindRole("Helpdesk Administrator")};
  ExportResult exported = ExportGraph(policy, ids, options);
  ASSERT_TRUE(exported.ok()) << FormatAll(exported.diagnostics);
  ASSERT_FALSE(exported.diagnostics.empty());
  for (const Diagnostic& d : exported.diagnostics) {
    EXPECT_EQ(d.severity, Severity::kNote);
    EXPECT_EQ(d.code, "export-builtin-protection");
    EXPECT_EQ(d.span.file, "stdlib/entra/reset_password.role");
    EXPECT_GT(d.span.line, 0u);
  }
  // Without --builtin the same role is refused: its condition has no Graph form.
  ExportResult custom = ExportGraph(policy, ids, DefaultOptions());
  EXPECT_FALSE(custom.ok());
  EXPECT_TRUE(custom.text.empty());
  EXPECT_NE(FormatAll(custom.diagnostics).find("error[export-condition]"), std::string::npos);
}

// A built-in exported for deployment (no --builtin) flattens its base: Password Administrator's one
// action plus Directory Readers' actions that custom roles may hold, never the pattern ones.
TEST(BuiltinExport, WithoutBuiltinModeABuiltinIsCheckedLikeACustomRole) {
  const Policy& policy = Stdlib();
  const RoleId ids[] = {policy.FindRole("Directory Readers")};
  ExportResult exported = ExportGraph(policy, ids, DefaultOptions());
  EXPECT_FALSE(exported.ok());
  const std::string text = FormatAll(exported.diagnostics);
  EXPECT_NE(text.find("stdlib/entra/roles/directory_readers.role:"), std::string::npos) << text;
  EXPECT_NE(text.find("error[export-unavailable-action]"), std::string::npos) << text;
}

}  // namespace
}  // namespace rolec::export_test
