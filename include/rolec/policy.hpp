// rolec/policy.hpp — load a compiled policy image and answer access questions with it.
//
//   ROLEC_ASSIGN_OR_RETURN(auto policy, rolec::Policy::LoadFile("contoso.rolec"));
//   rolec::RoleId helpdesk = policy->FindRole("Helpdesk Administrator");
//   rolec::Assignment assignments[] = {{helpdesk, ""}};           // "" = tenant scope "/"
//   rolec::Request request;
//   request.assignments = assignments;
//   request.action = "microsoft.directory/users/password/update";
//   request.target.kind = rolec::TargetKind::kUser;
//   bool allowed = policy->Check(request) == rolec::Decision::kAllow;
//
// A Policy is immutable once loaded: any number of threads may call Check and Explain on one
// instance at once. Check never allocates, locks or throws. Anything wrong with a request (an
// unknown role id, a malformed action) is a deny; Explain reports it as an error.
//
// Semantics (docs/language.md §Decision): default deny; a request is allowed iff some assignment
// applies to the target and its role has an allow rule covering the action whose condition holds,
// no except rule of the same role covering the action whose condition holds, and the action's
// intrinsic target rule holds. Action names match ASCII case-insensitively.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

#include "rolec/export.h"

namespace rolec {

using ActionId = uint32_t;  // index into the image's action catalog
using RoleId = uint32_t;    // index into the image's role table
inline constexpr ActionId kNoAction = 0xFFFFFFFFu;
inline constexpr RoleId kNoRole = 0xFFFFFFFFu;

// The kinds of directory object a target can be. Encoded as one byte in the image: append only.
enum class TargetKind : uint8_t {
  kUnspecified = 0,
  kUser = 1,
  kGroup = 2,
  kDevice = 3,
  kApplication = 4,
  kServicePrincipal = 5,
  kAdministrativeUnit = 6,
  kRoleDefinition = 7,
  kOther = 8,
};
inline constexpr int kTargetKindCount = 9;
// "user", "group", "device", "application", "servicePrincipal", "administrativeUnit",
// "roleDefinition", "other"; "" for kUnspecified.
ROLEC_API std::string_view TargetKindName(TargetKind kind);
// Parses the names above (ASCII case-insensitive); false if unknown.
ROLEC_API bool ParseTargetKind(std::string_view name, TargetKind* kind);

// One role assignment of the principal. admin_unit empty = tenant scope "/"; otherwise the
// assignment is scoped to /administrativeUnits/<admin_unit>.
struct Assignment {
  RoleId role = kNoRole;
  std::string_view admin_unit;
};

// The object acted on. Views must outlive the call.
struct Target {
  TargetKind kind = TargetKind::kUnspecified;
  std::string_view id;
  absl::Span<const RoleId> roles;           // directory roles the target holds
  bool role_assignable_group_member = false;  // member or owner of a role-assignable group
  bool role_scoped_to_restricted_admin_unit = false;  // holds a role scoped to a restricted AU
  bool in_restricted_admin_unit = false;    // member of a restricted management AU
  bool role_assignable = false;             // the target is itself a role-assignable group
  absl::Span<const std::string_view> admin_units;  // AUs the target belongs to
  // Which of admin_units are restricted management AUs. Empty with in_restricted_admin_unit set:
  // the request does not say which, and a unit-scoped assignment may modify the target only when
  // it belongs to one unit (docs/semantics.md §Administrative units).
  absl::Span<const std::string_view> restricted_admin_units;
  absl::Span<const std::string_view> owners;       // principal ids owning the target
};

// The target is in a restricted management AU: flagged, or a restricted unit of it is named.
inline bool InRestrictedAdminUnit(const Target& target) noexcept {
  return target.in_restricted_admin_unit || !target.restricted_admin_units.empty();
}

struct Context {
  bool mfa = false;  // the principal satisfied multifactor authentication
};

struct Request {
  std::string_view principal_id;
  absl::Span<const Assignment> assignments;
  // The action: either a pre-resolved catalog id (fast) or its name. If action_id is kNoAction
  // the name is looked up (and matched exactly by pattern when outside the catalog).
  ActionId action_id = kNoAction;
  std::string_view action;
  Target target;
  Context context;
};

enum class Decision : uint8_t { kDeny = 0, kAllow = 1 };

// Where a rule was written.
struct SourceRef {
  std::string_view file;
  uint32_t line = 0;
  uint32_t column = 0;
};

// Why a request was allowed: the first assignment/rule that granted it.
struct AllowReason {
  uint32_t assignment_index = 0;
  RoleId role = kNoRole;
  uint32_t rule = 0;  // rule index, see Policy::rule()
};

// One thing that stood in the way for one assignment.
struct Denial {
  enum class Kind : uint8_t {
    kNoGrant,            // the assignment's role has no allow rule covering the action
    kConditionFailed,    // an allow rule covered the action but its condition was false
    kExcepted,           // an except rule of the role removed the action
    kIntrinsicRule,      // the action's intrinsic target rule failed
    kScopeMismatch,      // the assignment's administrative unit does not contain the target
    kRestrictedAdminUnit,  // target in a restricted AU; modification needs an assignment scoped to it
  };
  Kind kind = Kind::kNoGrant;
  uint32_t assignment_index = 0;
  RoleId role = kNoRole;
  uint32_t rule = 0xFFFFFFFFu;  // the rule concerned, if any
  std::string message;          // human-readable, e.g. "condition failed: target.roles within ..."
};

struct Explanation {
  Decision decision = Decision::kDeny;
  std::vector<AllowReason> reasons;  // non-empty iff allowed
  std::vector<Denial> denials;       // when denied: every rule that matched and why it did not allow
  std::vector<std::string> errors;   // problems with the request itself (always deny)
  // Sentences about the decision as a whole, e.g. what a keyword query denoted.
  std::vector<std::string> notes;
};

// Read-only views of the image's tables, for describe/dis and for tools.
struct ActionInfo {
  std::string_view name;
  std::string_view description;
  bool privileged = false;
  bool custom_allowed = false;   // may be used in custom roles
  bool protected_action = false;
  std::string_view intrinsic_rule;  // source text of the intrinsic target rule, "" if none
};
struct RoleInfo {
  std::string_view name;
  std::string_view template_id;
  std::string_view description;
  std::string_view module;
  bool privileged = false;
  bool deprecated = false;
  bool admin_unit_scopable = false;  // may be assigned at administrative-unit scope
  SourceRef source;
};
struct RuleInfo {
  bool is_except = false;
  RoleId role = kNoRole;
  std::vector<std::string_view> patterns;
  std::string_view condition;  // source text, "" if unconditional
  SourceRef source;
};

// One predicate (a leaf) of a compiled condition, for tools that reason over conditions
// (analysis/): which request facts a condition can read. Operands are resolved: a role set's name
// and members, a role, an administrative-unit id.
struct ConditionAtom {
  enum class Kind : uint8_t {
    kConstant,                   // true / false
    kTargetKindIs,               // target.kind == target_kind
    kTargetRolesWithin,          // target.roles within role_set
    kTargetRolesAny,             // target.roles in role_set
    kTargetHasRole,              // target.roles has role
    kTargetRoleAssignableGroupMember,
    kTargetRestrictedAuRole,
    kTargetInRestrictedAu,
    kTargetRoleAssignable,
    kTargetInAdminUnit,          // target.admin_units has text
    kTargetIsSelf,
    kPrincipalOwnsTarget,
    kScopeIsTenant,
    kScopeAdminUnitIs,           // scope.admin_unit == text
    kContextMfa,
    kAssignmentRoleIn,           // assignment.role in role_set
  };
  Kind kind = Kind::kConstant;
  TargetKind target_kind = TargetKind::kUnspecified;
  uint32_t role_set = 0xFFFFFFFFu;  // the set kinds: index of the set (see RoleSetContains)
  RoleId role = kNoRole;            // kTargetHasRole
  std::string_view text;            // the set's name, or the unit id
};

class PolicyImpl;

// A principal's id and role assignments, validated and laid out once by Policy::Prepare for the
// checks of a session: tenant-scoped assignments as a bitmask of roles, which a check ANDs with
// the action's column of unconditionally allowing roles (the fast path), and every assignment in
// the order given, for the full walk when the fast path does not decide (conditional grants,
// excepts, intrinsic target rules, unit-scoped assignments, restricted administrative units).
//
//   ROLEC_ASSIGN_OR_RETURN(rolec::PreparedPrincipal alice, policy->Prepare("alice", assignments));
//   rolec::ActionId reset = policy->FindAction("microsoft.directory/users/password/update");
//   bool allowed = policy->Check(alice, reset, target, {}) == rolec::Decision::kAllow;
//
// It owns copies of the id and admin-unit strings (the caller's views may die after Prepare). It
// is bound to the Policy that prepared it and MUST NOT outlive it (it holds no reference to it);
// a check or explain with a principal prepared by another Policy (or a default-constructed one)
// is a deny, and Explain says why. Immutable once prepared: copies share the prepared state, and
// any number of threads may check with one principal at once. docs/embedding.md §Prepared
// principals.
class ROLEC_API PreparedPrincipal {
 public:
  // Prepared for no policy: every check with it is a deny.
  PreparedPrincipal() noexcept;
  ~PreparedPrincipal();
  PreparedPrincipal(const PreparedPrincipal&) noexcept;
  PreparedPrincipal& operator=(const PreparedPrincipal&) noexcept;
  PreparedPrincipal(PreparedPrincipal&&) noexcept;
  PreparedPrincipal& operator=(PreparedPrincipal&&) noexcept;

