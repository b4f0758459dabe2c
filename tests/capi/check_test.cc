// The C API's principals and checks: decisions by action string, by id and in batches, every
// target field, and every error path (NULL handles, bad lengths, unknown names, out-of-range ids).
#include <cstring>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/capi/capi_fixture.h"

namespace rolec::capi_testing {
namespace {

constexpr const char* kReset = "microsoft.directory/users/password/update";
constexpr const char* kRead = "microsoft.directory/users/standard/read";
constexpr const char* kMembers = "microsoft.directory/groups/members/update";

class CapiCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    policy_ = CompileOrDie(kSmallPolicy);
    ASSERT_NE(policy_, nullptr);
    helpdesk_ = Prepare(policy_.get(), "Helpdesk");
    ASSERT_NE(helpdesk_, nullptr);
  }

  // The decision by string, by id and through a batch of one, which must agree.
  rolec_decision Decide(const rolec_principal* principal, const char* action,
                        const rolec_target* target, const rolec_context* context = nullptr) {
    rolec_decision by_string = ROLEC_ALLOW, by_id = ROLEC_ALLOW, batched = ROLEC_ALLOW;
    EXPECT_EQ(rolec_check(policy_.get(), principal, action, ROLEC_NUL_TERMINATED, target, context,
                          &by_string),
              ROLEC_OK)
        << rolec_last_error();
    EXPECT_EQ(rolec_check_id(policy_.get(), principal, Action(policy_.get(), action), target,
                             context, &by_id),
              ROLEC_OK)
        << rolec_last_error();
    rolec_request request = {principal, ROLEC_NO_ACTION, View(action), target, context};
    EXPECT_EQ(rolec_check_batch(policy_.get(), &request, 1, &batched), ROLEC_OK);
    EXPECT_EQ(by_string, by_id) << action;
    EXPECT_EQ(by_string, batched) << action;
    return by_string;
  }

  PolicyPtr policy_;
  PrincipalPtr helpdesk_;
};

TEST_F(CapiCheck, TargetRolesByIdAndByName) {
  rolec_target target = {};
  target.kind = ROLEC_TARGET_USER;
  EXPECT_EQ(Decide(helpdesk_.get(), kReset, &target), ROLEC_ALLOW);
  EXPECT_EQ(Decide(helpdesk_.get(), kReset, nullptr), ROLEC_ALLOW);  // NULL: nothing known

  const rolec_role_id reader[] = {Role(policy_.get(), "Reader")};
  const rolec_role_id helpdesk[] = {Role(policy_.get(), "Helpdesk")};
  target.roles = reader;
  target.role_count = 1;
  EXPECT_EQ(Decide(helpdesk_.get(), kReset, &target), ROLEC_ALLOW);
  target.roles = helpdesk;
  EXPECT_EQ(Decide(helpdesk_.get(), kReset, &target), ROLEC_DENY);

  target.roles = nullptr;
  target.role_count = 0;
  const rolec_string_view names[] = {View("reader"), View("Helpdesk")};
  target.role_names = names;
  target.role_name_count = 1;
  EXPECT_EQ(Decide(helpdesk_.get(), kReset, &target), ROLEC_ALLOW);
  target.role_name_count = 2;
  EXPECT_EQ(Decide(helpdesk_.get(), kReset, &target), ROLEC_DENY);
  // Ids and names together: the union.
  target.roles = reader;
  target.role_count = 1;
  target.role_name_count = 1;
  EXPECT_EQ(Decide(helpdesk_.get(), kReset, &target), ROLEC_ALLOW);
  target.roles = helpdesk;
  EXPECT_EQ(Decide(helpdesk_.get(), kReset, &target), ROLEC_DENY);

  EXPECT_EQ(Decide(helpdesk_.get(), kRead, nullptr), ROLEC_DENY);  // no grant
}

