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
#include "rolec/export.h"
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
ROLEC_API std::string FormatCaseSet(const CaseSet& cases);

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
ROLEC_API absl::StatusOr<WhoCanResult> WhoCan(const Policy& policy, std::string_view action);

// One role that allows the action on the given target, at `scope` by rule `rule`.
struct TargetGrant {
  RoleId role = kNoRole;
  std::string scope;  // "/" or "/administrativeUnits/<id>"
  uint32_t rule = 0;  // the allow rule Explain names
};
// Every role allowing `question.action` on `question.target` (principal id and context from
// `question`; its assignments are ignored), at tenant scope, and at each of the target's units
// for roles assignable there.
ROLEC_API absl::StatusOr<std::vector<TargetGrant>> WhoCanOn(const Policy& policy,
                                                            const OwnedRequest& question);

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
ROLEC_API absl::StatusOr<DiffResult> Diff(RoleRef a, RoleRef b);

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
ROLEC_API absl::StatusOr<SubsumesResult> Subsumes(RoleRef a, RoleRef b);

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
ROLEC_API absl::StatusOr<ConditionCases> RuleConditionCases(const Policy& policy, uint32_t rule);

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
ROLEC_API const std::vector<EdgeKindInfo>& EdgeKinds();
ROLEC_API const EdgeKindInfo& EdgeKindOf(EdgeKind kind);

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
ROLEC_API absl::StatusOr<EscalationGraph> BuildEscalationGraph(const Policy& policy);

// "can reset the password of a Global Administrator holder: microsoft.directory/users/password/update,
// any target" (one line; names from the policy as they are).
ROLEC_API std::string DescribeEdge(const Policy& policy, const EscalationEdge& edge);

// Whether an edge counts for reachability, tiers and the lint rule: a takeover edge that does not
// need ownership (with all_kinds, every edge).
ROLEC_API bool Standing(const EscalationEdge& edge, bool all_kinds = false);

// Shortest paths (fewest edges) from every role to `to`, by BFS backwards over standing edges.
struct ROLEC_API PathsTo {
  RoleId to = kNoRole;
  std::vector<int32_t> distance;     // per role: edges to `to`; -1 unreachable; 0 for `to`
  std::vector<uint32_t> next_edge;   // per role: the first edge of one shortest path
  // The edges of one shortest path from `from` (empty if unreachable or from == to).
  std::vector<uint32_t> Path(RoleId from, const EscalationGraph& graph) const;
};
ROLEC_API PathsTo ShortestPathsTo(const EscalationGraph& graph, RoleId to, bool all_kinds = false);

// reachable[r][s]: a holder of r reaches s over standing edges (r != s; BFS from every role).
ROLEC_API std::vector<std::vector<bool>> TransitiveClosure(const EscalationGraph& graph,
                                                           bool all_kinds = false);

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
ROLEC_API absl::StatusOr<TierReport> Tiers(const EscalationGraph& graph);

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
ROLEC_API const std::vector<Task>& Tasks();
// The task named `name` (ASCII case-insensitive, exact), or nullptr.
ROLEC_API const Task* FindTask(std::string_view name);

// The needs one word of a question stands for: a task's needs, or one action — with `target`
// when given (a keyword query without one gets the default request: a user with no facts,
// principal "principal"). A given `target` also applies to a task's needs that have none; it is
// InvalidArgument for a task whose needs fix their own target. NotFound for a word that is neither
// a task nor an action rolec knows (a catalog action, or a keyword query that covers a catalog
// action or that some rule grants); InvalidArgument for a malformed keyword query.
ROLEC_API absl::StatusOr<std::vector<Need>> ResolveNeeds(
    const Policy& policy, std::string_view word, const std::optional<OwnedRequest>& target);

// What each role of a policy allows over the whole catalog: for every catalog action, the domain
// over the roles that cover it, and the cases each allows (at its scope or tenant-wide, as
// Subsumes counts them). Built once (it decides every case of every action); then a question is
// a few lookups and, for a given target, one Check per role and scope. The policy must outlive it.
class ROLEC_API RoleIndex {
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
  // The role's tier (0, 1 or 2) in the tier report of the policy's escalation graph, which Build
  // builds too (docs/analysis.md § Tiers); in a policy without a Global Administrator no role is
  // tier 0.
  int tier(RoleId role) const;

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
  kTier,                   // alike in size, in a higher tier (less reach) than the next one
  kPrivilegedLabel,        // alike in size and tier, not labelled privileged, the next one is
  kName,                   // alike in all of the above: by name
};

struct RankedRole {
  RoleId role = kNoRole;
  RoleIndex::Profile profile;
  int tier = 2;  // RoleIndex::tier
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
// permissions, permissions, cases, permissions outside the catalog, tier — higher first —,
// labelled privileged, name),
// an order in which a role always comes before any role that strictly covers it (Subsumes;
// docs/analysis.md proves it).
ROLEC_API absl::StatusOr<LeastPrivilegedResult> LeastPrivileged(const RoleIndex& index,
                                                                std::vector<Need> needs);
// The same for catalog actions, keyword queries or task names, on `target` if given. Builds the
// index: ask many questions of one policy through a RoleIndex instead.
ROLEC_API absl::StatusOr<LeastPrivilegedResult> LeastPrivileged(
    const Policy& policy, absl::Span<const std::string> actions,
    const std::optional<OwnedRequest>& target);

}  // namespace rolec::analysis
