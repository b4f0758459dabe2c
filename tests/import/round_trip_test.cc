// tests/import/round_trip_test.cc — every Entra built-in role of Microsoft Graph's dump
// (../shared/reference/graph/jlaundry-aadinfo/info/roles.graph.json, 143 roles) imports, compiles,
// and the compiled role's rules are Graph's: each allowedResourceAction (ASCII case-insensitive)
// with its rolePermission's condition, inherited ones included; and its catalog actions are those
// of the standard library's role of the same name.
//
// The built-ins' names and template ids are those of the standard library, with which every
// compile is made, so the test renames each role ("Imported <name>") and gives it a template id of
// its own (the first eight hex digits replaced), mapping inheritsPermissionsFrom the same way; the
// second test keeps the parents' ids, which then resolve to the standard library's roles. The third
// chains the whole way, import -> compile -> export (the built-in comparison mode, which keeps
// `inheritsPermissionsFrom` as Graph writes it): the exported JSON of every role has, per
// condition, the original's actions and the original's parents. No role is skipped. Like
// tests/stdlib, the test skips when the reference folder is not next to the repository.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolec/compiler.hpp"
#include "rolec/export.hpp"
#include "rolec/import.hpp"
#include "rolec/policy.hpp"

namespace rolec {
namespace {

constexpr char kGraphJson[] =
    ROLEC_SHARED_DIR "/reference/graph/jlaundry-aadinfo/info/roles.graph.json";
constexpr size_t kBuiltInRoles = 143;

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string GraphCondition(const nlohmann::json& condition) {
  if (condition.is_null()) return "";
  if (condition == "$ResourceIsSelf") return "target is self";
  if (condition == "$SubjectIsOwner") return "principal owns target";
  return "?" + condition.get<std::string>();
}

// (action, condition) pairs of a Graph role and its ancestors, lower-cased, sorted.
using Grants = std::vector<std::pair<std::string, std::string>>;

void CollectGraphGrants(const nlohmann::json& role,
                        const std::map<std::string, const nlohmann::json*>& by_id, int depth,
                        Grants* out) {
  ASSERT_LT(depth, 8) << "inheritance deeper than 8";
  for (const auto& permission : role["rolePermissions"]) {
    for (const auto& action : permission["allowedResourceActions"]) {
      out->emplace_back(Lower(action.get<std::string>()), GraphCondition(permission["condition"]));
    }
  }
  for (const auto& parent : role["inheritsPermissionsFrom"]) {
    auto it = by_id.find(Lower(parent["id"].get<std::string>()));
    ASSERT_NE(it, by_id.end()) << parent["id"];
    CollectGraphGrants(*it->second, by_id, depth + 1, out);
  }
}

Grants CompiledGrants(const Policy& policy, RoleId role) {
  Grants out;
  for (uint32_t index : policy.RoleRules(role)) {
    RuleInfo rule = policy.rule(index);
    for (std::string_view pattern : rule.patterns) {
      out.emplace_back((rule.is_except ? "except " : "") + Lower(std::string(pattern)),
                       std::string(rule.condition));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class GraphRoundTrip : public testing::Test {
 protected:
  void SetUp() override {
    const std::string text = ReadAll(kGraphJson);
    if (text.empty()) GTEST_SKIP() << "no " << kGraphJson;
    graph_ = nlohmann::json::parse(text);
    ASSERT_EQ(graph_["value"].size(), kBuiltInRoles);
  }

  // The dump with every role renamed and re-identified; parents' ids mapped too if `map_parents`.
  // `new_id` (if given) receives the mapping, lower-cased original id -> new id.
  nlohmann::json Renamed(bool map_parents, std::map<std::string, std::string>* ids = nullptr) const {
    nlohmann::json renamed = graph_;
    std::map<std::string, std::string> new_id;
    size_t index = 0;
    for (auto& role : renamed["value"]) {
      const std::string id = role["templateId"].get<std::string>();
      new_id[Lower(id)] = fmt::format("{:08x}", 0xa0000000u + index++) + id.substr(8);
    }
    if (ids != nullptr) *ids = new_id;
    for (auto& role : renamed["value"]) {
      role["displayName"] = "Imported " + role["displayName"].get<std::string>();
      role["templateId"] = new_id.at(Lower(role["templateId"].get<std::string>()));
      role["id"] = role["templateId"];
      if (!map_parents) continue;
      for (auto& parent : role["inheritsPermissionsFrom"]) {
        parent["id"] = new_id.at(Lower(parent["id"].get<std::string>()));
      }
    }
    return renamed;
  }

  // Imports and compiles `json` (with the standard library); fails the test on any error.
  std::shared_ptr<const Policy> ImportAndCompile(const std::string& json) {
    ImportResult imported = ImportGraphJson(json, "roles.graph.json");
    EXPECT_TRUE(imported.ok());
    EXPECT_TRUE(imported.diagnostics.empty()) << FormatDiagnostic(imported.diagnostics.front());
    EXPECT_EQ(imported.roles, kBuiltInRoles);
    CompileResult compiled = Compile({{"roles.graph.json", imported.role_source}});
    std::vector<Diagnostic> mapped = MapToJson(compiled.diagnostics, imported, json);
    for (const Diagnostic& d : mapped) {
      if (d.severity == Severity::kError) ADD_FAILURE() << FormatDiagnostic(d);
    }
    if (!compiled.ok()) return nullptr;
    auto policy = Policy::Load(compiled.image);
    EXPECT_TRUE(policy.ok());
    return policy.ok() ? *policy : nullptr;
  }

  nlohmann::json graph_;
};

TEST_F(GraphRoundTrip, EveryBuiltInImportsCompilesAndKeepsGraphsActionsAndConditions) {
  const nlohmann::json renamed = Renamed(/*map_parents=*/true);
  std::shared_ptr<const Policy> policy = ImportAndCompile(renamed.dump(2));
  ASSERT_NE(policy, nullptr);
  std::map<std::string, const nlohmann::json*> by_id;
  for (const auto& role : graph_["value"])
    by_id[Lower(role["templateId"].get<std::string>())] = &role;
  size_t roles = 0;
  size_t grants = 0;
  size_t conditional = 0;
  for (const auto& role : graph_["value"]) {
    const std::string name = role["displayName"].get<std::string>();
    const RoleId imported = policy->FindRole("Imported " + name);
    ASSERT_NE(imported, kNoRole) << name;
    Grants expected;
    CollectGraphGrants(role, by_id, 0, &expected);
    std::sort(expected.begin(), expected.end());
    const Grants actual = CompiledGrants(*policy, imported);
    EXPECT_EQ(actual, expected) << name;
    // The catalog actions the rules cover are those of the standard library's built-in role (which
    // conditions some of them by the matrices, but grants the same patterns).
    const RoleId builtin = policy->FindRole(name);
    ASSERT_NE(builtin, kNoRole) << name;
    EXPECT_EQ(policy->RoleActions(imported), policy->RoleActions(builtin)) << name;
    EXPECT_EQ(policy->role(imported).privileged || !role["isPrivileged"].get<bool>(), true) << name;
    ++roles;
    grants += expected.size();
    for (const auto& grant : expected) conditional += !grant.second.empty();
  }
  EXPECT_EQ(roles, kBuiltInRoles);
  EXPECT_GT(grants, 4000u);     // Global Administrator alone holds hundreds
  EXPECT_GT(conditional, 20u);  // the default-user roles' self and owner rules
  RecordProperty("grants_compared", static_cast<int>(grants));
}

// Graph's rolePermissions of one role definition: condition ("" for none) -> lower-cased actions,
// entries with one condition merged, entries without actions left out (six roles list one empty
// entry, which an export of a role without rules writes as `rolePermissions: []`, docs/export.md).
std::map<std::string, std::set<std::string>> PermissionsByCondition(const nlohmann::json& definition) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& permission : definition.at("rolePermissions")) {
    if (permission.at("allowedResourceActions").empty()) continue;
    const std::string condition =
        permission.contains("condition") && permission.at("condition").is_string()
            ? permission.at("condition").get<std::string>()
            : "";
    for (const auto& action : permission.at("allowedResourceActions")) {
      out[condition].insert(Lower(action.get<std::string>()));
    }
  }
  return out;
}

std::set<std::string> ParentIds(const nlohmann::json& definition) {
  std::set<std::string> out;
  if (!definition.contains("inheritsPermissionsFrom")) return out;
  for (const auto& parent : definition.at("inheritsPermissionsFrom")) {
    out.insert(Lower(parent.at("id").get<std::string>()));
  }
  return out;
}

// Issue 12's single round trip: Graph JSON -> rolec import -> compile -> rolec export graph
// --builtin -> the same actions under the same conditions, and the same parents, for all 143.
TEST_F(GraphRoundTrip, EveryBuiltInImportsCompilesAndExportsToGraphsOwnDefinition) {
  std::map<std::string, std::string> new_id;
  const nlohmann::json renamed = Renamed(/*map_parents=*/true, &new_id);
  std::map<std::string, std::string> original_id;  // lower-cased new id -> lower-cased original
  for (const auto& [original, renumbered] : new_id) original_id[Lower(renumbered)] = original;
  std::shared_ptr<const Policy> policy = ImportAndCompile(renamed.dump(2));
  ASSERT_NE(policy, nullptr);
  ExportOptions options;
  options.builtin = true;  // extends as inheritsPermissionsFrom, patterns as written: Graph's own form
  size_t roles = 0, actions = 0, conditional = 0, inherited = 0;
  for (const auto& original : graph_["value"]) {
    const std::string name = original["displayName"].get<std::string>();
    SCOPED_TRACE(name);
    const RoleId ids[] = {policy->FindRole("Imported " + name)};
    ASSERT_NE(ids[0], kNoRole);
    ExportResult exported = ExportGraph(*policy, ids, options);
    ASSERT_TRUE(exported.ok()) << (exported.diagnostics.empty() ? std::string("no diagnostic")
                                                                : FormatDiagnostic(exported.diagnostics.front()));
    // An imported role is no standard-library role: nothing is exported unconditional with a note.
    EXPECT_TRUE(exported.diagnostics.empty()) << FormatDiagnostic(exported.diagnostics.front());
    const nlohmann::json ours = nlohmann::json::parse(exported.text);
    EXPECT_EQ(ours.at("displayName"), "Imported " + name);
    EXPECT_EQ(original_id.at(Lower(ours.at("templateId").get<std::string>())),
              Lower(original["templateId"].get<std::string>()));
    const auto expected = PermissionsByCondition(original);
    EXPECT_EQ(PermissionsByCondition(ours), expected);
    std::set<std::string> parents;
    for (const std::string& id : ParentIds(ours)) {
      auto it = original_id.find(id);
      parents.insert(it == original_id.end() ? "unknown " + id : it->second);
    }
    EXPECT_EQ(parents, ParentIds(original));
    ++roles;
    for (const auto& [condition, set] : expected) {
      actions += set.size();
      if (!condition.empty()) conditional += set.size();
    }
    inherited += parents.size();
  }
  EXPECT_EQ(roles, kBuiltInRoles);
  EXPECT_GT(actions, 2000u);  // own actions (2,037 in the dump); inherited ones are the parents'
  EXPECT_GT(conditional, 20u);  // $ResourceIsSelf and $SubjectIsOwner survived both ways
  EXPECT_GT(inherited, 0u);     // and so did inheritsPermissionsFrom
  RecordProperty("actions_compared", static_cast<int>(actions));
}

TEST_F(GraphRoundTrip, ParentsNotInTheFileResolveToTheStandardLibrary) {
  const nlohmann::json renamed = Renamed(/*map_parents=*/false);
  const std::string json = renamed.dump();
  ImportResult imported = ImportGraphJson(json, "roles.graph.json");
  ASSERT_TRUE(imported.ok());
  EXPECT_NE(imported.role_source.find(
                "role \"Imported Password Administrator\" extends \"Directory Readers\" {"),
            std::string::npos);
  EXPECT_NE(imported.role_source.find("role \"Imported Guest Inviter\" extends \"Guest User\" {"),
            std::string::npos);
  std::shared_ptr<const Policy> policy = ImportAndCompile(json);
  ASSERT_NE(policy, nullptr);
  for (const auto& role : graph_["value"]) {
    const std::string name = role["displayName"].get<std::string>();
    EXPECT_EQ(policy->RoleActions(policy->FindRole("Imported " + name)),
              policy->RoleActions(policy->FindRole(name)))
        << name;
  }
}

}  // namespace
}  // namespace rolec