TEST_F(CapiCheck, ContextOwnersAndAdministrativeUnits) {
  PrincipalPtr mfa_reader = Prepare(policy_.get(), "MFA Reader");
  rolec_context mfa = {true};
  rolec_context no_mfa = {false};
  EXPECT_EQ(Decide(mfa_reader.get(), kRead, nullptr, &mfa), ROLEC_ALLOW);
  EXPECT_EQ(Decide(mfa_reader.get(), kRead, nullptr, &no_mfa), ROLEC_DENY);
  EXPECT_EQ(Decide(mfa_reader.get(), kRead, nullptr, nullptr), ROLEC_DENY);

  PrincipalPtr owner = Prepare(policy_.get(), "Group Owner");
  rolec_target group = {};
  group.kind = ROLEC_TARGET_GROUP;
  const rolec_string_view owners[] = {View("bob"), View("alice")};
  group.owners = owners;
  group.owner_count = 1;
  EXPECT_EQ(Decide(owner.get(), kMembers, &group), ROLEC_DENY);
  group.owner_count = 2;
  EXPECT_EQ(Decide(owner.get(), kMembers, &group), ROLEC_ALLOW);

  PrincipalPtr scoped = Prepare(policy_.get(), "Helpdesk", "au-paris");
  rolec_target user = {};
  user.kind = ROLEC_TARGET_USER;
  EXPECT_EQ(Decide(scoped.get(), kReset, &user), ROLEC_DENY);  // not in the unit
  const rolec_string_view units[] = {View("au-lyon"), View("au-paris")};
  user.admin_units = units;
  user.admin_unit_count = 1;
  EXPECT_EQ(Decide(scoped.get(), kReset, &user), ROLEC_DENY);
  user.admin_unit_count = 2;
  EXPECT_EQ(Decide(scoped.get(), kReset, &user), ROLEC_ALLOW);
  // Restricted: the tenant-scoped assignment may not modify it, the unit-scoped one may.
  user.restricted_admin_units = units + 1;
  user.restricted_admin_unit_count = 1;
  user.in_restricted_admin_unit = true;
  EXPECT_EQ(Decide(scoped.get(), kReset, &user), ROLEC_ALLOW);
  EXPECT_EQ(Decide(helpdesk_.get(), kReset, &user), ROLEC_DENY);
}

TEST_F(CapiCheck, ManyTargetStringsAndRoleNamesTakeTheHeapPathAndAgree) {
  std::vector<std::string> storage;
  for (int i = 0; i < 40; ++i) storage.push_back("au-" + std::to_string(i));
  std::vector<rolec_string_view> units;
  for (const std::string& unit : storage) units.push_back({unit.data(), unit.size()});
  PrincipalPtr scoped = Prepare(policy_.get(), "Helpdesk", "au-39");
  rolec_target user = {};
  user.kind = ROLEC_TARGET_USER;
  user.admin_units = units.data();
  user.admin_unit_count = units.size();
  EXPECT_EQ(Decide(scoped.get(), kReset, &user), ROLEC_ALLOW);
  user.admin_unit_count = 39;  // without au-39
  EXPECT_EQ(Decide(scoped.get(), kReset, &user), ROLEC_DENY);

  std::vector<rolec_string_view> names(20, View("Reader"));
  user.admin_unit_count = units.size();
  user.role_names = names.data();
  user.role_name_count = names.size();
  EXPECT_EQ(Decide(scoped.get(), kReset, &user), ROLEC_ALLOW);
  names.back() = View("Helpdesk");
  EXPECT_EQ(Decide(scoped.get(), kReset, &user), ROLEC_DENY);
}