  std::string_view principal_id() const noexcept;
  // The assignments as given to Prepare, in that order (Explain's assignment_index), viewing this
  // principal's own copies of the admin-unit strings; valid while this object (or a copy) lives.
  absl::Span<const Assignment> assignments() const noexcept;

  struct State;  // runtime/prepared_principal.h

 private:
  friend class Policy;
  std::shared_ptr<const State> state_;
};

class ROLEC_API Policy {
 public:
  // Verifies and loads an image. A corrupt, truncated or hostile image is an error, never UB.
  static absl::StatusOr<std::shared_ptr<const Policy>> Load(std::string bytes);
  static absl::StatusOr<std::shared_ptr<const Policy>> LoadFile(const std::string& path);

  ~Policy();
  Policy(const Policy&) = delete;
  Policy& operator=(const Policy&) = delete;

  // The decision alone: no allocation, no locks, no exceptions.
  Decision Check(const Request& request) const noexcept;
  // The decision with its reasons; allocates.
  Explanation Explain(const Request& request) const;
  // One line per reason/denial/error, for people.
  std::string FormatExplanation(const Request& request, const Explanation& explanation) const;

  // A principal prepared for the checks of a session (see PreparedPrincipal). InvalidArgument,
  // naming the assignment's index, for a role id that is kNoRole or not in this policy, or a
  // role that cannot be assigned at administrative-unit scope given an admin unit (a Request with
  // such an assignment is always denied).
  absl::StatusOr<PreparedPrincipal> Prepare(std::string_view principal_id,
                                            absl::Span<const Assignment> assignments) const;
  // Exactly Check(Request) with the principal's id and assignments, the action (by catalog id,
  // or by name as Request::action) and the target and context; a principal prepared by another
  // Policy is a deny. No allocation, no locks, no exceptions.
  Decision Check(const PreparedPrincipal& principal, ActionId action, const Target& target,
                 const Context& context) const noexcept;
  Decision Check(const PreparedPrincipal& principal, std::string_view action, const Target& target,
                 const Context& context) const noexcept;
  // Exactly Explain(Request) likewise (assignment_index is the index given to Prepare); for a
  // principal prepared by another Policy, a deny with an error saying so.
  Explanation Explain(const PreparedPrincipal& principal, ActionId action, const Target& target,
                      const Context& context) const;
  Explanation Explain(const PreparedPrincipal& principal, std::string_view action,
                      const Target& target, const Context& context) const;

