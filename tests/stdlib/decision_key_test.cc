// runtime/decision_key.h's promise, on the standard library and custom roles with conditions and
// excepts: two catalog actions with equal decision keys for a role are decided alike by
// Policy::Check on every request with assignments of that role (checked on random requests for
// every role and every group of actions sharing a key). The analysis layer reuses one action's
// decisions for the others of its group on that promise.
#include "runtime/decision_key.h"

#include <memory>
#include <map>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gtest/gtest.h"
#include "rolec/rolec.hpp"
#include "runtime/policy_impl.h"
#include "support/random.h"

namespace rolec::testing {
namespace {

constexpr std::string_view kCustomRoles = R"(import entra
role "Key Conditional" {
  allow microsoft.directory/users/password/update when target.roles within entra.non_administrator_roles
  allow microsoft.directory/users/basic/update, microsoft.directory/users/manager/update when context.mfa
  allow microsoft.directory/groups/allProperties/allTasks when not target.role_assignable_group_member
  except microsoft.directory/groups/delete when not context.mfa
}
role "Key Tenant Only" {
  admin_unit_scopable false
  allow microsoft.directory/devices/allProperties/allTasks, microsoft.directory/bitlockerKeys/key/read
  allow microsoft.directory/applications/allProperties/allTasks when principal owns target
}
role "Key Unit" {
  allow microsoft.directory/users/allProperties/allTasks when (scope.admin_unit == "au2" or scope is tenant)
  except microsoft.directory/users/delete
}
)";

struct Sample {
  std::vector<RoleId> roles;
  std::vector<std::string_view> units, restricted, owners;
  Target target;
  Context context;
  std::string_view scope;
};

constexpr std::string_view kUnits[] = {"au1", "au2"};

Sample RandomSample(test_support::Random& r, const Policy& policy, bool scopable) {
  Sample s;
  static const TargetKind kKinds[] = {TargetKind::kUser, TargetKind::kUser, TargetKind::kGroup,
                                      TargetKind::kDevice, TargetKind::kApplication,
                                      TargetKind::kServicePrincipal, TargetKind::kOther};
  s.target.kind = r.Pick(kKinds);
  s.target.id = r.Chance(20) ? "alice" : "bob";
  for (int i = r.Chance(40) ? 0 : r.Uniform(1, 2); i > 0; --i) {
    s.roles.push_back(static_cast<RoleId>(r.Uniform(0, static_cast<int>(policy.role_count()) - 1)));
  }
  s.target.role_assignable_group_member = r.Chance(25);
  s.target.role_scoped_to_restricted_admin_unit = r.Chance(20);
  s.target.role_assignable = r.Chance(20);
  for (std::string_view unit : kUnits) {
    if (r.Chance(50)) s.units.push_back(unit);
  }
  for (std::string_view unit : s.units) {
    if (r.Chance(30)) s.restricted.push_back(unit);
  }
  s.target.in_restricted_admin_unit = !s.restricted.empty() || r.Chance(10);
  if (r.Chance(25)) s.owners.push_back("alice");
  s.target.roles = s.roles;
  s.target.admin_units = s.units;
  s.target.restricted_admin_units = s.restricted;
  s.target.owners = s.owners;
  s.context.mfa = r.Chance(50);
  if (scopable && r.Chance(50)) s.scope = r.Pick(kUnits);
  return s;
}

// The stdlib with kCustomRoles, compiled once (a failure is a test failure).
const Policy* KeyPolicy() {
  static const std::shared_ptr<const Policy> policy = []() -> std::shared_ptr<const Policy> {
    CompileResult compiled = Compile({SourceFile{"key.role", std::string(kCustomRoles)}});
    if (!compiled.ok()) return nullptr;
    absl::StatusOr<std::shared_ptr<const Policy>> loaded = Policy::Load(std::move(compiled.image));
    return loaded.ok() ? *loaded : nullptr;
  }();
  return policy.get();
}

TEST(DecisionKey, ActionsWithEqualKeysAreDecidedAlike) {
  ASSERT_NE(KeyPolicy(), nullptr);
  const Policy& policy = *KeyPolicy();
  const runtime::ImageView& image = policy.impl().image();
  test_support::Random random(20261207);
  size_t shared_pairs = 0, checks = 0, allows = 0;
  for (RoleId role = 0; role < policy.role_count(); ++role) {
    absl::flat_hash_map<runtime::ActionDecisionKey, std::vector<ActionId>> groups;
    for (ActionId action = 0; action < policy.action_count(); ++action) {
      groups[runtime::DecisionKeyOf(image, role, action)].push_back(action);
    }
    const bool scopable = policy.role(role).admin_unit_scopable;
    for (int k = 0; k < 12; ++k) {
      const Sample s = RandomSample(random, policy, scopable);
      const Assignment assignment{role, s.scope};
      Request request;
      request.principal_id = "alice";
      request.assignments = absl::Span<const Assignment>(&assignment, 1);
      request.target = s.target;
      request.context = s.context;
      for (const auto& [key, actions] : groups) {
        if (actions.size() < 2) continue;
        request.action_id = actions[0];
        const Decision first = policy.Check(request);
        allows += first == Decision::kAllow ? 1 : 0;
        for (size_t i = 1; i < actions.size(); ++i) {
          request.action_id = actions[i];
          ++checks;
          ASSERT_EQ(policy.Check(request), first)
              << policy.role(role).name << ": " << policy.action(actions[0]).name << " and "
              << policy.action(actions[i]).name << " share a key";
        }
        if (k == 0) shared_pairs += actions.size() - 1;
      }
    }
  }
  // Not vacuous: most (role, action) pairs share their key, and the shared groups do allow.
  EXPECT_GT(shared_pairs, policy.role_count() * policy.action_count() / 2);
  EXPECT_GT(allows, 1000u);
  EXPECT_GT(checks, 100000u);
}

// The key tells apart what the evaluator tells apart: one rule more, a different verb class.
TEST(DecisionKey, SeparatesWhatTheEvaluatorReads) {
  ASSERT_NE(KeyPolicy(), nullptr);
  const Policy& policy = *KeyPolicy();
  const runtime::ImageView& image = policy.impl().image();
  const RoleId role = policy.FindRole("Key Conditional");
  auto key = [&](std::string_view action) {
    return runtime::DecisionKeyOf(image, role, policy.FindAction(action));
  };
  EXPECT_EQ(key("microsoft.directory/users/basic/update"), key("microsoft.directory/users/manager/update"));
  EXPECT_NE(key("microsoft.directory/groups/delete"), key("microsoft.directory/groups/basic/update"));  // the except
  EXPECT_NE(key("microsoft.directory/groups/basic/update"), key("microsoft.directory/groups/standard/read"));  // read
  EXPECT_FALSE(key("microsoft.directory/devices/delete").covered);
  EXPECT_EQ(key("microsoft.directory/devices/delete"), key("microsoft.directory/applications/create"));
}

}  // namespace
}  // namespace rolec::testing
