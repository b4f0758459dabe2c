// rolec/analysis.hpp — questions over roles rather than over one request: who can perform an
// action, what two roles' permissions differ in, whether one role allows everything another does.
//
//   ROLEC_ASSIGN_OR_RETURN(auto who, rolec::analysis::WhoCan(*policy, "microsoft.directory/users/password/update"));
//   for (const rolec::analysis::WhoCanGroup& group : who.groups) ...
//
// Every answer is computed by asking Policy::Check on the representative requests of a finite
// request domain (docs/analysis.md): the requests that differ only in facts no condition and no
// evaluator step reads are one case, so the analyses agree with the evaluator by construction and
// are exact over the domain. Each function returns an error (never throws) for an unknown action
// or a domain that would exceed the documented bound.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"

namespace rolec::analysis {

// A role of one loaded policy (two RoleRefs may name different policies: two versions of a role).
struct RoleRef {
  const Policy* policy = nullptr;
  RoleId role = kNoRole;
};

// A set of cases of the domain, described as a disjunction of conjunctions of facts, e.g.
// {{"target.roles within entra.non_administrator_roles", "not target.role_assignable_group_member"}}.
// An empty `terms` is no case; one empty term is every case.
struct CaseSet {
  std::vector<std::vector<std::string>> terms;
  uint32_t count = 0;  // how many representative cases it holds
  uint32_t of = 0;     // of how many in the domain
  bool none() const { return terms.empty(); }
  bool all() const { return terms.size() == 1 && terms[0].empty(); }
};
// "any target", "never", or "A and B; or C".
std::string FormatCaseSet(const CaseSet& cases);

// The cases of one question split by the scope of the assignment.
struct ScopedCases {
  CaseSet tenant;      // assigned at "/"
  CaseSet unit;        // assigned at an administrative unit; empty when not unit_assignable
  bool unit_assignable = false;  // some role concerned may be assigned at a unit
};

// ---- who-can

// A role that allows the action for some case, with the allow rules covering it.
struct RoleGrant {
  RoleId role = kNoRole;
  std::vector<uint32_t> allow_rules;   // Policy::rule() indices, allows covering the action
  std::vector<uint32_t> except_rules;  // excepts covering it
};

// Roles whose allowed cases are the same.
struct WhoCanGroup {
  ScopedCases cases;
  std::vector<RoleGrant> roles;  // by name
};

struct WhoCanResult {
  ActionId action = kNoAction;
  std::vector<WhoCanGroup> groups;  // most cases first
  std::vector<RoleGrant> never;     // roles whose allow rules cover the action but never allow it
  uint32_t domain_cases = 0;        // tenant + unit representative cases evaluated per role
};

// Every role of `policy` that allows catalog action `action` for some request, grouped.
absl::StatusOr<WhoCanResult> WhoCan(const Policy& policy, std::string_view action);

// One role that allows the action on the given target, at `scope` by rule `rule`.
struct TargetGrant {
  RoleId role = kNoRole;
  std::string scope;  // "/" or "/administrativeUnits/<id>"
  uint32_t rule = 0;  // the allow rule Explain names
};
// Every role allowing `question.action` on `question.target` (principal id and context from
// `question`; its assignments are ignored), at tenant scope, and at each of the target's units
// for roles assignable there.
absl::StatusOr<std::vector<TargetGrant>> WhoCanOn(const Policy& policy, const OwnedRequest& question);

// ---- diff and subsumes

struct ActionDiff {
  enum class Kind : uint8_t { kOnlyA, kOnlyB, kDifferent };
  Kind kind = Kind::kOnlyA;
  std::string action;
  ScopedCases a_not_b;  // the cases A allows and B does not
  ScopedCases b_not_a;  // the cases B allows and A does not
};

struct DiffResult {
  std::vector<ActionDiff> diffs;  // by action name
  uint32_t same = 0;              // actions both allow in exactly the same cases
  uint32_t compared = 0;          // actions either role's allow rules cover
};

// Exact over the catalog (the actions either role covers, by name) and the domain.
absl::StatusOr<DiffResult> Diff(RoleRef a, RoleRef b);

struct SubsumesResult {
  bool subsumes = false;
  // When not: an action and a request B allows (assignment: B's role at its scope) ...
  std::string action;
  OwnedRequest witness;
  // ... and the same request with A assigned at that scope (when A may be assigned there) and at
  // tenant scope, each of which Check denies.
  std::vector<OwnedRequest> denied_as_a;
  uint32_t actions = 0;  // actions B covers, all checked when subsumes
};
// Whether A covers B: for every request B allows with B assigned at scope S, A allows the same
// request assigned at S (if A may be assigned at S) or at tenant scope. Per scope, this is "A
// allows every request B allows"; across scopes, a tenant-wide A covers a unit-scoped B where the
// tenant-wide assignment reaches what the unit one does (not, for example, a member of a
// restricted management unit: docs/analysis.md).
absl::StatusOr<SubsumesResult> Subsumes(RoleRef a, RoleRef b);

// ---- least privileged (docs/analysis.md § Least privileged)

// One thing a role must allow: an action — a catalog action, or a keyword query such as
// microsoft.directory/signInReports/allProperties/read — either on one given request (`target`:
// its principal id, target and context; its assignments are ignored), as WhoCanOn decides it, or,
// without `target`, for some request, as WhoCan decides it. A keyword query is always decided on a
// given request (the analyses enumerate catalog actions only).
struct Need {
  std::string action;
  std::optional<OwnedRequest> target;
  std::string target_text;  // how the target is described ("a user holding no role"); "" if none
};

// A task of the task table: a name an administrator uses, and the needs it stands for.
struct Task {
  std::string name;         // "reset the password of a non-administrator"
  std::string description;  // what is asked, in one sentence
  std::vector<Need> needs;
};
// The task table (docs/analysis.md § Tasks), by name.
const std::vector<Task>& Tasks();
// The task named `name` (ASCII case-insensitive, exact), or nullptr.
const Task* FindTask(std::string_view name);

// The needs one word of a question stands for: a task's needs, or one action — with `target`
// when given (a keyword query without one gets the default request: a user with no facts,
// principal "principal"). A given `target` also applies to a task's needs that have none; it is
// InvalidArgument for a task whose needs fix their own target. NotFound for a word that is neither
// a task nor an action rolec knows (a catalog action, or a keyword query that covers a catalog
// action or that some rule grants); InvalidArgument for a malformed keyword query.
absl::StatusOr<std::vector<Need>> ResolveNeeds(const Policy& policy, std::string_view word,
                                               const std::optional<OwnedRequest>& target);

// What each role of a policy allows over the whole catalog: for every catalog action, the domain
// over the roles that cover it, and the cases each allows (at its scope or tenant-wide, as
// Subsumes counts them). Built once (it decides every case of every action); then a question is
// a few lookups and, for a given target, one Check per role and scope. The policy must outlive it.
class RoleIndex {
 public:
  static absl::StatusOr<RoleIndex> Build(const Policy& policy);

