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
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
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

// ---- the cases of one rule's condition (lint: condition-always-true, condition-always-false)

// The value of a rule's condition in every case of the domain of every catalog action the rule
// covers for its role (allow rules: the actions its patterns cover; except rules: those of them
// an allow of the role covers too), at every scope the role may be assigned at: the tenant half,
// and the unit half only if the role is admin_unit_scopable. A rule whose patterns cover no
// catalog action is decided over the domain of its first pattern. Cases are counted per action.
struct ConditionCases {
  uint32_t true_cases = 0;   // the (action, case) pairs in which the condition holds
  uint32_t false_cases = 0;  // ... in which it does not
  uint32_t of = 0;           // all of them: true_cases + false_cases
  uint32_t tenant_true = 0, tenant_of = 0;  // the tenant half's share
  uint32_t unit_true = 0, unit_of = 0;      // the unit half's (0 of 0 if not unit_assignable)
  uint32_t actions = 0;                     // catalog actions whose domains were enumerated
  bool unit_assignable = false;             // the role may be assigned at an administrative unit
  // Facts the condition reads whose value is the same in every case, each with why, e.g.
  // "`target.roles within entra.all_roles` holds for every target: the set holds every role".
  std::vector<std::string> fixed_facts;
  bool always_true() const { return of > 0 && false_cases == 0; }
  bool always_false() const { return of > 0 && true_cases == 0; }
};
// InvalidArgument if `rule` is not a rule of `policy` or has no condition; the domain's bounds as
// for the other functions.
absl::StatusOr<ConditionCases> RuleConditionCases(const Policy& policy, uint32_t rule);

// ---- escalation (docs/analysis.md § Escalation)

// How a holder of one role takes over (or weakens the protection of) a holder of another. Each
// kind is a row of EdgeKinds(): probe actions and the target that stands for "a holder of S".
enum class EdgeKind : uint8_t {
  kPasswordReset,          // reset the password of a user holding S
  kAuthenticationMethods,  // register or change an authentication method of a user holding S
  kRoleAssignment,         // create an assignment of S (to themselves)
  kRoleAssignableGroup,    // add a member or owner to a role-assignable group holding S
  kServicePrincipalCredentials,  // add a credential or an owner to a service principal holding S
  kApplicationCredentials,       // the same on the application whose service principal holds S
  kConditionalAccess,      // change the Conditional Access policies protecting every role
};

// One action rolec asks Policy::Check about for an edge kind, and the target it asks it on.
struct EdgeProbe {
  std::string_view action;       // a catalog action, or a name matched by pattern (a keyword query)
  TargetKind target_kind = TargetKind::kUser;
  bool role_assignable = false;  // the target is a role-assignable group
  bool target_holds_role = true; // the target holds S; false: a tenant-wide object (a policy)
};

struct EdgeKindInfo {
  EdgeKind kind = EdgeKind::kPasswordReset;
  std::string_view id;      // "password-reset"
  std::string_view phrase;  // "can reset the password of"
  std::string_view holder;  // "a {} holder": what the edge reaches, {} = the role's name
  std::string_view source;  // the Entra docs page (and section) the kind comes from
  // A takeover edge hands the holder of R the identity of a holder of S; a protection edge only
  // weakens what protects S (tiers count takeover edges only).
  bool takeover = true;
  std::vector<EdgeProbe> probes;  // in order of preference
};
// Every edge kind, in EdgeKind order.
const std::vector<EdgeKindInfo>& EdgeKinds();
const EdgeKindInfo& EdgeKindOf(EdgeKind kind);

// R -> S: a holder of R (assigned at tenant scope) can take over a holder of S.
struct EscalationEdge {
  RoleId from = kNoRole;
  RoleId to = kNoRole;
  EdgeKind kind = EdgeKind::kPasswordReset;
  std::string action;  // the probe action Check allows (the one allowed in the most cases)
  // The target facts besides its roles under which it is allowed ("any target", or e.g. "not
  // target.role_assignable_group_member"): exact over the facts the conditions concerned read.
  CaseSet condition;
  // True when every allowed case has `principal owns target`: the edge exists only for objects
  // the holder of R already owns, which rolec cannot see (tiers do not count it).
  bool needs_ownership = false;
  OwnedRequest witness;  // a request Check allows: R@/, `action`, a target holding exactly S
};

struct EscalationGraph {
  const Policy* policy = nullptr;
  std::vector<EscalationEdge> edges;         // by from, to, kind
  std::vector<std::vector<uint32_t>> out;    // per role: indices of its edges
  uint64_t checks = 0;                       // Policy::Check calls made
};
// Every edge between the roles of `policy`, decided by Policy::Check on concrete requests. Error
// (ResourceExhausted) if the conditions of one role and action read more than 12 target facts.
absl::StatusOr<EscalationGraph> BuildEscalationGraph(const Policy& policy);

// "can reset the password of a Global Administrator holder: microsoft.directory/users/password/update,
// any target" (one line; names from the policy as they are).
std::string DescribeEdge(const Policy& policy, const EscalationEdge& edge);

// Whether an edge counts for reachability, tiers and the lint rule: a takeover edge that does not
// need ownership (with all_kinds, every edge).
bool Standing(const EscalationEdge& edge, bool all_kinds = false);

// Shortest paths (fewest edges) from every role to `to`, by BFS backwards over standing edges.
struct PathsTo {
  RoleId to = kNoRole;
  std::vector<int32_t> distance;     // per role: edges to `to`; -1 unreachable; 0 for `to`
  std::vector<uint32_t> next_edge;   // per role: the first edge of one shortest path
  // The edges of one shortest path from `from` (empty if unreachable or from == to).
  std::vector<uint32_t> Path(RoleId from, const EscalationGraph& graph) const;
};
PathsTo ShortestPathsTo(const EscalationGraph& graph, RoleId to, bool all_kinds = false);

// reachable[r][s]: a holder of r reaches s over standing edges (r != s; BFS from every role).
std::vector<std::vector<bool>> TransitiveClosure(const EscalationGraph& graph, bool all_kinds = false);

// ---- tiers (docs/analysis.md § Tiers)

struct TierEntry {
  RoleId role = kNoRole;
  int tier = 2;
  std::vector<uint32_t> path;     // tier 0: a shortest path of standing edges to Global Administrator
  // tier 1: the first privileged action an unconditional allow rule grants and no except removes
  ActionId privileged_action = kNoAction;
  std::vector<uint32_t> weakens;  // protection edges to tier-0 roles (any tier), first of each kind
};
struct TierReport {
  RoleId global_administrator = kNoRole;
  std::vector<TierEntry> roles;  // by tier, then name
  uint32_t count[3] = {0, 0, 0};
};
// Tier 0: Global Administrator, and every role with a standing path to it. Tier 1: not tier 0,
// and an unconditional allow rule grants it a privileged action no except removes, or it has a
// standing edge to another role. Tier 2: the rest.
// Error if the policy has no Global Administrator.
absl::StatusOr<TierReport> Tiers(const EscalationGraph& graph);

}  // namespace rolec::analysis
