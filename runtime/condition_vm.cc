// runtime/condition_vm.cc — the condition interpreter: a switch over opcodes, one case per row of
// ROLEC_OPCODES.
#include "runtime/condition_vm.h"

#include "runtime/condition_leaf.h"
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

}  // namespace

bool RunCondition(const ImageView& image, uint32_t chunk, const Request& request,
                  std::string_view scope_admin_unit, RoleId assignment_role) noexcept {
  const LeafContext context{image, request, scope_admin_unit, assignment_role};
  const uint8_t* const code = image.ChunkCode(chunk).data();
  bool stack[kMaxStackDepth];
  int top = -1;  // index of the top of the stack
  const uint8_t* pc = code;
  while (true) {
    const Opcode opcode = static_cast<Opcode>(*pc++);
    switch (opcode) {
      // Leaves: the predicate's value (condition_leaf.h), then the operand is skipped. The opcode
      // is a constant in each case, so LeafValue's own switch folds away.
#define ROLEC_LEAF(op, read, size)                                       \
  case Opcode::op:                                                       \
    stack[++top] = LeafValue(Opcode::op, read, context);                 \
    pc += size;                                                          \
    break;
      ROLEC_LEAF(kPushTrue, 0, 0)
      ROLEC_LEAF(kPushFalse, 0, 0)
      ROLEC_LEAF(kTargetKindIs, *pc, 1)
      ROLEC_LEAF(kTargetRolesWithin, ReadU32(pc), 4)
      ROLEC_LEAF(kTargetRolesAny, ReadU32(pc), 4)
      ROLEC_LEAF(kTargetHasRole, ReadU32(pc), 4)
      ROLEC_LEAF(kTargetRagMember, 0, 0)
      ROLEC_LEAF(kTargetRestrictedAuRole, 0, 0)
      ROLEC_LEAF(kTargetInRestrictedAu, 0, 0)
      ROLEC_LEAF(kTargetRoleAssignable, 0, 0)
      ROLEC_LEAF(kTargetInAdminUnit, ReadU32(pc), 4)
      ROLEC_LEAF(kTargetIsSelf, 0, 0)
      ROLEC_LEAF(kPrincipalOwnsTarget, 0, 0)
      ROLEC_LEAF(kScopeIsTenant, 0, 0)
      ROLEC_LEAF(kScopeAdminUnitIs, ReadU32(pc), 4)
      ROLEC_LEAF(kContextMfa, 0, 0)
      ROLEC_LEAF(kAssignmentRoleIn, ReadU32(pc), 4)
#undef ROLEC_LEAF
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
