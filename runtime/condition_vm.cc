// runtime/condition_vm.cc — the condition interpreter: a switch over opcodes, one case per row of
// ROLEC_OPCODES.
#include "runtime/condition_vm.h"

#include "runtime/opcodes.h"

namespace rolec::runtime {
namespace {

uint32_t ReadU32(const uint8_t* p) noexcept {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

uint32_t ReadU16(const uint8_t* p) noexcept {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8);
}

// Identifiers (administrative units, principals) compare exactly: they are object ids, not names.
bool Contains(absl::Span<const std::string_view> items, std::string_view item) noexcept {
  for (std::string_view candidate : items) {
    if (candidate == item) return true;
  }
  return false;
}

bool HoldsRole(absl::Span<const RoleId> roles, RoleId role) noexcept {
  for (RoleId held : roles) {
    if (held == role) return true;
  }
  return false;
}

}  // namespace

bool RunCondition(const ImageView& image, uint32_t chunk, const Request& request,
                  std::string_view scope_admin_unit, RoleId assignment_role) noexcept {
  const Target& target = request.target;
  const uint8_t* const code = image.ChunkCode(chunk).data();
  bool stack[kMaxStackDepth];
  int top = -1;  // index of the top of the stack
  const uint8_t* pc = code;
  while (true) {
    const Opcode opcode = static_cast<Opcode>(*pc++);
    switch (opcode) {
      case Opcode::kPushTrue:
        stack[++top] = true;
        break;
      case Opcode::kPushFalse:
        stack[++top] = false;
        break;
      case Opcode::kTargetKindIs:
        stack[++top] = static_cast<uint8_t>(target.kind) == *pc;
        pc += 1;
        break;
      case Opcode::kTargetRolesWithin: {
        const uint32_t set = ReadU32(pc);
        pc += 4;
        bool within = true;
        for (RoleId role : target.roles) {
          if (!image.RoleSetContains(set, role)) {
            within = false;
            break;
          }
        }
        stack[++top] = within;
        break;
      }
      case Opcode::kTargetRolesAny: {
        const uint32_t set = ReadU32(pc);
        pc += 4;
        bool any = false;
        for (RoleId role : target.roles) {
          if (image.RoleSetContains(set, role)) {
            any = true;
            break;
          }
        }
        stack[++top] = any;
        break;
      }
      case Opcode::kTargetHasRole:
        stack[++top] = HoldsRole(target.roles, ReadU32(pc));
        pc += 4;
        break;
      case Opcode::kTargetRagMember:
        stack[++top] = target.role_assignable_group_member;
        break;
      case Opcode::kTargetRestrictedAuRole:
        stack[++top] = target.role_scoped_to_restricted_admin_unit;
        break;
      case Opcode::kTargetInRestrictedAu:
        stack[++top] = target.in_restricted_admin_unit;
        break;
      case Opcode::kTargetRoleAssignable:
        stack[++top] = target.role_assignable;
        break;
      case Opcode::kTargetInAdminUnit:
        stack[++top] = Contains(target.admin_units, image.String(ReadU32(pc)));
        pc += 4;
        break;
      case Opcode::kTargetIsSelf:
        stack[++top] = !request.principal_id.empty() && target.id == request.principal_id;
        break;
      case Opcode::kPrincipalOwnsTarget:
        stack[++top] = !request.principal_id.empty() && Contains(target.owners, request.principal_id);
        break;
      case Opcode::kScopeIsTenant:
        stack[++top] = scope_admin_unit.empty();
        break;
      case Opcode::kScopeAdminUnitIs:
        stack[++top] = !scope_admin_unit.empty() && scope_admin_unit == image.String(ReadU32(pc));
        pc += 4;
        break;
      case Opcode::kContextMfa:
        stack[++top] = request.context.mfa;
        break;
      case Opcode::kAssignmentRoleIn:
        stack[++top] = assignment_role < image.role_count() &&
                       image.RoleSetContains(ReadU32(pc), assignment_role);
        pc += 4;
        break;
      case Opcode::kNot:
        stack[top] = !stack[top];
        break;
      case Opcode::kJumpIfFalseOrPop: {
        const uint32_t offset = ReadU16(pc);
        pc += 2;
        if (!stack[top]) {
          pc += offset;
        } else {
          --top;
        }
        break;
      }
      case Opcode::kJumpIfTrueOrPop: {
        const uint32_t offset = ReadU16(pc);
        pc += 2;
        if (stack[top]) {
          pc += offset;
        } else {
          --top;
        }
        break;
      }
      case Opcode::kReturn:
        return stack[top];
      default:
        // Unreachable: the verifier admits only known opcodes. Stop rather than run off the end.
        return false;
    }
  }
}

}  // namespace rolec::runtime
