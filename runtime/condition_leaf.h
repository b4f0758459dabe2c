// runtime/condition_leaf.h — the value of one leaf instruction of a condition (a predicate such
// as TARGET_RAG_MEMBER or TARGET_ROLES_WITHIN S) for a request: the one definition of what each
// predicate means at run time. The VM (condition_vm.cc) calls it with a constant opcode in each
// case of its switch, so the inner switch folds away; the explainer (condition_explain.cc) calls it
// to say which part of a condition decided a denial.
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/types/span.h"
#include "rolec/policy.hpp"
#include "runtime/image_view.h"
#include "runtime/opcodes.h"

namespace rolec::runtime {

// What a leaf is evaluated against: the request, and the assignment being evaluated (its scope,
// "" = tenant, and its role; kNoRole makes `assignment.role in S` false).
struct LeafContext {
  const ImageView& image;
  const Request& request;
  std::string_view scope_admin_unit;
  RoleId assignment_role;
};

// Identifiers (administrative units, principals) compare exactly: they are object ids, not names.
inline bool ContainsId(absl::Span<const std::string_view> items, std::string_view item) noexcept {
  for (std::string_view candidate : items) {
    if (candidate == item) return true;
  }
  return false;
}

// True for the opcodes that push a predicate's value (every opcode but NOT, the jumps, RETURN).
constexpr bool IsLeafOpcode(Opcode opcode) noexcept {
  return opcode != Opcode::kNot && opcode != Opcode::kJumpIfFalseOrPop &&
         opcode != Opcode::kJumpIfTrueOrPop && opcode != Opcode::kReturn &&
         opcode < Opcode::kCount;
}

// The value of leaf `opcode` with decoded `operand`. Requires: IsLeafOpcode(opcode), a verified
// operand (set, role and string indices in range), target role ids < image.role_count().
inline bool LeafValue(Opcode opcode, uint32_t operand, const LeafContext& c) noexcept {
  const Target& target = c.request.target;
  switch (opcode) {
    case Opcode::kPushTrue:
      return true;
    case Opcode::kPushFalse:
      return false;
    case Opcode::kTargetKindIs:
      return static_cast<uint32_t>(target.kind) == operand;
    case Opcode::kTargetRolesWithin:
      for (RoleId role : target.roles) {
        if (!c.image.RoleSetContains(operand, role)) return false;
      }
      return true;
    case Opcode::kTargetRolesAny:
      for (RoleId role : target.roles) {
        if (c.image.RoleSetContains(operand, role)) return true;
      }
      return false;
    case Opcode::kTargetHasRole:
      for (RoleId role : target.roles) {
        if (role == operand) return true;
      }
      return false;
    case Opcode::kTargetRagMember:
      return target.role_assignable_group_member;
    case Opcode::kTargetRestrictedAuRole:
      return target.role_scoped_to_restricted_admin_unit;
    case Opcode::kTargetInRestrictedAu:
      return InRestrictedAdminUnit(target);
    case Opcode::kTargetRoleAssignable:
      return target.role_assignable;
    case Opcode::kTargetInAdminUnit:
      return ContainsId(target.admin_units, c.image.String(operand));
    case Opcode::kTargetIsSelf:
      return !c.request.principal_id.empty() && target.id == c.request.principal_id;
    case Opcode::kPrincipalOwnsTarget:
      return !c.request.principal_id.empty() && ContainsId(target.owners, c.request.principal_id);
    case Opcode::kScopeIsTenant:
      return c.scope_admin_unit.empty();
    case Opcode::kScopeAdminUnitIs:
      return !c.scope_admin_unit.empty() && c.scope_admin_unit == c.image.String(operand);
    case Opcode::kContextMfa:
      return c.request.context.mfa;
    case Opcode::kAssignmentRoleIn:
      return c.assignment_role < c.image.role_count() &&
             c.image.RoleSetContains(operand, c.assignment_role);
    default:
      return false;  // not a leaf: never asked (fail closed if it were)
  }
}

}  // namespace rolec::runtime