  // Catalog action by name (ASCII case-insensitive); kNoAction if not in the catalog.
  ActionId FindAction(std::string_view name) const noexcept;
  // Role by display name or template id (ASCII case-insensitive); kNoRole if unknown.
  RoleId FindRole(std::string_view name_or_template_id) const noexcept;

  uint32_t action_count() const noexcept;
  uint32_t role_count() const noexcept;
  uint32_t rule_count() const noexcept;
  ActionInfo action(ActionId id) const;
  RoleInfo role(RoleId id) const;
  RuleInfo rule(uint32_t index) const;
  // Rule indices of a role, allows and excepts in source order.
  std::vector<uint32_t> RoleRules(RoleId id) const;
  // Catalog actions the role's allow rules cover (ignoring conditions and excepts), ascending.
  std::vector<ActionId> RoleActions(RoleId id) const;
  // Catalog actions an except rule of the role covers, ascending.
  std::vector<ActionId> RoleExceptedActions(RoleId id) const;
  // Catalog actions one action pattern covers (the pattern matching of rules and queries),
  // ascending; empty if the pattern is malformed or covers nothing. For tools that rewrite a
  // pattern as the concrete actions it stands for (rolec export --expand-patterns).
  std::vector<ActionId> PatternActions(std::string_view pattern) const;