TEST_F(CapiCheck, OutOfRangeIdsAndUnknownActionsAreDenials) {
  rolec_decision decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_check_id(policy_.get(), helpdesk_.get(), 3, nullptr, nullptr, &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
  decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_check_id(policy_.get(), helpdesk_.get(), 0xFFFFFFF0u, nullptr, nullptr,
                           &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
  decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_check_id(policy_.get(), helpdesk_.get(), ROLEC_NO_ACTION, nullptr, nullptr,
                           &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
  decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_check(policy_.get(), helpdesk_.get(), "not an action", ROLEC_NUL_TERMINATED,
                        nullptr, nullptr, &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
  decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_check(policy_.get(), helpdesk_.get(), "", 0, nullptr, nullptr, &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);

  const rolec_role_id wild[] = {12345u, ROLEC_NO_ROLE};
  rolec_target target = {};
  target.kind = ROLEC_TARGET_USER;
  target.roles = wild;
  target.role_count = 2;
  decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_check(policy_.get(), helpdesk_.get(), kReset, ROLEC_NUL_TERMINATED, &target,
                        nullptr, &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
}

TEST_F(CapiCheck, BadArgumentsAreErrorsAndDeny) {
  rolec_decision decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_check(nullptr, helpdesk_.get(), kReset, ROLEC_NUL_TERMINATED, nullptr, nullptr,
                        &decision),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(decision, ROLEC_DENY);
  decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_check(policy_.get(), nullptr, kReset, ROLEC_NUL_TERMINATED, nullptr, nullptr,
                        &decision),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(decision, ROLEC_DENY);
  EXPECT_STREQ(rolec_last_error(), "principal is NULL");
  EXPECT_EQ(rolec_check(policy_.get(), helpdesk_.get(), nullptr, 4, nullptr, nullptr, &decision),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_check(policy_.get(), helpdesk_.get(), kReset, ROLEC_NUL_TERMINATED, nullptr,
                        nullptr, nullptr),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_check_id(nullptr, helpdesk_.get(), 0, nullptr, nullptr, &decision),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_check_id(policy_.get(), nullptr, 0, nullptr, nullptr, &decision),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_check_id(policy_.get(), helpdesk_.get(), 0, nullptr, nullptr, nullptr),
            ROLEC_ERR_INVALID_ARGUMENT);

  auto expect_target_error = [&](const rolec_target& target, rolec_status expected,
                                 const char* message) {
    rolec_decision d = ROLEC_ALLOW;
    EXPECT_EQ(rolec_check(policy_.get(), helpdesk_.get(), kReset, ROLEC_NUL_TERMINATED, &target,
                          nullptr, &d),
              expected)
        << message;
    EXPECT_EQ(d, ROLEC_DENY) << message;
    EXPECT_NE(std::strstr(rolec_last_error(), message), nullptr) << rolec_last_error();
  };
  rolec_target target = {};
  target.kind = 9;
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "target kind 9 is not");
  target.kind = -1;
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "target kind -1 is not");
  target = {};
  target.id = {nullptr, 3};
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "target id is NULL with length 3");
  target = {};
  target.role_count = 2;
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "target roles is NULL");
  target = {};
  target.role_name_count = 1;
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "target role_names is NULL");
  target = {};
  target.admin_unit_count = 1;
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "target admin_units is NULL");
  target = {};
  target.restricted_admin_unit_count = 1;
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "target restricted_admin_units is NULL");
  target = {};
  target.owner_count = 1;
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "target owners is NULL");
  const rolec_string_view one = View("x");
  target = {};
  target.owners = &one;
  target.owner_count = size_t{1} << 30;
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "larger than 2^24");
  const rolec_string_view bad_unit[] = {View("ok"), {nullptr, 2}};
  target = {};
  target.admin_units = bad_unit;
  target.admin_unit_count = 2;
  expect_target_error(target, ROLEC_ERR_INVALID_ARGUMENT, "target admin unit is NULL");
  const rolec_string_view unknown[] = {View("Reader"), View("Global Admin")};
  target = {};
  target.role_names = unknown;
  target.role_name_count = 2;
  expect_target_error(target, ROLEC_ERR_NOT_FOUND, "target role_names[1]: unknown role 'Global Admin'");
}

