// Prepared principals (Policy::Prepare, Check/Explain with a PreparedPrincipal) decide exactly as
// Check(Request)/Explain(Request) on the same assignments: a property test over random assignment
// sets (tenant and unit scope, the stdlib's tricky roles and custom roles with conditions and
// excepts), random targets (every flag, units, restricted units, owners, out-of-range role ids),
// MFA on and off, and actions by id and by name (catalog names in any case, outside the catalog,
// keyword queries, malformed). Then Prepare's errors, the binding to one Policy, and lifetimes.
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "support/random.h"
#include "rolec/rolec.hpp"

namespace rolec::testing {
namespace {

// Custom roles over the stdlib: conditional allows, excepts (conditional and not), a role not
// scopable to units, a broad pattern with an except.
constexpr std::string_view kCustomRoles = R"(import entra
role "Prep Conditional" {
  allow microsoft.directory/users/password/update when target.roles within entra.non_administrator_roles
  allow microsoft.directory/users/basic/update when context.mfa
  allow microsoft.directory/groups/members/update
}
role "Prep Excepted" {
  allow microsoft.directory/users/allProperties/allTasks
  except microsoft.directory/users/delete
  except microsoft.directory/users/password/update when target.role_assignable_group_member
}
role "Prep Tenant Only" {
  admin_unit_scopable false
  allow microsoft.directory/devices/allProperties/allTasks, microsoft.directory/bitlockerKeys/key/read
  allow microsoft.directory/applications/credentials/update when principal owns target
}
role "Prep Unit" {
  allow microsoft.directory/users/allProperties/allTasks when (scope.admin_unit == "au2" or scope is tenant)
  allow microsoft.directory/groups/allProperties/allTasks
  except microsoft.directory/groups/delete when not context.mfa
}
)";

constexpr const char* kTrickyRoles[] = {
    "Global Administrator",       "Helpdesk Administrator",     "Password Administrator",
    "Privileged Authentication Administrator", "Authentication Administrator",
    "User Administrator",         "Groups Administrator",       "Privileged Role Administrator",
    "Cloud Device Administrator", "Directory Readers",          "Global Reader",
    "Security Administrator",     "Application Administrator",  "Intune Administrator",
    "Prep Conditional",           "Prep Excepted",              "Prep Tenant Only",
    "Prep Unit",
};

constexpr const char* kTrickyActions[] = {
    "microsoft.directory/users/password/update",
    "microsoft.directory/users/basic/update",
    "microsoft.directory/users/delete",
    "microsoft.directory/users/standard/read",
    "microsoft.directory/users/authenticationMethods/standard/read",
    "microsoft.directory/groups/members/update",
    "microsoft.directory/groups/delete",
    "microsoft.directory/devices/delete",
    "microsoft.directory/bitlockerKeys/key/read",
    "microsoft.directory/applications/credentials/update",
    "microsoft.directory/roleAssignments/allProperties/allTasks",
    "microsoft.directory/servicePrincipals/appRoleAssignedTo/update",
};

// Names that are not catalog ids: another case, outside the catalog, keyword queries, malformed.
constexpr const char* kOtherNames[] = {
    "MICROSOFT.DIRECTORY/USERS/PASSWORD/UPDATE",
    "Microsoft.Directory/Users/Delete",
    "microsoft.directory/users/notInTheCatalog/update",
    "microsoft.directory/devices/notInTheCatalog/read",
    "microsoft.directory/users/allProperties/allTasks",
    "microsoft.directory/groups/allProperties/update",
    "microsoft.directory/allEntities/allProperties/read",
    "not an action",
    "",
};

const Policy& PreparedTestPolicy() {
  static const std::shared_ptr<const Policy>* policy = [] {
    CompileResult result = Compile({SourceFile{"prepared.role", std::string(kCustomRoles)}});
    std::string errors;
    for (const Diagnostic& d : result.diagnostics) errors += d.message + "\n";
    if (!result.ok()) ADD_FAILURE() << errors;
    absl::StatusOr<std::shared_ptr<const Policy>> loaded = Policy::Load(std::move(result.image));
    if (!loaded.ok()) ADD_FAILURE() << loaded.status();
    return new std::shared_ptr<const Policy>(loaded.ok() ? *loaded : nullptr);
  }();
  if (*policy == nullptr) std::abort();
  return **policy;
}

using test_support::Random;

// One random case; the vectors own what the Request views.
struct Case {
  std::vector<Assignment> assignments;
  std::vector<RoleId> target_roles;
  std::vector<std::string_view> units, restricted, owners;
  Target target;
  Context context;
  ActionId action_id = kNoAction;
  std::string action;  // the name checked by the string overloads
};

constexpr std::string_view kUnits[] = {"au1", "au2", "au3"};

Case RandomCase(Random& r, const Policy& policy) {
  Case c;
  auto role = [&] {
    if (r.Chance(60)) return policy.FindRole(r.Pick(kTrickyRoles));
    return static_cast<RoleId>(r.Uniform(0, static_cast<int>(policy.role_count()) - 1));
  };
  const int n = r.Uniform(0, 4);
  for (int i = 0; i < n; ++i) {
    const RoleId id = role();
    std::string_view unit;
    if (r.Chance(35) && (policy.role(id).admin_unit_scopable || r.Chance(5))) unit = r.Pick(kUnits);
    c.assignments.push_back(Assignment{id, unit});
  }
  static const TargetKind kKinds[] = {
      TargetKind::kUnspecified, TargetKind::kUser,  TargetKind::kUser,
      TargetKind::kUser,        TargetKind::kGroup, TargetKind::kDevice,
      TargetKind::kApplication, TargetKind::kServicePrincipal, TargetKind::kAdministrativeUnit,
      TargetKind::kRoleDefinition, TargetKind::kOther};
  c.target.kind = r.Pick(kKinds);
  c.target.id = r.Chance(15) ? "alice" : "bob";
  for (int i = r.Chance(40) ? 0 : r.Uniform(1, 3); i > 0; --i) c.target_roles.push_back(role());
  if (r.Chance(3)) c.target_roles.push_back(policy.role_count() + 7);  // out of range: a deny
  c.target.role_assignable_group_member = r.Chance(20);
  c.target.role_scoped_to_restricted_admin_unit = r.Chance(15);
  c.target.role_assignable = r.Chance(15);
  c.target.in_restricted_admin_unit = r.Chance(12);
  for (std::string_view unit : kUnits) {
    if (r.Chance(35)) c.units.push_back(unit);
  }
  for (std::string_view unit : c.units) {
    if (r.Chance(15)) c.restricted.push_back(unit);
  }
  if (r.Chance(20)) c.owners.push_back("alice");
  c.target.roles = c.target_roles;
  c.target.admin_units = c.units;
  c.target.restricted_admin_units = c.restricted;
  c.target.owners = c.owners;
  c.context.mfa = r.Chance(50);
  const int pick = r.Uniform(0, 9);
  if (pick < 4) {
    c.action_id = policy.FindAction(r.Pick(kTrickyActions));
  } else if (pick < 8) {
    c.action_id = static_cast<ActionId>(r.Uniform(0, static_cast<int>(policy.action_count()) - 1));
  } else if (r.Chance(10)) {
    c.action_id = policy.action_count() + static_cast<ActionId>(r.Uniform(0, 3));  // out of range
  }
  if (c.action_id == kNoAction || r.Chance(3)) {
    c.action = r.Pick(kOtherNames);
  } else if (c.action_id < policy.action_count()) {
    c.action = std::string(policy.action(c.action_id).name);
  }
  return c;
}

Request RequestOf(const Case& c, ActionId id, std::string_view action) {
  Request request;
  request.principal_id = "alice";
  request.assignments = c.assignments;
  request.action_id = id;
  request.action = action;
  request.target = c.target;
  request.context = c.context;
  return request;
}

std::string Describe(const Explanation& e) {
  std::string out = e.decision == Decision::kAllow ? "allow\n" : "deny\n";
  for (const AllowReason& reason : e.reasons) {
    out += fmt::format("  reason {} {} {}\n", reason.assignment_index, reason.role, reason.rule);
  }
  for (const Denial& d : e.denials) {
    out += fmt::format("  denial {} {} {} {} {}\n", static_cast<int>(d.kind), d.assignment_index,
                       d.role, d.rule, d.message);
  }
  for (const std::string& error : e.errors) out += "  error " + error + "\n";
  for (const std::string& note : e.notes) out += "  note " + note + "\n";
  return out;
}

TEST(PreparedPrincipal, DecidesAsTheRequestDoes) {
  const Policy& policy = PreparedTestPolicy();
  Random r(20261207);
  int cases = 0, allows = 0, prepare_errors = 0, explained = 0;
  for (int k = 0; k < 30000; ++k) {
    const Case c = RandomCase(r, policy);
    absl::StatusOr<PreparedPrincipal> prepared = policy.Prepare("alice", c.assignments);
    if (!prepared.ok()) {
      // Only a unit scope on a role that cannot have one; such a request is always denied.
      ++prepare_errors;
      EXPECT_EQ(prepared.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_EQ(policy.Check(RequestOf(c, c.action_id, c.action)), Decision::kDeny);
      continue;
    }
    ASSERT_EQ(prepared->assignments().size(), c.assignments.size());
    ++cases;
    const std::string where = fmt::format("case {}: action id {} name '{}'", k, c.action_id, c.action);
    if (c.action_id != kNoAction) {
      const Request request = RequestOf(c, c.action_id, {});
      const Decision expected = policy.Check(request);
      allows += expected == Decision::kAllow;
      ASSERT_EQ(policy.Check(*prepared, c.action_id, c.target, c.context), expected) << where;
      if (k % 3 == 0) {
        ++explained;
        ASSERT_EQ(Describe(policy.Explain(*prepared, c.action_id, c.target, c.context)),
                  Describe(policy.Explain(request)))
            << where;
      }
    }
    if (c.action_id == kNoAction || !c.action.empty()) {
      const Request request = RequestOf(c, kNoAction, c.action);
      const Decision expected = policy.Check(request);
      allows += expected == Decision::kAllow;
      ASSERT_EQ(policy.Check(*prepared, std::string_view(c.action), c.target, c.context), expected)
          << where;
      if (k % 3 == 1) {
        ++explained;
        ASSERT_EQ(Describe(policy.Explain(*prepared, std::string_view(c.action), c.target, c.context)),
                  Describe(policy.Explain(request)))
            << where;
      }
    }
  }
  // The cases reach both decisions and Prepare's refusal, or the comparison proves little.
  EXPECT_GT(cases, 25000);
  EXPECT_GT(allows, 2000);
  EXPECT_GT(prepare_errors, 10);
  EXPECT_GT(explained, 5000);
}

// Every stdlib role alone at tenant scope on every catalog action (the fast path's columns): the
// plain target, a target in a restricted unit, and a target holding Global Administrator.
TEST(PreparedPrincipal, EveryRoleAndActionAgrees) {
  const Policy& policy = PreparedTestPolicy();
  const RoleId global = policy.FindRole("Global Administrator");
  const RoleId global_roles[] = {global};
  int allows = 0;
  for (RoleId role = 0; role < policy.role_count(); ++role) {
    const Assignment assignments[] = {{role, ""}};
    absl::StatusOr<PreparedPrincipal> prepared = policy.Prepare("p", assignments);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    for (int variant = 0; variant < 3; ++variant) {
      Target target;
      target.kind = TargetKind::kUser;
      target.in_restricted_admin_unit = variant == 1;
      if (variant == 2) target.roles = global_roles;
      Request request;
      request.assignments = assignments;
      request.target = target;
      for (ActionId action = 0; action < policy.action_count(); ++action) {
        request.action_id = action;
        const Decision expected = policy.Check(request);
        allows += expected == Decision::kAllow;
        ASSERT_EQ(policy.Check(*prepared, action, target, {}), expected)
            << policy.role(role).name << " " << policy.action(action).name << " " << variant;
      }
    }
  }
  EXPECT_GT(allows, 10000);
}

TEST(PreparedPrincipal, PrepareRefusesBadAssignments) {
  const Policy& policy = PreparedTestPolicy();
  const RoleId helpdesk = policy.FindRole("Helpdesk Administrator");
  const RoleId tenant_only = policy.FindRole("Prep Tenant Only");
  ASSERT_NE(helpdesk, kNoRole);
  ASSERT_NE(tenant_only, kNoRole);

  const Assignment no_role[] = {{helpdesk, ""}, {kNoRole, ""}};
  absl::StatusOr<PreparedPrincipal> prepared = policy.Prepare("p", no_role);
  ASSERT_FALSE(prepared.ok());
  EXPECT_EQ(prepared.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(prepared.status().message().find("assignment 1: no role"), std::string_view::npos)
      << prepared.status();

  const Assignment out_of_range[] = {{policy.role_count(), ""}};
  prepared = policy.Prepare("p", out_of_range);
  ASSERT_FALSE(prepared.ok());
  EXPECT_EQ(prepared.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(prepared.status().message().find(
                fmt::format("assignment 0: role id {} is not in the policy", policy.role_count())),
            std::string_view::npos)
      << prepared.status();

  const Assignment unscopable[] = {{helpdesk, "au1"}, {helpdesk, ""}, {tenant_only, "au1"}};
  prepared = policy.Prepare("p", unscopable);
  ASSERT_FALSE(prepared.ok());
  EXPECT_NE(prepared.status().message().find(
                "assignment 2: role 'Prep Tenant Only' cannot be assigned at administrative-unit"),
            std::string_view::npos)
      << prepared.status();

  // No assignments is a principal that nothing allows.
  prepared = policy.Prepare("p", {});
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(policy.Check(*prepared, policy.FindAction("microsoft.directory/users/delete"), Target{},
                         Context{}),
            Decision::kDeny);
}

TEST(PreparedPrincipal, BoundToThePolicyThatPreparedIt) {
  const Policy& policy = PreparedTestPolicy();
  absl::StatusOr<std::shared_ptr<const Policy>> twin = Policy::Load(std::string(policy.bytes()));
  ASSERT_TRUE(twin.ok()) << twin.status();
  const RoleId global = policy.FindRole("Global Administrator");
  const Assignment assignments[] = {{global, ""}};
  absl::StatusOr<PreparedPrincipal> prepared = policy.Prepare("ga", assignments);
  ASSERT_TRUE(prepared.ok());
  const std::string action = "microsoft.directory/users/delete";
  const ActionId id = policy.FindAction(action);
  Target target;
  target.kind = TargetKind::kUser;
  ASSERT_EQ(policy.Check(*prepared, id, target, {}), Decision::kAllow);
  ASSERT_EQ(policy.Check(*prepared, std::string_view(action), target, {}), Decision::kAllow);
  // The same image loaded again is another Policy: fail closed, and say why.
  EXPECT_EQ((*twin)->Check(*prepared, id, target, {}), Decision::kDeny);
  EXPECT_EQ((*twin)->Check(*prepared, std::string_view(action), target, {}), Decision::kDeny);
  for (const Explanation& e : {(*twin)->Explain(*prepared, id, target, {}),
                               (*twin)->Explain(*prepared, std::string_view(action), target, {})}) {
    EXPECT_EQ(e.decision, Decision::kDeny);
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_NE(e.errors[0].find("not prepared by this policy"), std::string::npos);
  }
  // Prepared again for the twin, it allows there.
  absl::StatusOr<PreparedPrincipal> again = (*twin)->Prepare("ga", assignments);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*twin)->Check(*again, id, target, {}), Decision::kAllow);
  // A default-constructed principal is prepared for nothing.
  const PreparedPrincipal empty;
  EXPECT_EQ(policy.Check(empty, id, target, {}), Decision::kDeny);
  EXPECT_TRUE(empty.assignments().empty());
  EXPECT_EQ(policy.Explain(empty, id, target, {}).errors.size(), 1u);
}

TEST(PreparedPrincipal, OwnsItsStringsAcrossCopiesAndMoves) {
  const Policy& policy = PreparedTestPolicy();
  const RoleId unit_role = policy.FindRole("Prep Unit");
  ASSERT_NE(unit_role, kNoRole);
  const std::string action = "microsoft.directory/users/delete";
  const ActionId id = policy.FindAction(action);
  const std::string_view target_units[] = {"au2"};
  Target target;
  target.kind = TargetKind::kUser;
  target.admin_units = target_units;

  PreparedPrincipal moved;
  {
    // The caller's strings die (and their bytes change) right after Prepare.
    auto id_text = std::make_unique<std::string>("principal-with-a-long-id-beyond-sso");
    auto unit = std::make_unique<std::string>("au2");
    const Assignment assignments[] = {{unit_role, *unit}};
    absl::StatusOr<PreparedPrincipal> prepared = policy.Prepare(*id_text, assignments);
    ASSERT_TRUE(prepared.ok());
    (*unit)[2] = '9';
    (*id_text)[0] = 'X';
    unit.reset();
    id_text.reset();
    const PreparedPrincipal copy = *prepared;
    moved = std::move(*prepared);
    EXPECT_EQ(policy.Check(copy, id, target, {}), Decision::kAllow);
  }
  EXPECT_EQ(moved.principal_id(), "principal-with-a-long-id-beyond-sso");
  ASSERT_EQ(moved.assignments().size(), 1u);
  EXPECT_EQ(moved.assignments()[0].admin_unit, "au2");
  EXPECT_EQ(policy.Check(moved, id, target, {}), Decision::kAllow);
  const Explanation e = policy.Explain(moved, std::string_view(action), target, {});
  ASSERT_EQ(e.reasons.size(), 1u);
  EXPECT_EQ(e.reasons[0].assignment_index, 0u);
  // Scoped to au2, not to au3.
  const std::string_view other_units[] = {"au3"};
  target.admin_units = other_units;
  EXPECT_EQ(policy.Check(moved, id, target, {}), Decision::kDeny);
}

}  // namespace
}  // namespace rolec::testing
