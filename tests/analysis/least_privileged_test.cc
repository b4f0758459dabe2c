// least-privileged on the standard library: the task table against the catalog, resolving the
// words of a question (tasks, actions, keyword queries, errors), and the ranking of the named tasks
// against Subsumes and Check.
#include <algorithm>
#include <memory>
#include <set>
#include <utility>
#include <string>
#include <vector>

#include "analysis/analysis_util.h"
#include "gtest/gtest.h"
#include "rolec/analysis.hpp"
#include "rolec/compiler.hpp"
#include "rolec/request.hpp"

namespace rolec::analysis_test {
namespace {

const analysis::RoleIndex& StdlibIndex() {
  static const analysis::RoleIndex* index = [] {
    absl::StatusOr<analysis::RoleIndex> built = analysis::RoleIndex::Build(Stdlib());
    if (!built.ok()) {
      ADD_FAILURE() << built.status();
      std::abort();
    }
    return new analysis::RoleIndex(std::move(*built));
  }();
  return *index;
}

bool IsKeywordQuery(std::string_view action) {
  for (std::string_view keyword : {"/allEntities/", "/allProperties/", "/allTasks"}) {
    if (action.find(keyword) != std::string_view::npos) return true;
  }
  return false;
}

// A built-in role's allow rule names `pattern` exactly.
bool SomeBuiltInRuleNames(const Policy& policy, std::string_view pattern) {
  for (uint32_t rule = 0; rule < policy.rule_count(); ++rule) {
    const RuleInfo info = policy.rule(rule);
    if (info.is_except || policy.role(info.role).module != "entra") continue;
    for (std::string_view p : info.patterns) {
      if (p == pattern) return true;
    }
  }
  return false;
}

TEST(Tasks, EveryActionIsInTheCatalogOrAKeywordPermissionABuiltInGrants) {
  const Policy& policy = Stdlib();
  ASSERT_GE(analysis::Tasks().size(), 12u);
  std::set<std::string> names;
  for (const analysis::Task& task : analysis::Tasks()) {
    EXPECT_TRUE(names.insert(task.name).second) << "duplicate task " << task.name;
    EXPECT_FALSE(task.description.empty()) << task.name;
    ASSERT_FALSE(task.needs.empty()) << task.name;
    for (const analysis::Need& need : task.needs) {
      if (IsKeywordQuery(need.action)) {
        EXPECT_TRUE(SomeBuiltInRuleNames(policy, need.action)) << task.name << ": " << need.action;
        EXPECT_TRUE(need.target.has_value()) << task.name << ": a keyword query needs a target";
      } else {
        const ActionId id = policy.FindAction(need.action);
        ASSERT_NE(id, kNoAction) << task.name << ": " << need.action;
        EXPECT_EQ(policy.action(id).name, need.action) << "spelled as the catalog does";
      }
      if (need.target) {
        EXPECT_FALSE(need.target_text.empty()) << task.name;
        for (const std::string& role : need.target->target.roles) {
          EXPECT_NE(policy.FindRole(role), kNoRole) << task.name << ": " << role;
        }
      }
    }
  }
  for (const char* named : {"reset the password of a non-administrator", "create a user",
                            "add a member to a security group", "read sign-in logs",
                            "create a support ticket"}) {
    EXPECT_NE(analysis::FindTask(named), nullptr) << named;
  }
}

TEST(Tasks, NamesMatchCaseInsensitivelyAndExactly) {
  EXPECT_NE(analysis::FindTask("Reset The Password Of A Non-Administrator"), nullptr);
  EXPECT_EQ(analysis::FindTask("reset the password of a non-admin"), nullptr);
  EXPECT_EQ(analysis::FindTask("create a user "), nullptr);
}

TEST(ResolveNeeds, TasksActionsKeywordQueriesAndErrors) {
  const Policy& policy = Stdlib();
  auto task = analysis::ResolveNeeds(policy, "CREATE A USER", std::nullopt);
  ASSERT_TRUE(task.ok()) << task.status();
  ASSERT_EQ(task->size(), 1u);
  EXPECT_EQ((*task)[0].action, "microsoft.directory/users/create");
  EXPECT_FALSE((*task)[0].target.has_value());

  auto action = analysis::ResolveNeeds(policy, "Microsoft.Directory/Users/Delete", std::nullopt);
  ASSERT_TRUE(action.ok()) << action.status();
  EXPECT_EQ((*action)[0].action, "microsoft.directory/users/delete");

  // A keyword query without a target is decided on the default request.
  auto query = analysis::ResolveNeeds(policy, "microsoft.directory/signInReports/allProperties/read", std::nullopt);
  ASSERT_TRUE(query.ok()) << query.status();
  ASSERT_TRUE((*query)[0].target.has_value());
  EXPECT_EQ((*query)[0].target->target.kind, TargetKind::kUser);

  // A given target applies to a task without one and conflicts with a task that has one.
  OwnedRequest target;
  target.principal_id = "principal";
  target.target.kind = TargetKind::kUser;
  target.target.admin_units = {"au-1"};
  auto with_target = analysis::ResolveNeeds(policy, "create a user", target);
  ASSERT_TRUE(with_target.ok()) << with_target.status();
  EXPECT_EQ((*with_target)[0].target->target.admin_units, target.target.admin_units);
  auto conflict = analysis::ResolveNeeds(policy, "reset the password of a non-administrator", target);
  EXPECT_EQ(conflict.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(conflict.status().message().find("fixes its own target"), std::string::npos);

  auto typo = analysis::ResolveNeeds(policy, "microsoft.directory/users/pasword/update", std::nullopt);
  EXPECT_EQ(typo.status().code(), absl::StatusCode::kNotFound);
  auto unknown_query = analysis::ResolveNeeds(policy, "microsoft.directory/signInReport/allProperties/read", std::nullopt);
  EXPECT_EQ(unknown_query.status().code(), absl::StatusCode::kNotFound) << unknown_query.status();
  auto malformed = analysis::ResolveNeeds(policy, "microsoft.directory/allTasks/delete", std::nullopt);
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument) << malformed.status();
}

TEST(LeastPrivileged, NamedTasksAreRankedConsistentlyWithSubsumesAndCheck) {
  const Policy& policy = Stdlib();
  for (const char* name : {"reset the password of a non-administrator", "create a user",
                           "add a member to a security group", "read sign-in logs",
                           "create a support ticket"}) {
    const analysis::Task* task = analysis::FindTask(name);
    ASSERT_NE(task, nullptr);
    auto result = analysis::LeastPrivileged(StdlibIndex(), task->needs);
    ASSERT_TRUE(result.ok()) << result.status();
    ASSERT_FALSE(result->roles.empty()) << name;
    const std::vector<analysis::RankedRole>& rows = result->roles;
    for (size_t i = 0; i < rows.size(); ++i) {
      for (const analysis::NeedGrant& grant : rows[i].grants) {
        auto bound = BoundRequest::Bind(policy, grant.witness);
        ASSERT_TRUE(bound.ok()) << bound.status();
        EXPECT_EQ(policy.Check(bound->request()), Decision::kAllow) << name << ": " << policy.role(rows[i].role).name;
      }
      // Adjacent rows: "subsumption" exactly when Subsumes says so.
      if (i + 1 < rows.size()) {
        const analysis::RoleRef x{&policy, rows[i].role}, y{&policy, rows[i + 1].role};
        auto up = analysis::Subsumes(y, x);
        auto down = analysis::Subsumes(x, y);
        ASSERT_TRUE(up.ok() && down.ok());
        const std::vector<std::string>& outside = StdlibIndex().OutsideCatalog(rows[i].role);
        const std::vector<std::string>& next_outside = StdlibIndex().OutsideCatalog(rows[i + 1].role);
        const bool includes = std::includes(next_outside.begin(), next_outside.end(), outside.begin(), outside.end());
        EXPECT_EQ(rows[i].before_next == analysis::RankCriterion::kSubsumption,
                  up->subsumes && !down->subsumes && includes)
            << name << ": " << policy.role(rows[i].role).name;
      }
    }
    // Global Administrator allows everything any other role does at tenant scope: never first.
    const RoleId global = policy.FindRole("Global Administrator");
    if (rows.size() > 1) EXPECT_NE(rows.front().role, global) << name;
  }
}

TEST(LeastPrivileged, ResetPasswordOfANonAdministratorStartsWithTheNarrowRoles) {
  const Policy& policy = Stdlib();
  auto result = analysis::LeastPrivileged(policy, std::vector<std::string>{"reset the password of a non-administrator"},
                                          std::nullopt);
  ASSERT_TRUE(result.ok()) << result.status();
  std::vector<std::string> names;
  for (const analysis::RankedRole& row : result->roles) names.emplace_back(policy.role(row.role).name);
  auto rank = [&](const char* role) {
    return std::find(names.begin(), names.end(), role) - names.begin();
  };
  ASSERT_LT(rank("Password Administrator"), static_cast<long>(names.size()));
  ASSERT_LT(rank("Global Administrator"), static_cast<long>(names.size()));
  EXPECT_LT(rank("Password Administrator"), rank("Helpdesk Administrator"));
  EXPECT_LT(rank("Helpdesk Administrator"), rank("User Administrator"));
  EXPECT_LT(rank("Privileged Authentication Administrator"), rank("Global Administrator"));
}

// Two roles alike in every size key — one permission, the same number of cases, by symmetry of
// their conditions — that differ in reach: one adds credentials to service principals holding
// Global Administrator (tier 0), the other to those holding Directory Readers (tier 1: a standing
// edge, no path to Global Administrator). (A password reset would not do: a custom role resets no
// administrator's password, whatever its condition says.) The tier decides.
constexpr char kCredentials[] = "microsoft.directory/servicePrincipals/credentials/update";

// The two roles, named `over_ga` and `over_dr`, compiled with the standard library.
std::shared_ptr<const Policy> AlikeInSize(const std::string& over_ga, const std::string& over_dr,
                                          std::string* error) {
  std::string source = "module contoso\nimport entra\n";
  for (const auto& [name, holder] : {std::pair{over_ga, "Global Administrator"},
                                     std::pair{over_dr, "Directory Readers"}}) {
    source += "role \"" + name + "\" {\n  allow " + kCredentials + " when target.roles has entra.\"" +
              holder + "\"\n}\n";
  }
  return CompileWithStdlib(source, error);
}

TEST(LeastPrivileged, TierDecidesBetweenRolesAlikeInSize) {
  std::string error;
  auto policy = AlikeInSize("Resets Global Administrators", "Resets Directory Readers", &error);
  ASSERT_NE(policy, nullptr) << error;
  absl::StatusOr<analysis::RoleIndex> index = analysis::RoleIndex::Build(*policy);
  ASSERT_TRUE(index.ok()) << index.status();
  const RoleId ga = policy->FindRole("Resets Global Administrators");
  const RoleId dr = policy->FindRole("Resets Directory Readers");
  ASSERT_NE(ga, kNoRole);
  ASSERT_NE(dr, kNoRole);
  EXPECT_EQ(index->tier(ga), 0);
  EXPECT_EQ(index->tier(dr), 1);
  EXPECT_EQ(index->tier(policy->FindRole("Global Administrator")), 0);
  EXPECT_EQ(index->profile(ga).permissions, index->profile(dr).permissions);
  EXPECT_EQ(index->profile(ga).privileged_permissions, index->profile(dr).privileged_permissions);
  EXPECT_EQ(index->profile(ga).cases, index->profile(dr).cases);
  EXPECT_EQ(index->profile(ga).outside_catalog, index->profile(dr).outside_catalog);

  analysis::Need need;
  need.action = kCredentials;
  absl::StatusOr<analysis::LeastPrivilegedResult> result = analysis::LeastPrivileged(*index, {need});
  ASSERT_TRUE(result.ok()) << result.status();
  size_t at_dr = result->roles.size(), at_ga = result->roles.size();
  for (size_t i = 0; i < result->roles.size(); ++i) {
    if (result->roles[i].role == dr) at_dr = i;
    if (result->roles[i].role == ga) at_ga = i;
  }
  ASSERT_LT(at_dr, result->roles.size());
  ASSERT_LT(at_ga, result->roles.size());
  // By name "Resets Directory Readers" < "Resets Global Administrators" too, so the order alone
  // would not show the key: the criterion reported between the neighbours does.
  ASSERT_EQ(at_ga, at_dr + 1);
  EXPECT_EQ(result->roles[at_dr].tier, 1);
  EXPECT_EQ(result->roles[at_ga].tier, 0);
  EXPECT_EQ(result->roles[at_dr].before_next, analysis::RankCriterion::kTier);
}

// The same two roles named the other way round: now the name alone would put the tier-0 role
// first, and the tier puts it second.
TEST(LeastPrivileged, TierRanksBeforeTheName) {
  std::string error;
  auto policy = AlikeInSize("A Resets Global Administrators", "B Resets Directory Readers", &error);
  ASSERT_NE(policy, nullptr) << error;
  std::vector<std::string> words = {kCredentials};
  absl::StatusOr<analysis::LeastPrivilegedResult> result =
      analysis::LeastPrivileged(*policy, words, std::nullopt);
  ASSERT_TRUE(result.ok()) << result.status();
  std::vector<std::string> names;
  for (const analysis::RankedRole& row : result->roles) names.emplace_back(policy->role(row.role).name);
  const auto b = std::find(names.begin(), names.end(), "B Resets Directory Readers");
  const auto a = std::find(names.begin(), names.end(), "A Resets Global Administrators");
  ASSERT_NE(a, names.end());
  ASSERT_NE(b, names.end());
  EXPECT_EQ(a, b + 1);
}

// Without the standard library there is no Global Administrator: no role is tier 0, and the
// index (and so least-privileged) still answers.
TEST(LeastPrivileged, APolicyWithoutAGlobalAdministratorHasNoTierZero) {
  CompileOptions options;
  options.with_stdlib = false;
  CompileResult compiled = Compile({SourceFile{"test.role", R"(
module contoso
action contoso.app/widgets/delete {
  description "Delete widgets"  privileged true  custom_allowed true  protected false
}
action contoso.app/widgets/read {
  description "Read widgets"  privileged false  custom_allowed true  protected false
}
role "Widget Deleter" { allow contoso.app/widgets/delete }
role "Widget Reader" { allow contoso.app/widgets/read }
)"}}, options);
  ASSERT_TRUE(compiled.ok());
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(std::move(compiled.image));
  ASSERT_TRUE(policy.ok()) << policy.status();
  absl::StatusOr<analysis::RoleIndex> index = analysis::RoleIndex::Build(**policy);
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_EQ(index->tier((*policy)->FindRole("Widget Deleter")), 1);  // a privileged action
  EXPECT_EQ(index->tier((*policy)->FindRole("Widget Reader")), 2);
}

TEST(LeastPrivileged, ErrorsAndNoRole) {
  const Policy& policy = Stdlib();
  EXPECT_FALSE(analysis::LeastPrivileged(StdlibIndex(), {}).ok());
  analysis::Need outside;
  outside.action = "microsoft.directory/signInReports/allProperties/read";  // no target
  EXPECT_EQ(analysis::LeastPrivileged(StdlibIndex(), {outside}).status().code(), absl::StatusCode::kNotFound);
  analysis::Need unknown_role;
  unknown_role.action = "microsoft.directory/users/password/update";
  unknown_role.target.emplace();
  unknown_role.target->target.roles = {"No Such Role"};
  EXPECT_FALSE(analysis::LeastPrivileged(StdlibIndex(), {unknown_role}).ok());
  // A member of a restricted unit, modified tenant-wide, by nobody.
  analysis::Need restricted;
  restricted.action = "microsoft.directory/users/password/update";
  restricted.target.emplace();
  restricted.target->principal_id = "principal";
  restricted.target->target.kind = TargetKind::kUser;
  restricted.target->target.in_restricted_admin_unit = true;
  auto none = analysis::LeastPrivileged(StdlibIndex(), {restricted});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->roles.empty());
  (void)policy;
}

}  // namespace
}  // namespace rolec::analysis_test