TEST_F(CapiCheck, PreparingAPrincipal) {
  rolec_principal* principal = reinterpret_cast<rolec_principal*>(1);
  const rolec_assignment bad_role = {99, View("")};
  EXPECT_EQ(rolec_principal_prepare(policy_.get(), "p", ROLEC_NUL_TERMINATED, &bad_role, 1,
                                    &principal),
            ROLEC_ERR_OUT_OF_RANGE);
  EXPECT_EQ(principal, nullptr);
  EXPECT_NE(std::strstr(rolec_last_error(), "role id 99 is not in the policy"), nullptr);
  const rolec_assignment no_role = {ROLEC_NO_ROLE, View("")};
  EXPECT_EQ(rolec_principal_prepare(policy_.get(), "p", ROLEC_NUL_TERMINATED, &no_role, 1,
                                    &principal),
            ROLEC_ERR_OUT_OF_RANGE);
  const rolec_assignment bad_unit = {Role(policy_.get(), "Reader"), {nullptr, 1}};
  EXPECT_EQ(rolec_principal_prepare(policy_.get(), "p", ROLEC_NUL_TERMINATED, &bad_unit, 1,
                                    &principal),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(rolec_last_error(), "assignments[0].admin_unit is NULL with length 1");
  EXPECT_EQ(rolec_principal_prepare(policy_.get(), "p", ROLEC_NUL_TERMINATED, nullptr, 1,
                                    &principal),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_principal_prepare(nullptr, "p", ROLEC_NUL_TERMINATED, nullptr, 0, &principal),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_principal_prepare(policy_.get(), nullptr, 1, nullptr, 0, &principal),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_principal_prepare(policy_.get(), "p", ROLEC_NUL_TERMINATED, nullptr, 0, nullptr),
            ROLEC_ERR_INVALID_ARGUMENT);

  // No assignment: a valid principal that is denied everything.
  ASSERT_EQ(rolec_principal_prepare(policy_.get(), nullptr, 0, nullptr, 0, &principal), ROLEC_OK);
  EXPECT_EQ(Decide(principal, kRead, nullptr), ROLEC_DENY);
  rolec_principal_free(principal);
  rolec_principal_free(nullptr);

  // The principal copies its strings: the caller's buffers may change right after.
  char unit[] = "au-1";
  char id[] = "alice";
  const rolec_assignment scoped = {Role(policy_.get(), "Group Owner"), View(unit)};
  ASSERT_EQ(rolec_principal_prepare(policy_.get(), id, ROLEC_NUL_TERMINATED, &scoped, 1,
                                    &principal),
            ROLEC_OK);
  std::memset(unit, 'x', 4);
  std::memset(id, 'x', 5);
  rolec_target group = {};
  group.kind = ROLEC_TARGET_GROUP;
  const rolec_string_view owner = View("alice");
  const rolec_string_view au = View("au-1");
  group.owners = &owner;
  group.owner_count = 1;
  group.admin_units = &au;
  group.admin_unit_count = 1;
  EXPECT_EQ(Decide(principal, kMembers, &group), ROLEC_ALLOW);
  rolec_principal_free(principal);
}

TEST_F(CapiCheck, APrincipalWithManyAssignments) {
  // More than the principal's inline assignments: the last one grants.
  std::vector<rolec_assignment> assignments(6, {Role(policy_.get(), "Helpdesk"), View("")});
  assignments.back() = {Role(policy_.get(), "Reader"), View("")};
  rolec_principal* raw = nullptr;
  ASSERT_EQ(rolec_principal_prepare(policy_.get(), "alice", ROLEC_NUL_TERMINATED,
                                    assignments.data(), assignments.size(), &raw),
            ROLEC_OK);
  PrincipalPtr many(raw);
  EXPECT_EQ(Decide(many.get(), kRead, nullptr), ROLEC_ALLOW);
  assignments.back() = {Role(policy_.get(), "Group Owner"), View("")};
  ASSERT_EQ(rolec_principal_prepare(policy_.get(), "alice", ROLEC_NUL_TERMINATED,
                                    assignments.data(), assignments.size(), &raw),
            ROLEC_OK);
  PrincipalPtr without_reader(raw);
  EXPECT_EQ(Decide(without_reader.get(), kRead, nullptr), ROLEC_DENY);
  // Explained with the index of the sixth assignment.
  rolec_request request = {many.get(), ROLEC_NO_ACTION, View(kRead), nullptr, nullptr};
  char* json = nullptr;
  ASSERT_EQ(rolec_explain(policy_.get(), &request, &json), ROLEC_OK);
  StringPtr owned(json);
  EXPECT_NE(std::strstr(json, "\"assignment\":5"), nullptr) << json;
}

TEST_F(CapiCheck, APrincipalOfAnotherImageIsResolvedByRoleName) {
  // The same roles declared in another order: every id differs.
  PolicyPtr reordered = CompileOrDie(
      "action microsoft.directory/users/password/update { description \"Reset passwords\" }\n"
      "action microsoft.directory/users/standard/read { description \"Read users\" }\n"
      "role \"Helpdesk\" { allow microsoft.directory/users/standard/read }\n"
      "role \"Spare\" {}\n"
      "role \"Reader\" { allow microsoft.directory/users/password/update }\n");
  ASSERT_NE(Role(reordered.get(), "Reader"), Role(policy_.get(), "Reader"));
  PrincipalPtr reader = Prepare(policy_.get(), "Reader");
  rolec_decision decision = ROLEC_DENY;
  ASSERT_EQ(rolec_check(reordered.get(), reader.get(), kReset, ROLEC_NUL_TERMINATED, nullptr,
                        nullptr, &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_ALLOW);  // "Reader" of the reordered image resets passwords
  ASSERT_EQ(rolec_check(reordered.get(), reader.get(), kRead, ROLEC_NUL_TERMINATED, nullptr,
                        nullptr, &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
  // A role the other image lacks grants nothing.
  PrincipalPtr owner = Prepare(policy_.get(), "Group Owner");
  ASSERT_EQ(rolec_check(reordered.get(), owner.get(), kRead, ROLEC_NUL_TERMINATED, nullptr,
                        nullptr, &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
}

TEST_F(CapiCheck, ABatchAnswersEveryRequestAndNamesTheFirstFailure) {
  PrincipalPtr reader = Prepare(policy_.get(), "Reader");
  const rolec_role_id helpdesk_role[] = {Role(policy_.get(), "Helpdesk")};
  rolec_target admin = {};
  admin.kind = ROLEC_TARGET_USER;
  admin.roles = helpdesk_role;
  admin.role_count = 1;
  rolec_target bad = {};
  bad.kind = 42;
  const rolec_request requests[] = {
      {reader.get(), Action(policy_.get(), kRead), {nullptr, 0}, nullptr, nullptr},
      {helpdesk_.get(), ROLEC_NO_ACTION, View(kReset), &admin, nullptr},
      {nullptr, ROLEC_NO_ACTION, View(kRead), nullptr, nullptr},
      {helpdesk_.get(), ROLEC_NO_ACTION, View(kReset), nullptr, nullptr},
      {helpdesk_.get(), ROLEC_NO_ACTION, {nullptr, 9}, nullptr, nullptr},
      {reader.get(), ROLEC_NO_ACTION, View(kRead), &bad, nullptr},
  };
  const size_t n = sizeof requests / sizeof requests[0];
  rolec_decision decisions[n];
  for (rolec_decision& d : decisions) d = ROLEC_ALLOW;
  decisions[1] = ROLEC_ALLOW;
  EXPECT_EQ(rolec_check_batch(policy_.get(), requests, n, decisions), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(rolec_last_error(), "requests[2]: principal is NULL");
  EXPECT_EQ(decisions[0], ROLEC_ALLOW);
  EXPECT_EQ(decisions[1], ROLEC_DENY);
  EXPECT_EQ(decisions[2], ROLEC_DENY);
  EXPECT_EQ(decisions[3], ROLEC_ALLOW);
  EXPECT_EQ(decisions[4], ROLEC_DENY);
  EXPECT_EQ(decisions[5], ROLEC_DENY);

  EXPECT_EQ(rolec_check_batch(policy_.get(), requests, 2, decisions), ROLEC_OK);
  EXPECT_EQ(rolec_check_batch(policy_.get(), nullptr, 0, nullptr), ROLEC_OK);
  EXPECT_EQ(rolec_check_batch(nullptr, requests, 2, decisions), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(decisions[0], ROLEC_DENY);  // written even then
  EXPECT_EQ(rolec_check_batch(policy_.get(), nullptr, 2, decisions), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_check_batch(policy_.get(), requests, 2, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_check_batch(policy_.get(), requests, size_t{1} << 40, decisions),
            ROLEC_ERR_INVALID_ARGUMENT);
}

// A unit-scoped assignment of a role that cannot be unit-scoped: the handle is made (the C API
// has always accepted it), Policy::Prepare refuses it, so the checks take the request path, which
// denies every action, and explain names the assignment. A tenant-scoped one allows.
TEST(CapiPrepared, UnscopableUnitAssignmentDenies) {
  PolicyPtr policy = CompileOrDie(
      "action microsoft.directory/users/standard/read { description \"Read users\" }\n"
      "role \"Tenant Reader\" {\n  admin_unit_scopable false\n"
      "  allow microsoft.directory/users/standard/read\n}\n");
  ASSERT_NE(policy, nullptr);
  PrincipalPtr scoped = Prepare(policy.get(), "Tenant Reader", "au1");
  PrincipalPtr tenant = Prepare(policy.get(), "Tenant Reader");
  ASSERT_NE(scoped, nullptr);
  ASSERT_NE(tenant, nullptr);
  const rolec_string_view units[] = {View("au1")};
  rolec_target target = {};
  target.kind = ROLEC_TARGET_USER;
  target.admin_units = units;
  target.admin_unit_count = 1;
  const rolec_action_id read = Action(policy.get(), kRead);
  rolec_decision decision = ROLEC_ALLOW;
  ASSERT_EQ(rolec_check_id(policy.get(), scoped.get(), read, &target, nullptr, &decision), ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
  ASSERT_EQ(rolec_check(policy.get(), scoped.get(), kRead, ROLEC_NUL_TERMINATED, &target, nullptr,
                        &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
  ASSERT_EQ(rolec_check_id(policy.get(), tenant.get(), read, &target, nullptr, &decision), ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_ALLOW);
  rolec_request request = {scoped.get(), read, {nullptr, 0}, &target, nullptr};
  char* json = nullptr;
  ASSERT_EQ(rolec_explain(policy.get(), &request, &json), ROLEC_OK) << rolec_last_error();
  StringPtr owned(json);
  EXPECT_NE(std::string(json).find("cannot be assigned at administrative-unit scope"),
            std::string::npos)
      << json;
}

}  // namespace
}  // namespace rolec::capi_testing
