// compiler/ir.h — the checked program: names resolved, conditions typed, roles flattened.
//
// The checker (check.h) turns the ASTs of all files into one Program; lowering (lower.h) turns the
// Program into image tables and bytecode; the reference evaluator (reference_evaluator.h) interprets
// the Program directly, as an independent oracle for the whole lower/emit/runtime path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rolec/compiler.hpp"
#include "rolec/diagnostic.hpp"
#include "rolec/policy.hpp"

namespace rolec::compiler {

// A typed condition. Leaves read the target, the assignment (its scope and role) or the context.
struct Cond {
  enum class Kind : uint8_t {
    kTrue, kFalse, kAnd, kOr, kNot,
    kTargetKindIs,        // kind
    kTargetRolesWithin,   // set
    kTargetRolesAny,      // set
    kTargetHasRole,       // role
    kTargetRagMember,
    kTargetRestrictedAuRole,
    kTargetInRestrictedAu,
    kTargetRoleAssignable,
    kTargetInAdminUnit,   // text
    kTargetIsSelf,
    kPrincipalOwnsTarget,
    kScopeIsTenant,
    kScopeAdminUnitIs,    // text
    kContextMfa,
    kAssignmentRoleIn,    // set
  };
  Kind kind = Kind::kTrue;
  std::vector<Cond> operands;  // kAnd/kOr: 2+; kNot: 1
  TargetKind target_kind = TargetKind::kUnspecified;
  uint32_t index = 0;  // role-set index or role id
  std::string text;    // admin unit id
};

struct IrRoleSet {
  std::string name;  // "module.name", or "[...]" for a literal list
  std::vector<RoleId> members;  // ascending, unique
};

struct IrRule {
  bool is_except = false;
  std::vector<std::string> patterns;  // validated action patterns, as written
  std::vector<ActionId> covered;      // catalog actions the patterns cover, ascending, unique
  std::optional<Cond> condition;
  std::string condition_text;
  SourceSpan span;
};

struct IrRole {
  std::string name;
  std::string template_id;
  std::string description;
  std::string module;
  std::string doc;
  std::optional<bool> privileged_label;
  bool privileged = false;  // effective: labelled so, or grants a privileged catalog action
  bool deprecated = false;
  // Effective: may be assigned at administrative-unit scope (docs/semantics.md §Administrative units).
  bool admin_unit_scopable = false;
  bool from_stdlib = false;
  SourceSpan span;
  std::vector<IrRule> rules;  // inherited rules first (in extends order), then its own
};

struct IrAction {
  std::string name;
  std::string description;
  bool privileged = false;
  bool custom_allowed = false;
  bool protected_action = false;
  std::optional<Cond> intrinsic;
  std::string intrinsic_text;
  SourceSpan span;
};

struct Program {
  std::vector<IrAction> actions;   // ActionId = index; sorted by declaration order
  std::vector<IrRole> roles;       // RoleId = index
  std::vector<IrRoleSet> role_sets;
  std::vector<TestCase> tests;     // tests of the user's files
};

}  // namespace rolec::compiler
