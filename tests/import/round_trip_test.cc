// tests/import/round_trip_test.cc — every Entra built-in role of Microsoft Graph's dump
// (../shared/reference/graph/jlaundry-aadinfo/info/roles.graph.json, 143 roles) imports, compiles,
// and the compiled role's rules are Graph's: each allowedResourceAction (ASCII case-insensitive)
// with its rolePermission's condition, inherited ones included; and its catalog actions are those
// of the standard library's role of the same name.
//
// The built-ins' names and template ids are those of the standard library, with which every
// compile is made, so the test renames each role ("Imported <name>") and gives it a template id of
// its own (the first eight hex digits replaced), mapping inheritsPermissionsFrom the same way; the
// second test keeps the parents' ids, which then resolve to the standard library's roles. No role
// is skipped. Like tests/stdlib, the test skips when the reference folder is not next to the
// repository.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolec/compiler.hpp"
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
  nlohmann::json Renamed(bool map_parents) const {
    nlohmann::json renamed = graph_;
    std::map<std::string, std::string> new_id;
    size_t index = 0;
    for (auto& role : renamed["value"]) {
      const std::string id = role["templateId"].get<std::string>();
      new_id[Lower(id)] = fmt::format("{:08x}", 0xa0000000u + index++) + id.substr(8);
    }
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