  // The size of what a role allows.
  struct Profile {
    uint32_t permissions = 0;             // catalog actions it allows for some request
    uint32_t privileged_permissions = 0;  // of those, the ones the catalog labels privileged
    uint64_t cases = 0;                   // (action, case) pairs it allows
    // Permissions outside the catalog: the distinct patterns of its allow rules that denote no
    // catalog action (microsoft.office365.supportTickets/allEntities/allTasks, ...). Their
    // requests are not enumerated: they count as grants, never as cases.
    uint32_t outside_catalog = 0;
  };
  const Policy& policy() const;
  const Profile& profile(RoleId role) const;
  // Whether some request with one assignment of `role` allows catalog action `action`.
  bool AllowsSomeRequest(RoleId role, ActionId action) const;
  // Such a request (its representative case), or nullopt.
  std::optional<OwnedRequest> Witness(RoleId role, ActionId action) const;
  // Whether `a` allows every request `b` allows, in the sense of Subsumes(a, b): over the catalog.
  bool Covers(RoleId a, RoleId b) const;
  // The role's permissions outside the catalog, lower-cased, sorted.
  const std::vector<std::string>& OutsideCatalog(RoleId role) const;
  // Representative cases over all actions (the sum of the domains' sizes).
  uint64_t cases() const;

 private:
  struct Impl;
  explicit RoleIndex(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// How a role meets one need.
struct NeedGrant {
  std::string scope;     // the assignment's scope, "/" or "/administrativeUnits/<id>"
  uint32_t rule = 0;     // the allow rule Explain names for `witness`
  OwnedRequest witness;  // a request with that one assignment that Check allows
};

// What separates a ranked role from the next one (docs/analysis.md § Ranking).
enum class RankCriterion : uint8_t {
  kSubsumption,            // the next one allows everything it does (Subsumes, and each of its
                           // permissions outside the catalog), and more
  kPrivilegedPermissions,  // fewer privileged permissions
  kPermissions,            // fewer permissions
  kCases,                  // the same number of permissions, in fewer cases
  kOutsideCatalog,         // alike over the catalog, fewer permissions outside it
  kTier,                   // not labelled privileged, the next one is (the tier proxy)
  kName,                   // alike in all of the above: by name
};

struct RankedRole {
  RoleId role = kNoRole;
  RoleIndex::Profile profile;
  // The scopes of one assignment that meets every need with a target (units first, "/" last);
  // empty when no need has one.
  std::vector<std::string> scopes;
  std::vector<NeedGrant> grants;  // one per need, in order
  // Against the next role; absent for the last one.
  std::optional<RankCriterion> before_next;
  // The next one allows exactly the same catalog requests and has the same permissions outside
  // the catalog.
  bool same_as_next = false;
};

struct LeastPrivilegedResult {
  std::vector<Need> needs;
  std::vector<RankedRole> roles;  // least privileged first
};

// The roles that meet every need — one assignment at one scope for all the needs with a target,
// and some request for each need without — ranked least privileged first: by (privileged
// permissions, permissions, cases, permissions outside the catalog, labelled privileged, name),
// an order in which a role always comes before any role that strictly covers it (Subsumes;
// docs/analysis.md proves it).
absl::StatusOr<LeastPrivilegedResult> LeastPrivileged(const RoleIndex& index, std::vector<Need> needs);
// The same for catalog actions, keyword queries or task names, on `target` if given. Builds the
// index: ask many questions of one policy through a RoleIndex instead.
absl::StatusOr<LeastPrivilegedResult> LeastPrivileged(const Policy& policy,
                                                      absl::Span<const std::string> actions,
                                                      const std::optional<OwnedRequest>& target);

}  // namespace rolec::analysis
