// analysis/tasks.cc — the task table of `rolec least-privileged` (names an administrator uses for
// what they need done, each standing for actions and the target facts it implies), and turning the
// words of a question — task names, catalog actions, keyword queries — into needs.
//
// The table is documented in docs/analysis.md § Tasks; a test checks that every action is one the
// catalog holds or a keyword permission some built-in role grants.
#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis {
namespace {

constexpr char kPrincipal[] = "principal";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The request `rolec eval` asks without target flags: principal "principal", a user target with no
// roles, no units, no flags.
OwnedRequest DefaultRequest() {
  OwnedRequest request;
  request.principal_id = kPrincipal;
  request.target.kind = TargetKind::kUser;
  return request;
}

OwnedRequest TargetOfKind(TargetKind kind) {
  OwnedRequest request = DefaultRequest();
  request.target.kind = kind;
  return request;
}

// The most protected user a tenant-wide assignment reaches: a Global Administrator who is also a
// member of a role-assignable group and holds a role scoped to a restricted management unit.
OwnedRequest MostProtectedUser() {
  OwnedRequest request = DefaultRequest();
  request.target.roles = {"Global Administrator"};
  request.target.role_assignable_group_member = true;
  request.target.role_scoped_to_restricted_admin_unit = true;
  return request;
}

Need On(std::string action, OwnedRequest target, std::string text) {
  return Need{std::move(action), std::move(target), std::move(text)};
}

Need ForSome(std::string action) { return Need{std::move(action), std::nullopt, ""}; }

constexpr char kNoRoleUser[] = "a user holding no role";
constexpr char kTenant[] = "the tenant (no target facts)";

std::vector<Task> BuildTasks() {
  OwnedRequest global_admin = DefaultRequest();
  global_admin.target.roles = {"Global Administrator"};
  const OwnedRequest user = DefaultRequest();
  const std::string reset = "microsoft.directory/users/password/update";
  std::vector<Task> tasks = {
      {"reset the password of a non-administrator",
       "Reset the password of a user who holds no directory role.",
       {On(reset, user, kNoRoleUser)}},
      {"reset the password of a global administrator",
       "Reset the password of a user who holds Global Administrator.",
       {On(reset, global_admin, "a user holding Global Administrator")}},
      {"reset the password of any user",
       "Reset the password of a user with no role and of the most protected user a tenant-wide "
       "assignment reaches (a Global Administrator in a role-assignable group, holding a role "
       "scoped to a restricted unit).",
       {On(reset, user, kNoRoleUser),
        On(reset, MostProtectedUser(),
           "a Global Administrator who is a role-assignable group member and holds a "
           "restricted-unit role")}},
      {"manage authentication methods of a non-administrator",
       "Add, update and delete the authentication methods of a user who holds no role.",
       {On("microsoft.directory/users/authenticationMethods/create", user, kNoRoleUser),
        On("microsoft.directory/users/authenticationMethods/basic/update", user, kNoRoleUser),
        On("microsoft.directory/users/authenticationMethods/delete", user, kNoRoleUser)}},
      {"create a user", "Create users.", {ForSome("microsoft.directory/users/create")}},
      {"delete a non-administrator", "Delete a user who holds no role.",
       {On("microsoft.directory/users/delete", user, kNoRoleUser)}},
      {"disable a non-administrator", "Block sign-in of a user who holds no role.",
       {On("microsoft.directory/users/disable", user, kNoRoleUser)}},
      {"add a member to a security group",
       "Update the members of a security group that is not role-assignable.",
       {On("microsoft.directory/groups.security/members/update", TargetOfKind(TargetKind::kGroup),
           "a security group that is not role-assignable")}},
      {"create a group", "Create groups.", {ForSome("microsoft.directory/groups/create")}},
      {"read sign-in logs", "Read the sign-in logs (the keyword permission Graph lists).",
       {On("microsoft.directory/signInReports/allProperties/read", DefaultRequest(), kTenant)}},
      {"read audit logs", "Read the audit logs (the keyword permission Graph lists).",
       {On("microsoft.directory/auditLogs/allProperties/read", DefaultRequest(), kTenant)}},
      {"create a support ticket",
       "Create and manage Azure and Microsoft 365 support tickets.",
       {On("microsoft.azure.supportTickets/allEntities/allTasks", DefaultRequest(), kTenant),
        On("microsoft.office365.supportTickets/allEntities/allTasks", DefaultRequest(), kTenant)}},
      {"manage application credentials",
       "Add or update the credentials of an application and of a service principal the principal "
       "does not own.",
       {On("microsoft.directory/applications/credentials/update",
           TargetOfKind(TargetKind::kApplication), "an application the principal does not own"),
        On("microsoft.directory/servicePrincipals/credentials/update",
           TargetOfKind(TargetKind::kServicePrincipal),
           "a service principal the principal does not own")}},
      {"create an application", "Register applications.",
       {ForSome("microsoft.directory/applications/create")}},
      {"assign roles", "Create and delete directory role assignments (the keyword permission).",
       {On("microsoft.directory/roleAssignments/allProperties/allTasks", DefaultRequest(), kTenant)}},
      {"manage conditional access policies",
       "Create, update and delete Conditional Access policies.",
       {ForSome("microsoft.directory/conditionalAccessPolicies/create"),
        ForSome("microsoft.directory/conditionalAccessPolicies/basic/update"),
        ForSome("microsoft.directory/conditionalAccessPolicies/delete")}},
      {"read bitlocker keys", "Read the BitLocker recovery key of a device.",
       {On("microsoft.directory/bitlockerKeys/key/read", TargetOfKind(TargetKind::kDevice),
           "a device")}},
  };
  std::sort(tasks.begin(), tasks.end(), [](const Task& x, const Task& y) { return x.name < y.name; });
  return tasks;
}

// A segment of the action is a keyword (allEntities, allProperties, allTasks).
bool HasKeyword(std::string_view action) {
  size_t start = 0;
  while (start <= action.size()) {
    size_t end = action.find('/', start);
    if (end == std::string_view::npos) end = action.size();
    const std::string_view segment = action.substr(start, end - start);
    for (std::string_view keyword : {"allEntities", "allProperties", "allTasks"}) {
      if (EqualsIgnoreCase(segment, keyword)) return true;
    }
    start = end + 1;
  }
  return false;
}

// Some rule of the policy names `query` as one of its patterns.
bool SomeRuleGrants(const Policy& policy, std::string_view query) {
  for (uint32_t rule = 0; rule < policy.rule_count(); ++rule) {
    const RuleInfo info = policy.rule(rule);
    if (info.is_except) continue;
    for (std::string_view pattern : info.patterns) {
      if (EqualsIgnoreCase(pattern, query)) return true;
    }
  }
  return false;
}

}  // namespace

