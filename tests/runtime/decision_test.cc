// Decisions as data: each row is a request against the sample policy (runtime_util.cc), the
// expected decision and what Explain must say. Check and Explain must agree on every row, with the
// action given by name and by pre-resolved id.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"
#include "runtime/runtime_util.h"

namespace rolec::testing {
namespace {

using Kind = Denial::Kind;

constexpr Decision kAllow = Decision::kAllow;
constexpr Decision kDeny = Decision::kDeny;

struct Row {
  std::string name;
  OwnedRequest request;
  Decision expected = kDeny;
  std::vector<Kind> denials;           // expected kinds, in order, when denied
  std::vector<uint32_t> reason_assignments;  // expected allowing assignments, when allowed

  explicit Row(std::string row_name) : name(std::move(row_name)) { request.principal_id = "principal"; }
  Row As(std::string role, std::string scope = "/") {
    request.assignments.push_back({std::move(role), std::move(scope)});
    return *this;
  }
  Row Do(std::string action) {
    request.action = std::move(action);
    return *this;
  }
  Row On(TargetKind kind, std::string id = "target") {
    request.target.kind = kind;
    request.target.id = std::move(id);
    return *this;
  }
  Row Holding(std::vector<std::string> roles) {
    request.target.roles = std::move(roles);
    return *this;
  }
  Row InUnits(std::vector<std::string> units) {
    request.target.admin_units = std::move(units);
    return *this;
  }
  Row Restricted() {
    request.target.in_restricted_admin_unit = true;
    return *this;
  }
  Row RagMember() {
    request.target.role_assignable_group_member = true;
    return *this;
  }
  Row RoleAssignable() {
    request.target.role_assignable = true;
    return *this;
  }
  Row OwnedBy(std::vector<std::string> owners) {
    request.target.owners = std::move(owners);
    return *this;
  }
  Row Mfa() {
    request.context.mfa = true;
    return *this;
  }
  Row Allow(std::vector<uint32_t> assignments = {0}) {
    expected = kAllow;
    reason_assignments = std::move(assignments);
    return *this;
  }
  Row Deny(std::vector<Kind> kinds) {
    expected = kDeny;
    denials = std::move(kinds);
    return *this;
  }
};

const char* const kGa = "Global Administrator";
const char* const kReaders = "Directory Readers";
const char* const kHelpdesk = "Helpdesk Administrator";
const char* const kTier1 = "Contoso Tier1";
const char* const kGroups = "Groups Administrator";
const char* const kAuHelpdesk = "AU Helpdesk";
const char* const kBitLocker = "BitLocker Reader";
const char* const kSelf = "Self Service";
const char* const kCleaner = "Device Cleaner";

const char* const kPassword = "microsoft.directory/users/password/update";
const char* const kUserRead = "microsoft.directory/users/standard/read";
const char* const kUserDelete = "microsoft.directory/users/delete";
const char* const kBasicUpdate = "microsoft.directory/users/basic/update";
const char* const kMembers = "microsoft.directory/groups/members/update";
const char* const kGroupDelete = "microsoft.directory/groups/delete";
const char* const kHealthRead = "microsoft.office365.serviceHealth/messages/read";
const char* const kHealthUpdate = "microsoft.office365.serviceHealth/messages/update";

std::vector<Row> Rows() {
  const TargetKind user = TargetKind::kUser;
  const TargetKind group = TargetKind::kGroup;
  const TargetKind device = TargetKind::kDevice;
  return {
      // Unconditional grants, and no grant at all.
      Row("ga deletes a user").As(kGa).Do(kUserDelete).On(user).Allow(),
      Row("readers read a user").As(kReaders).Do(kUserRead).On(user).Allow(),
      Row("readers cannot delete").As(kReaders).Do(kUserDelete).On(user).Deny({Kind::kNoGrant}),
      Row("no assignment").Do(kUserRead).On(user).Deny({}),

      // Conditional: the helpdesk resets only targets whose roles are within the set.
      Row("helpdesk resets a plain user").As(kHelpdesk).Do(kPassword).On(user).Allow(),
      Row("helpdesk resets a reader").As(kHelpdesk).Do(kPassword).On(user).Holding({kReaders}).Allow(),
      Row("helpdesk resets a reader and tier1")
          .As(kHelpdesk).Do(kPassword).On(user).Holding({kReaders, kTier1}).Allow(),
      Row("helpdesk cannot reset a global admin")
          .As(kHelpdesk).Do(kPassword).On(user).Holding({kGa}).Deny({Kind::kConditionFailed}),
      Row("helpdesk cannot reset a reader who is also admin")
          .As(kHelpdesk).Do(kPassword).On(user).Holding({kReaders, kGa})
          .Deny({Kind::kConditionFailed}),
      Row("helpdesk cannot reset a member of a role-assignable group")
          .As(kHelpdesk).Do(kPassword).On(user).RagMember().Deny({Kind::kConditionFailed}),
      Row("helpdesk invalidates tokens of a plain user")
          .As(kHelpdesk).Do("microsoft.directory/users/invalidateAllRefreshTokens").On(user).Allow(),
      Row("helpdesk reads anyone").As(kHelpdesk).Do(kUserRead).On(user).Holding({kGa}).Allow(),

      // Except, unconditional.
      Row("tier1 reads service health").As(kTier1).Do(kHealthRead).Allow(),
      Row("tier1 cannot update service health").As(kTier1).Do(kHealthUpdate).Deny({Kind::kExcepted}),

      // Except with a condition.
      Row("groups admin deletes a group").As(kGroups).Do(kGroupDelete).On(group).Allow(),
      Row("groups admin cannot delete a role-assignable group")
          .As(kGroups).Do(kGroupDelete).On(group).RoleAssignable().Deny({Kind::kExcepted}),

      // The action's intrinsic target rule binds every role, Global Administrator included.
      Row("groups admin updates members").As(kGroups).Do(kMembers).On(group).Allow(),
      Row("groups admin cannot update members of a role-assignable group")
          .As(kGroups).Do(kMembers).On(group).RoleAssignable().Deny({Kind::kIntrinsicRule}),
      Row("ga cannot update members of a role-assignable group")
          .As(kGa).Do(kMembers).On(group).RoleAssignable().Deny({Kind::kIntrinsicRule}),

      // Administrative-unit scope.
      Row("au helpdesk in its unit")
          .As(kAuHelpdesk, "/administrativeUnits/au-1").Do(kPassword).On(user).InUnits({"au-1"}).Allow(),
      Row("au helpdesk in its unit among others")
          .As(kAuHelpdesk, "/administrativeUnits/au-1").Do(kPassword).On(user)
          .InUnits({"au-2", "au-1"}).Allow(),
      Row("au helpdesk outside its unit")
          .As(kAuHelpdesk, "/administrativeUnits/au-1").Do(kPassword).On(user).InUnits({"au-2"})
          .Deny({Kind::kScopeMismatch}),
      Row("au helpdesk on a target in no unit")
          .As(kAuHelpdesk, "/administrativeUnits/au-1").Do(kPassword).On(user)
          .Deny({Kind::kScopeMismatch}),
      Row("au ids compare exactly")
          .As(kAuHelpdesk, "/administrativeUnits/AU-1").Do(kPassword).On(user).InUnits({"au-1"})
          .Deny({Kind::kScopeMismatch}),
      Row("tenant-scoped au helpdesk").As(kAuHelpdesk).Do(kPassword).On(user).InUnits({"au-1"}).Allow(),
      // A unit holds users, groups and devices: an AU-scoped assignment reaches nothing else.
      Row("au helpdesk on an application in its unit")
          .As(kAuHelpdesk, "/administrativeUnits/au-1").Do(kPassword).On(TargetKind::kApplication)
          .InUnits({"au-1"}).Deny({Kind::kScopeMismatch}),
      Row("au helpdesk on a target of no stated kind")
          .As(kAuHelpdesk, "/administrativeUnits/au-1").Do(kPassword).InUnits({"au-1"})
          .Deny({Kind::kScopeMismatch}),
      Row("au groups admin on a group of its unit")
          .As(kGroups, "/administrativeUnits/au-1").Do(kGroupDelete).On(group).InUnits({"au-1"}).Allow(),
      Row("au cleaner on a tenant-wide object")
          .As(kCleaner, "/administrativeUnits/au-1").Do("microsoft.directory/deletedItems.devices/delete")
          .On(device).InUnits({"au-1"}).Deny({Kind::kScopeMismatch}),
      Row("au cleaner on a device action of its unit")
          .As(kCleaner, "/administrativeUnits/au-1").Do("microsoft.directory/groups.security/create")
          .On(group).InUnits({"au-1"}).Allow(),

      // Restricted management administrative units: modification only through a unit scope.
      Row("ga cannot modify a member of a restricted unit")
          .As(kGa).Do(kPassword).On(user).InUnits({"au-r"}).Restricted()
          .Deny({Kind::kRestrictedAdminUnit}),
      Row("ga can read a member of a restricted unit")
          .As(kGa).Do(kUserRead).On(user).InUnits({"au-r"}).Restricted().Allow(),
      Row("helpdesk scoped to the restricted unit modifies its member")
          .As(kHelpdesk, "/administrativeUnits/au-r").Do(kPassword).On(user).InUnits({"au-r"})
          .Restricted().Allow(),
      Row("au helpdesk scoped to the restricted unit")
          .As(kAuHelpdesk, "/administrativeUnits/au-r").Do(kBasicUpdate).On(user).InUnits({"au-r"})
          .Restricted().Allow(),
      Row("au helpdesk scoped to another unit")
          .As(kAuHelpdesk, "/administrativeUnits/au-1").Do(kBasicUpdate).On(user).InUnits({"au-r"})
          .Restricted().Deny({Kind::kScopeMismatch}),
      Row("tenant-scoped au helpdesk reads a restricted member")
          .As(kAuHelpdesk).Do(kUserRead).On(user).InUnits({"au-r"}).Restricted().Allow(),
      // Every read verb reads (limitedRead, restrictedRead, get...): a restricted unit does not block it.
      Row("ga limitedRead of a restricted member")
          .As(kGa).Do("microsoft.directory/groups/memberOf/limitedRead").On(group).InUnits({"au-r"})
          .Restricted().Allow(),
      Row("ga restrictedRead of a restricted member")
          .As(kGa).Do("microsoft.directory/users/authenticationMethods/standard/restrictedRead").On(user)
          .InUnits({"au-r"}).Restricted().Allow(),
      Row("ga reprocessing a restricted member is a modification")
          .As(kGa).Do("microsoft.directory/users/reprocessLicenseAssignment").On(user).InUnits({"au-r"})
          .Restricted().Deny({Kind::kRestrictedAdminUnit}),

      // Keyword queries: allowed iff every action the query denotes is (docs/semantics.md).
      Row("ga holds every user action").As(kGa).Do("microsoft.directory/users/allProperties/allTasks").Allow(),
      Row("readers do not hold every user read")
          .As(kReaders).Do("microsoft.directory/users/allProperties/read").Deny({Kind::kNoGrant}),
      Row("readers hold the standard read pattern")
          .As(kReaders).Do("microsoft.directory/users/standard/read").Allow(),
      Row("an except removes part of a query")
          .As(kTier1).Do("microsoft.office365.serviceHealth/allEntities/allTasks").Deny({Kind::kExcepted}),
      Row("a query of the reads tier1 holds")
          .As(kTier1).Do("microsoft.office365.serviceHealth/allEntities/read").Allow(),
      Row("grants add up over a query").As(kGa).As(kTier1)
          .Do("microsoft.office365.serviceHealth/messages/allTasks").Allow({0, 1}),
      Row("a query in another case").As(kGa).Do("Microsoft.Directory/USERS/AllProperties/ALLTASKS").Allow(),
      Row("a query over a condition that fails for one action")
          .As(kGroups).Do("microsoft.directory/groups/allProperties/allTasks").On(group).RoleAssignable()
          .Deny({Kind::kIntrinsicRule}),
      Row("a query the restricted unit blocks in part")
          .As(kGa).Do("microsoft.directory/users/allProperties/allTasks").On(user).InUnits({"au-r"})
          .Restricted().Deny({Kind::kRestrictedAdminUnit}),
      Row("a query beyond the role at unit scope")
          .As(kGroups, "/administrativeUnits/au-1").Do("microsoft.directory/allEntities/allProperties/allTasks")
          .On(group).InUnits({"au-1"}).Deny({Kind::kNoGrant}),
      Row("a query at unit scope reaches only member actions")
          .As(kCleaner, "/administrativeUnits/au-1").Do("microsoft.directory/deletedItems/allTasks")
          .On(device).InUnits({"au-1"}).Deny({Kind::kScopeMismatch}),
      Row("a query of member actions at unit scope")
          .As(kGroups, "/administrativeUnits/au-1").Do("microsoft.directory/groups/allProperties/allTasks")
          .On(group).InUnits({"au-1"}).Allow(),

      // Roles add up; an except is local to its role.
      Row("second assignment allows").As(kReaders).As(kTier1).Do(kHealthRead).Allow({1}),
      Row("except of one role does not bind another").As(kTier1).As(kGa).Do(kHealthUpdate).Allow({1}),
      Row("both assignments allow").As(kGa).As(kTier1).Do(kHealthRead).Allow({0, 1}),
      Row("every assignment explains its deny")
          .As(kHelpdesk).As(kReaders).Do(kPassword).On(user).Holding({kGa})
          .Deny({Kind::kConditionFailed, Kind::kNoGrant}),
      Row("a denied assignment and an allowed one")
          .As(kHelpdesk).As(kGa).Do(kPassword).On(user).Holding({kGa}).Allow({1}),

      // Outside the catalog: exact matching against the patterns (the slow path).
      Row("ga on an action outside the catalog")
          .As(kGa).Do("microsoft.directory/applications/credentials/update").Allow(),
      Row("readers on an action outside the catalog")
          .As(kReaders).Do("microsoft.directory/applications/credentials/update").Deny({Kind::kNoGrant}),
      Row("subtype outside the catalog").As(kCleaner).Do("microsoft.directory/deletedItems.groups/delete").Allow(),
      Row("sibling subtype outside the catalog")
          .As(kCleaner).Do("microsoft.directory/groups.unified/create").Deny({Kind::kNoGrant}),
      Row("except outside the catalog")
          .As(kTier1).Do("microsoft.office365.serviceHealth/incidents/update").Deny({Kind::kExcepted}),
      Row("allow outside the catalog").As(kTier1).Do("microsoft.office365.serviceHealth/incidents/read").Allow(),
      Row("3-segment allTasks does not reach 4 segments")
          .As(kTier1).Do("microsoft.office365.serviceHealth/incidents/standard/read").Deny({Kind::kNoGrant}),
      Row("restricted unit outside the catalog")
          .As(kGa).Do("microsoft.directory/applications/credentials/update").InUnits({"au-r"}).Restricted()
          .Deny({Kind::kRestrictedAdminUnit}),

      // Subtypes in the catalog.
      Row("cleaner deletes deleted devices").As(kCleaner).Do("microsoft.directory/deletedItems.devices/delete").Allow(),
      Row("cleaner creates security groups").As(kCleaner).Do("microsoft.directory/groups.security/create").Allow(),
      Row("groups admin creates security groups").As(kGroups).Do("microsoft.directory/groups.security/create").Allow(),

      // Case-insensitive names of actions and roles; template ids.
      Row("action in another case").As(kHelpdesk).Do("MICROSOFT.DIRECTORY/Users/Password/UPDATE").On(user).Allow(),
      Row("role in another case").As("global ADMINISTRATOR").Do(kUserDelete).Allow(),
      Row("role by template id").As("62e90394-69f5-4237-9190-012177145e10").Do(kUserDelete).Allow(),
      Row("role by template id in upper case").As("62E90394-69F5-4237-9190-012177145E10").Do(kUserDelete).Allow(),
      Row("target role by template id")
          .As(kHelpdesk).Do(kPassword).On(user).Holding({"62e90394-69f5-4237-9190-012177145e10"})
          .Deny({Kind::kConditionFailed}),

      // Context and principal.
      Row("bitlocker with mfa").As(kBitLocker).Do("microsoft.directory/bitlockerKeys/key/read").Mfa().Allow(),
      Row("bitlocker without mfa")
          .As(kBitLocker).Do("microsoft.directory/bitlockerKeys/key/read").Deny({Kind::kConditionFailed}),
      Row("self service on self").As(kSelf).Do(kBasicUpdate).On(user, "principal").Allow(),
      Row("self service on an owned object").As(kSelf).Do(kBasicUpdate).On(user).OwnedBy({"x", "principal"}).Allow(),
      Row("self service on someone else")
          .As(kSelf).Do(kBasicUpdate).On(user).OwnedBy({"x"})
          .Deny({Kind::kConditionFailed, Kind::kConditionFailed}),
  };
}

// The decision, and everything Explain says about it, for one request.
void ExpectRow(const Policy& policy, const Row& row, const Request& request) {
  const Decision checked = policy.Check(request);
  const Explanation explanation = policy.Explain(request);
  EXPECT_EQ(checked, row.expected);
  EXPECT_EQ(explanation.decision, checked) << "Check and Explain disagree";
  EXPECT_TRUE(explanation.errors.empty());
  if (row.expected == kAllow) {
    std::vector<uint32_t> assignments;
    for (const AllowReason& reason : explanation.reasons) {
      assignments.push_back(reason.assignment_index);
      EXPECT_EQ(reason.role, request.assignments[reason.assignment_index].role);
      ASSERT_LT(reason.rule, policy.rule_count());
      EXPECT_EQ(policy.rule(reason.rule).role, reason.role);
      EXPECT_FALSE(policy.rule(reason.rule).is_except);
    }
    EXPECT_EQ(assignments, row.reason_assignments);
    EXPECT_TRUE(explanation.denials.empty());
  } else {
    EXPECT_TRUE(explanation.reasons.empty());
    std::vector<Kind> kinds;
    for (const Denial& denial : explanation.denials) {
      kinds.push_back(denial.kind);
      EXPECT_FALSE(denial.message.empty());
    }
    EXPECT_EQ(kinds, row.denials);
  }
  EXPECT_FALSE(policy.FormatExplanation(request, explanation).empty());
}

class DecisionTable : public ::testing::TestWithParam<Row> {};

TEST_P(DecisionTable, CheckAndExplainAgree) {
  const Row& row = GetParam();
  std::shared_ptr<const Policy> policy = SamplePolicy();
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(*policy, row.request);
  ASSERT_TRUE(bound.ok()) << bound.status();
  {
    SCOPED_TRACE("action by name");
    ExpectRow(*policy, row, bound->request());
  }
  const ActionId id = policy->FindAction(row.request.action);
  if (id != kNoAction) {
    SCOPED_TRACE("action by id");
    Request by_id = bound->request();
    by_id.action_id = id;
    by_id.action = "";
    ExpectRow(*policy, row, by_id);
  }
}

std::string RowName(const ::testing::TestParamInfo<Row>& info) {
  std::string name;
  for (char c : info.param.name) name += isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Sample, DecisionTable, ::testing::ValuesIn(Rows()), RowName);

// Problems with the request itself: always deny, and Explain says what is wrong.
TEST(RequestErrors, DenyWithAnError) {
  std::shared_ptr<const Policy> policy = SamplePolicy();
  const RoleId ga = policy->FindRole(kGa);
  ASSERT_NE(ga, kNoRole);
  const Assignment good[] = {{ga, ""}};
  const Assignment bad_role[] = {{ga, ""}, {400, ""}};
  const RoleId bad_target_roles[] = {400};

  struct Case {
    const char* name;
    Request request;
    const char* error;
  };
  std::vector<Case> cases;
  {
    Request r;
    r.assignments = bad_role;
    r.action = kUserDelete;
    cases.push_back({"unknown role id", r, "assignment 1 names role id 400, but the policy has 9 roles"});
  }
  {
    Request r;
    r.assignments = good;
    r.action = kUserDelete;
    r.target.roles = bad_target_roles;
    cases.push_back({"unknown target role id", r,
                     "the target's role 0 is role id 400, but the policy has 9 roles"});
  }
  {
    Request r;
    r.assignments = good;
    r.action_id = 12;
    cases.push_back({"unknown action id", r, "action id 12 is not in the catalog (12 actions)"});
  }
  {
    Request r;
    r.assignments = good;
    r.action = "microsoft.directory/users";
    cases.push_back({"malformed action", r,
                     "malformed action 'microsoft.directory/users': an action has 3 to 7 segments, "
                     "this has 2"});
  }
  {
    Request r;
    r.assignments = good;
    r.action = "microsoft.directory/allTasks/delete";
    cases.push_back({"misplaced keyword", r,
                     "malformed action 'microsoft.directory/allTasks/delete': keyword 'allTasks' in "
                     "segment 2: an action must be concrete, not a pattern"});
  }
  {
    Request r;
    r.assignments = good;
    cases.push_back({"no action", r, "malformed action '': an action cannot be empty"});
  }
  const Assignment ga_at_unit[] = {{0, "au-1"}};
  {
    Request r;
    r.assignments = ga_at_unit;
    r.action = kUserDelete;
    r.target.kind = TargetKind::kUser;
    cases.push_back({"role that cannot be scoped to a unit", r,
                     "assignment 0: role 'Global Administrator' cannot be assigned at "
                     "administrative-unit scope (/administrativeUnits/au-1); only the roles "
                     "admin-units-assign-roles.md lists, and custom roles with a permission on "
                     "users, groups or devices, can be"});
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(policy->Check(c.request), kDeny);
    Explanation explanation = policy->Explain(c.request);
    EXPECT_EQ(explanation.decision, kDeny);
    EXPECT_TRUE(explanation.reasons.empty());
    EXPECT_TRUE(explanation.denials.empty());
    ASSERT_EQ(explanation.errors.size(), 1u);
    EXPECT_EQ(explanation.errors[0], c.error);
  }
}

TEST(RequestErrors, ExplainListsEveryError) {
  std::shared_ptr<const Policy> policy = SamplePolicy();
  const Assignment assignments[] = {{500, ""}, {0, ""}, {600, ""}};
  const RoleId target_roles[] = {700};
  Request r;
  r.assignments = assignments;
  r.target.roles = target_roles;
  r.action = "bad";
  EXPECT_EQ(policy->Check(r), kDeny);
  Explanation explanation = policy->Explain(r);
  EXPECT_EQ(explanation.errors.size(), 4u);
}

TEST(BindErrors, UnknownRolesAndMalformedScopes) {
  std::shared_ptr<const Policy> policy = SamplePolicy();
  OwnedRequest unknown = MakeRequest({{"Nobody", "/"}}, kUserDelete);
  EXPECT_EQ(BoundRequest::Bind(*policy, unknown).status().message(), "unknown role 'Nobody'");
  OwnedRequest unknown_target = MakeRequest({{kGa, "/"}}, kUserDelete);
  unknown_target.target.roles = {"Nobody"};
  EXPECT_EQ(BoundRequest::Bind(*policy, unknown_target).status().message(),
            "unknown target role 'Nobody'");
  for (const char* scope : {"", "/x", "/administrativeUnits/", "/administrativeUnits/a/b",
                            "administrativeUnits/a", "//"}) {
    OwnedRequest bad = MakeRequest({{kGa, scope}}, kUserDelete);
    EXPECT_FALSE(BoundRequest::Bind(*policy, bad).ok()) << scope;
  }
}

// The fast path (the image's grant index) and the slow path (pattern matching over the role's
// rules) decide alike on every catalog action without an intrinsic rule: the same fixture built
// without a catalog sends every query down the slow path.
TEST(FastAndSlowPaths, Agree) {
  std::shared_ptr<const Policy> fast = SamplePolicy();
  std::shared_ptr<const Policy> slow = Load(SampleImageWithoutCatalog());
  ASSERT_NE(slow, nullptr);
  ASSERT_EQ(slow->action_count(), 0u);
  const FixturePolicy& fixture = SampleFixture();

  std::vector<OwnedTarget> targets(6);
  targets[0].kind = TargetKind::kUser;
  targets[1].kind = TargetKind::kUser;
  targets[1].roles = {kGa};
  targets[2].kind = TargetKind::kUser;
  targets[2].roles = {kReaders};
  targets[2].role_assignable_group_member = true;
  targets[3].kind = TargetKind::kGroup;
  targets[3].role_assignable = true;
  targets[4].kind = TargetKind::kUser;
  targets[4].admin_units = {"au-r"};
  targets[4].in_restricted_admin_unit = true;
  targets[5].kind = TargetKind::kUser;
  targets[5].id = "principal";
  int compared = 0;
  for (const FixtureAction& action : fixture.actions) {
    if (action.intrinsic) continue;
    for (const FixtureRole& role : fixture.roles) {
      for (const OwnedTarget& target : targets) {
        for (const char* scope : {"/", "/administrativeUnits/au-r"}) {
          for (bool mfa : {false, true}) {
            OwnedRequest owned = MakeRequest({{role.name, scope}}, action.name, target);
            owned.context.mfa = mfa;
            absl::StatusOr<BoundRequest> on_fast = BoundRequest::Bind(*fast, owned);
            absl::StatusOr<BoundRequest> on_slow = BoundRequest::Bind(*slow, owned);
            ASSERT_TRUE(on_fast.ok() && on_slow.ok());
            const Decision decision = fast->Check(on_fast->request());
            EXPECT_EQ(decision, slow->Check(on_slow->request()))
                << role.name << " " << action.name << " " << scope;
            EXPECT_EQ(decision, slow->Explain(on_slow->request()).decision);
            ++compared;
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 1000);
}

TEST(FormatExplanation, NamesRoleScopeRuleLocationAndCondition) {
  std::shared_ptr<const Policy> policy = SamplePolicy();
  OwnedRequest owned = MakeRequest({{kHelpdesk, "/"}, {kAuHelpdesk, "/administrativeUnits/au-1"}},
                                   kPassword);
  owned.target.kind = TargetKind::kUser;
  owned.target.roles = {kGa};
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(*policy, owned);
  ASSERT_TRUE(bound.ok());
  Explanation explanation = policy->Explain(bound->request());
  EXPECT_EQ(policy->FormatExplanation(bound->request(), explanation),
            "deny microsoft.directory/users/password/update\n"
            "  assignment 0 (role 'Helpdesk Administrator', scope /): `allow "
            "microsoft.directory/users/password/update, "
            "microsoft.directory/users/invalidateAllRefreshTokens` at fixture.role:3:1: condition "
            "failed: target.roles within helpdesk_resettable and not "
            "target.role_assignable_group_member: `target.roles within helpdesk_resettable` is "
            "false (the target holds 'Global Administrator', which is not in "
            "helpdesk_resettable)\n"
            "  assignment 1 (role 'AU Helpdesk', scope /administrativeUnits/au-1): the assignment "
            "is scoped to administrative unit 'au-1', which does not contain the target\n");

  owned.target.roles = {};
  owned.target.admin_units = {"au-1"};
  bound = BoundRequest::Bind(*policy, owned);
  ASSERT_TRUE(bound.ok());
  explanation = policy->Explain(bound->request());
  EXPECT_EQ(policy->FormatExplanation(bound->request(), explanation),
            "allow microsoft.directory/users/password/update\n"
            "  assignment 0 (role 'Helpdesk Administrator', scope /): allowed by `allow "
            "microsoft.directory/users/password/update, "
            "microsoft.directory/users/invalidateAllRefreshTokens when target.roles within "
            "helpdesk_resettable and not target.role_assignable_group_member` at "
            "fixture.role:3:1\n"
            "  assignment 1 (role 'AU Helpdesk', scope /administrativeUnits/au-1): allowed by "
            "`allow microsoft.directory/users/password/update, "
            "microsoft.directory/users/basic/update, microsoft.directory/users/standard/read` at "
            "fixture.role:6:1\n");
}

TEST(FormatExplanation, NoGrantExceptIntrinsicAndErrors) {
  std::shared_ptr<const Policy> policy = SamplePolicy();
  OwnedRequest owned = MakeRequest({{kReaders, "/"}, {kTier1, "/"}},
                                   "microsoft.office365.serviceHealth/incidents/update");
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(*policy, owned);
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(policy->FormatExplanation(bound->request(), policy->Explain(bound->request())),
            "deny microsoft.office365.serviceHealth/incidents/update\n"
            "  assignment 0 (role 'Directory Readers', scope /): no rule of role 'Directory "
            "Readers' covers the action (it is not in the catalog, so it was matched exactly "
            "against the role's patterns)\n"
            "  assignment 1 (role 'Contoso Tier1', scope /): `except "
            "microsoft.office365.serviceHealth/allEntities/update` at fixture.role:4:2: removed by "
            "`except microsoft.office365.serviceHealth/allEntities/update`\n");

  owned = MakeRequest({{kGroups, "/"}}, kMembers);
  owned.target.kind = TargetKind::kGroup;
  owned.target.role_assignable = true;
  bound = BoundRequest::Bind(*policy, owned);
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(policy->FormatExplanation(bound->request(), policy->Explain(bound->request())),
            "deny microsoft.directory/groups/members/update\n"
            "  assignment 0 (role 'Groups Administrator', scope /): `allow "
            "microsoft.directory/groups/allProperties/allTasks` at fixture.role:5:1: the action's "
            "target rule failed: not target.role_assignable: `not target.role_assignable` is "
            "false (the target is a role-assignable group)\n");

  // Whatever the case of the request, a catalog action is shown in the catalog's spelling.
  owned = MakeRequest({{kReaders, "/"}}, "MICROSOFT.DIRECTORY/USERS/STANDARD/READ");
  bound = BoundRequest::Bind(*policy, owned);
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(policy->FormatExplanation(bound->request(), policy->Explain(bound->request())),
            "allow microsoft.directory/users/standard/read\n"
            "  assignment 0 (role 'Directory Readers', scope /): allowed by `allow "
            "microsoft.directory/users/standard/read` at fixture.role:2:1\n");

  Request bad;
  bad.action = "nope";
  EXPECT_EQ(policy->FormatExplanation(bad, policy->Explain(bad)),
            "deny nope\n"
            "  error: malformed action 'nope': an action has 3 to 7 segments, this has 1\n");
  Request empty;
  empty.action = kUserRead;
  EXPECT_EQ(policy->FormatExplanation(empty, policy->Explain(empty)),
            "deny microsoft.directory/users/standard/read\n  no role assignment: default deny\n");
}

}  // namespace
}  // namespace rolec::testing
