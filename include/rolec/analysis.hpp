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

}  // namespace rolec::analysis