const std::vector<Task>& Tasks() {
  static const std::vector<Task> kTasks = BuildTasks();
  return kTasks;
}

const Task* FindTask(std::string_view name) {
  for (const Task& task : Tasks()) {
    if (EqualsIgnoreCase(task.name, name)) return &task;
  }
  return nullptr;
}

absl::StatusOr<std::vector<Need>> ResolveNeeds(const Policy& policy, std::string_view word,
                                               const std::optional<OwnedRequest>& target) {
  if (const Task* task = FindTask(word)) {
    std::vector<Need> needs = task->needs;
    for (Need& need : needs) {
      if (!target) continue;
      if (need.target) {
        return absl::InvalidArgumentError(fmt::format(
            "task '{}' fixes its own target ({} for {}); to ask about another target, give its "
            "actions with the target flags",
            task->name, need.target_text, need.action));
      }
      need.target = target;
    }
    return needs;
  }
  const ActionId id = policy.FindAction(word);
  if (id != kNoAction) {
    return std::vector<Need>{Need{std::string(policy.action(id).name), target, ""}};
  }
  if (!HasKeyword(word)) {
    return absl::NotFoundError(fmt::format("unknown action or task '{}': not in the catalog", word));
  }
  // A keyword query: well formed (Explain reports a keyword out of place as an error), and one
  // rolec knows — it denotes catalog actions, or a rule grants it by name.
  Request probe;
  probe.principal_id = kPrincipal;
  probe.action = word;
  probe.target.kind = TargetKind::kUser;
  const Explanation explanation = policy.Explain(probe);
  if (!explanation.errors.empty()) {
    return absl::InvalidArgumentError(fmt::format("'{}': {}", word, explanation.errors[0]));
  }
  if (policy.PatternActions(word).empty() && !SomeRuleGrants(policy, word)) {
    return absl::NotFoundError(fmt::format(
        "unknown action or task '{}': a keyword query that denotes no catalog action and that no "
        "role grants",
        word));
  }
  Need need{std::string(word), target, ""};
  if (!need.target) {
    need.target = DefaultRequest();
    need.target_text = "the default request (a keyword query is decided on one request)";
  }
  return std::vector<Need>{std::move(need)};
}

}  // namespace rolec::analysis