  // The rules the evaluator reads for (role, catalog action): the role's allow rules covering the
  // action, then its except rules covering it, each ascending. Empty if no allow rule covers it.
  std::vector<uint32_t> GrantRules(RoleId id, ActionId action) const;
  // The distinct predicates of rule `index`'s condition, in order of first occurrence (none if
  // unconditional); likewise of the action's intrinsic target rule.
  std::vector<ConditionAtom> RuleConditionAtoms(uint32_t index) const;
  std::vector<ConditionAtom> IntrinsicRuleAtoms(ActionId id) const;
  // Whether role set `set` (ConditionAtom::role_set) holds `role`; false if either is out of range.
  bool RoleSetContains(uint32_t set, RoleId role) const noexcept;

  // The raw image bytes, as loaded.
  std::string_view bytes() const noexcept;

  const PolicyImpl& impl() const noexcept { return *impl_; }

 private:
  explicit Policy(std::unique_ptr<PolicyImpl> impl);
  std::unique_ptr<PolicyImpl> impl_;
};

// The image printed readably: header, tables, rules, and each condition chunk disassembled.
ROLEC_API std::string Disassemble(const Policy& policy);

// The eight bytes every policy image starts with (docs/bytecode.md).
inline constexpr std::string_view kPolicyImageMagic{"ROLECIMG", 8};
// Whether `bytes` starts as a policy image does: what a tool loads as an image rather than parses
// as .role source. It says nothing of whether the image is valid; Policy::Load decides that.
inline bool LooksLikePolicyImage(std::string_view bytes) noexcept {
  return bytes.substr(0, kPolicyImageMagic.size()) == kPolicyImageMagic;
}
// Whether `bytes` is a non-empty proper prefix of the magic: an image cut short, not a source.
inline bool IsTruncatedPolicyImage(std::string_view bytes) noexcept {
  return !bytes.empty() && bytes.size() < kPolicyImageMagic.size() &&
         kPolicyImageMagic.substr(0, bytes.size()) == bytes;
}

// Whether action pattern `pattern` (as written in an allow/except rule or a query: literal
// segments, '*' segments, a keyword pattern) covers action `action`, by the matching the evaluator
// uses (docs/semantics.md); false for a malformed pattern.
ROLEC_API bool ActionPatternMatches(std::string_view pattern, std::string_view action) noexcept;

}  // namespace rolec
