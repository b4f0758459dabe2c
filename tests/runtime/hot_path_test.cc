// The hot path's promises: Check allocates nothing (counted by replacing the global operator new
// in this test binary), and a check costs one grant-index probe per assignment however many roles
// the policy has (checked functionally on a policy of 100,000 roles; latency is benchmarked in
// bench/, not timed here).
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"
#include "runtime/image_builder.h"
#include "runtime/runtime_util.h"

namespace {

std::atomic<long> g_allocations{0};
thread_local bool t_counting = false;

void* Allocate(std::size_t size) {
  if (t_counting) g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

}  // namespace

// Every non-aligned form, so that no allocation escapes the count and every block is freed by the
// allocator that made it (which AddressSanitizer checks). The aligned forms stay the library's.
void* operator new(std::size_t size) { return Allocate(size); }
void* operator new[](std::size_t size) { return Allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return Allocate(size);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace rolec::testing {
namespace {

// Allocations made by `fn` on this thread.
template <class Fn>
long CountAllocations(Fn&& fn) {
  const long before = g_allocations.load();
  t_counting = true;
  fn();
  t_counting = false;
  return g_allocations.load() - before;
}

TEST(HotPath, CountingWorks) {
  EXPECT_GT(CountAllocations([] { std::vector<int> v(100); (void)v; }), 0);
}

// The sample catalog's actions, then the slow path, a pattern as action, malformed and empty actions.
std::vector<std::string> CheckedActions(const FixturePolicy& fixture) {
  std::vector<std::string> actions;
  for (const FixtureAction& action : fixture.actions) actions.push_back(action.name);
  actions.insert(actions.end(), {"microsoft.directory/applications/credentials/update",
                                 "MICROSOFT.OFFICE365.SERVICEHEALTH/incidents/update",
                                 "microsoft.directory/users/allTasks", "microsoft.directory", ""});
  return actions;
}

TEST(HotPath, CheckNeverAllocates) {
  std::shared_ptr<const Policy> policy = SamplePolicy();
  const FixturePolicy& fixture = SampleFixture();
  const std::vector<std::string> actions = CheckedActions(fixture);
  std::vector<BoundRequest> requests;
  for (const FixtureRole& role : fixture.roles) {
    for (const std::string& action : actions) {
      for (int variant = 0; variant < 3; ++variant) {
        OwnedRequest owned = MakeRequest({{role.name, variant == 2 ? "/administrativeUnits/au-r" : "/"},
                                          {"Directory Readers", "/"}},
                                         action);
        owned.target.kind = variant == 1 ? TargetKind::kGroup : TargetKind::kUser;
        owned.target.roles = {"Directory Readers"};
        owned.target.role_assignable = variant == 1;
        owned.target.admin_units = {"au-1", "au-r"};
        owned.target.in_restricted_admin_unit = variant == 2;
        owned.target.owners = {"someone"};
        owned.context.mfa = variant == 0;
        absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(*policy, owned);
        ASSERT_TRUE(bound.ok());
        requests.push_back(std::move(*bound));
      }
    }
  }
  int allows = 0;
  const long allocations = CountAllocations([&] {
    for (const BoundRequest& bound : requests) {
      allows += policy->Check(bound.request()) == Decision::kAllow;
      Request by_id = bound.request();
      by_id.action_id = policy->FindAction(by_id.action);
      if (by_id.action_id != kNoAction) allows += policy->Check(by_id) == Decision::kAllow;
    }
    // Out-of-range ids are refused without allocating too.
    const Assignment bad[] = {{9999, ""}};
    Request request;
    request.assignments = bad;
    request.action = "microsoft.directory/users/delete";
    allows += policy->Check(request) == Decision::kAllow;
  });
  EXPECT_EQ(allocations, 0);
  EXPECT_GT(allows, 100);
  // Explain does allocate; the counter sees it.
  EXPECT_GT(CountAllocations([&] { (void)policy->Explain(requests[0].request()); }), 0);
}

// The prepared-principal checks (Policy::Check(PreparedPrincipal, ...)) allocate nothing either,
// on the fast path (an unconditional tenant grant) and on the full walk (scoped assignments,
// conditions, restricted units, actions outside the catalog, malformed actions, foreign
// principals).
TEST(HotPath, PreparedCheckNeverAllocates) {
  std::shared_ptr<const Policy> policy = SamplePolicy();
  std::shared_ptr<const Policy> other = Load(SampleImage());  // the same bytes, another Policy
  const FixturePolicy& fixture = SampleFixture();
  const std::vector<std::string> actions = CheckedActions(fixture);
  const RoleId readers = policy->FindRole("Directory Readers");
  ASSERT_NE(readers, kNoRole);
  std::vector<PreparedPrincipal> principals;
  for (const FixtureRole& role : fixture.roles) {
    const RoleId id = policy->FindRole(role.name);
    ASSERT_NE(id, kNoRole);
    const Assignment tenant[] = {{id, ""}, {readers, ""}};
    absl::StatusOr<PreparedPrincipal> prepared = policy->Prepare("alice", tenant);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    principals.push_back(*prepared);
    const Assignment scoped[] = {{id, "au-r"}, {readers, ""}};
    prepared = policy->Prepare("alice", scoped);
    if (prepared.ok()) principals.push_back(*prepared);
  }
  absl::StatusOr<PreparedPrincipal> foreign = other->Prepare("alice", {});
  ASSERT_TRUE(foreign.ok());
  principals.push_back(*foreign);
  principals.push_back(PreparedPrincipal());
  const std::string_view units[] = {"au-1", "au-r"};
  const RoleId target_roles[] = {readers};
  int allows = 0;
  const long allocations = CountAllocations([&] {
    for (const PreparedPrincipal& principal : principals) {
      for (int variant = 0; variant < 3; ++variant) {
        Target target;
        target.kind = variant == 1 ? TargetKind::kGroup : TargetKind::kUser;
        target.roles = target_roles;
        target.role_assignable = variant == 1;
        target.admin_units = units;
        target.in_restricted_admin_unit = variant == 2;
        const Context context{variant == 0};
        for (const std::string& action : actions) {
          allows += policy->Check(principal, action, target, context) == Decision::kAllow;
          const ActionId id = policy->FindAction(action);
          if (id != kNoAction) {
            allows += policy->Check(principal, id, target, context) == Decision::kAllow;
          }
        }
        allows += policy->Check(principal, ActionId{99999}, target, context) == Decision::kAllow;
      }
    }
  });
  EXPECT_EQ(allocations, 0);
  EXPECT_GT(allows, 50);
  EXPECT_GT(CountAllocations([&] { (void)policy->Prepare("alice", {}); }), 0);
}

// 100,000 roles, each granting one of 8 actions, one conditionally: the image builds, verifies
// and answers; the grant index holds 100,000 keys within the probe bound.
TEST(HotPath, OneHundredThousandRoles) {
  constexpr uint32_t kRoles = 100000;
  runtime::ImageBuilder builder;
  for (uint32_t r = 0; r < kRoles; ++r) {
    runtime::RoleRecord role;
    role.name = "Role " + std::to_string(r);
    role.template_id = "00000000-0000-0000-0000-" + std::to_string(100000000000ull + r);
    builder.AddRole(role);
  }
  builder.AddRoleSet("even", {0, 2, 4});
  std::vector<std::string> actions;
  for (int a = 0; a < 8; ++a) {
    runtime::ActionRecord action;
    action.name = "microsoft.directory/entity" + std::to_string(a) + "/update";
    actions.push_back(action.name);
    builder.AddAction(action);
  }
  std::vector<uint8_t> mfa;
  runtime::EmitOp(mfa, static_cast<uint8_t>(runtime::Opcode::kContextMfa));
  runtime::EmitOp(mfa, static_cast<uint8_t>(runtime::Opcode::kReturn));
  const uint32_t chunk = builder.AddChunk(mfa);
  for (uint32_t r = 0; r < kRoles; ++r) {
    runtime::RuleRecord rule;
    rule.role = r;
    rule.patterns = {actions[r % 8]};
    if (r % 8 == 7) rule.chunk = chunk;
    const uint32_t index = builder.AddRule(rule);
    runtime::GrantRecord grant;
    grant.role = r;
    grant.action = r % 8;
    grant.allow_rules = {index};
    builder.AddGrant(grant);
  }
  std::shared_ptr<const Policy> policy = Load(builder.Finish());
  ASSERT_NE(policy, nullptr);
  ASSERT_EQ(policy->role_count(), kRoles);
  for (uint32_t r : {0u, 1u, 7u, 12345u, 99999u}) {
    const Assignment assignments[] = {{r, ""}};
    Request request;
    request.assignments = assignments;
    request.action = actions[r % 8];
    request.context.mfa = false;
    EXPECT_EQ(policy->Check(request), r % 8 == 7 ? Decision::kDeny : Decision::kAllow) << r;
    request.context.mfa = true;
    EXPECT_EQ(policy->Check(request), Decision::kAllow) << r;
    request.action = actions[(r + 1) % 8];
    EXPECT_EQ(policy->Check(request), Decision::kDeny) << r;
    EXPECT_EQ(policy->FindRole("role " + std::to_string(r)), r);
    EXPECT_EQ(policy->FindRole("00000000-0000-0000-0000-" + std::to_string(100000000000ull + r)), r);
    EXPECT_EQ(policy->RoleActions(r), std::vector<ActionId>{r % 8});
    // A prepared principal's mask of 1,563 words (past the inline three) decides the same.
    absl::StatusOr<PreparedPrincipal> prepared = policy->Prepare("p", assignments);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    for (uint32_t a = 0; a < 8; ++a) {
      for (bool mfa : {false, true}) {
        request.action = actions[a];
        request.context.mfa = mfa;
        EXPECT_EQ(policy->Check(*prepared, actions[a], request.target, request.context),
                  policy->Check(request))
            << r << " " << a;
        EXPECT_EQ(policy->Check(*prepared, ActionId{a}, request.target, request.context),
                  policy->Check(request))
            << r << " " << a;
      }
    }
  }
}

}  // namespace
}  // namespace rolec::testing
