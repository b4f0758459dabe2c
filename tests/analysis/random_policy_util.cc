// tests/analysis/random_policy_util.cc — see random_policy_util.h.
#include "analysis/random_policy_util.h"

#include "absl/status/statusor.h"
#include "fmt/format.h"
#include "gtest/gtest.h"

namespace rolec::analysis_test {

const char* const kRandomActions[8] = {
    "microsoft.directory/users/password/update",
    "microsoft.directory/users/basic/update",
    "microsoft.directory/users/delete",
    "microsoft.directory/groups/members/update",
    "microsoft.directory/devices/delete",
    "microsoft.directory/bitlockerKeys/key/read",
    "microsoft.directory/applications/credentials/update",
    "microsoft.directory/users/standard/read",
};

const char* const kRandomTargetRoles[7] = {
    "User", "Global Administrator", "Helpdesk Administrator", "Directory Readers",
    "Password Administrator", "User Administrator", "Groups Administrator",
};


namespace {

std::string Predicate(Random& r) {
  switch (r.Uniform(0, 16)) {
    case 0: return "target.kind == user";
    case 1: return "target.kind in [group, device]";
    case 2: return "target.roles within entra.non_administrator_roles";
    case 3: return "target.roles within entra.helpdesk_administrator_resettable";
    case 4: return R"(target.roles in ["Helpdesk Administrator", "Directory Readers"])";
    case 5: return R"(target.roles has entra."Global Administrator")";
    case 6: return "target.role_assignable_group_member";
    case 7: return "target.restricted_au_role";
    case 8: return "target.in_restricted_au";
    case 9: return "target.role_assignable";
    case 10: return R"(target.admin_units has "au1")";
    case 11: return "target is self";
    case 12: return "principal owns target";
    case 13: return "scope is tenant";
    case 14: return R"(scope.admin_unit == "au2")";
    case 15: return "context.mfa";
    default: return "scope is admin_unit";
  }
}

std::string Condition(Random& r, int depth) {
  if (depth == 0 || r.Chance(35)) return r.Chance(25) ? "not " + Predicate(r) : Predicate(r);
  const char* op = r.Chance(50) ? " and " : " or ";
  std::string text = "(" + Condition(r, depth - 1) + op + Condition(r, depth - 1) + ")";
  return r.Chance(20) ? "not " + text : text;
}

}  // namespace

std::string RandomRoles(Random& r) {
  std::string text = "import entra\n";
  for (int i = 0; i < 4; ++i) {
    text += fmt::format("role \"Prop Role {}\" {{\n", i);
    if (r.Chance(20)) text += "  admin_unit_scopable false\n";
    const int rules = r.Uniform(1, 4);
    for (int k = 0; k < rules; ++k) {
      const bool except = k > 0 && r.Chance(30);
      std::string actions = r.Pick(kRandomActions);
      if (r.Chance(30)) actions += std::string(", ") + r.Pick(kRandomActions);
      text += fmt::format("  {} {}", except ? "except" : "allow", actions);
      if (r.Chance(75)) text += " when " + Condition(r, 3);
      text += "\n";
    }
    text += "}\n";
  }
  return text;
}

// A random request for one assignment of `role`; `storage` keeps the strings.
OwnedRequest RandomRequest(Random& r, const std::string& role, const std::string& action) {
  OwnedRequest q;
  q.principal_id = "alice";
  OwnedAssignment a;
  a.role = role;
  a.scope = r.Chance(50) ? "/" : fmt::format("/administrativeUnits/au{}", r.Uniform(1, 3));
  q.assignments.push_back(a);
  q.action = action;
  static const TargetKind kKinds[] = {TargetKind::kUser, TargetKind::kUser, TargetKind::kGroup,
                                      TargetKind::kDevice, TargetKind::kApplication,
                                      TargetKind::kServicePrincipal, TargetKind::kOther};
  q.target.kind = r.Pick(kKinds);
  q.target.id = r.Chance(15) ? "alice" : "bob";
  const int roles = r.Chance(40) ? 0 : r.Uniform(1, 3);
  for (int i = 0; i < roles; ++i) q.target.roles.push_back(r.Pick(kRandomTargetRoles));
  q.target.role_assignable_group_member = r.Chance(25);
  q.target.role_scoped_to_restricted_admin_unit = r.Chance(20);
  q.target.role_assignable = r.Chance(25);
  for (int au = 1; au <= 3; ++au) {
    if (r.Chance(40)) q.target.admin_units.push_back(fmt::format("au{}", au));
  }
  for (const std::string& unit : q.target.admin_units) {
    if (r.Chance(20)) q.target.restricted_admin_units.push_back(unit);
  }
  q.target.in_restricted_admin_unit = r.Chance(15);
  if (r.Chance(20)) q.target.owners.push_back("alice");
  q.context.mfa = r.Chance(50);
  return q;
}

Decision CheckOwned(const Policy& policy, const OwnedRequest& owned) {
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, owned);
  EXPECT_TRUE(bound.ok()) << bound.status();
  return bound.ok() ? policy.Check(bound->request()) : Decision::kDeny;
}

std::vector<std::string> CustomRoles() {
  return {"Prop Role 0", "Prop Role 1", "Prop Role 2", "Prop Role 3"};
}

}  // namespace rolec::analysis_test
