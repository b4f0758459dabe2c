// runtime/condition_atoms.cc — decode a chunk's leaves into ConditionAtoms.
#include "runtime/condition_atoms.h"

#include "runtime/opcodes.h"

namespace rolec::runtime {
namespace {

bool SameAtom(const ConditionAtom& a, const ConditionAtom& b) {
  return a.kind == b.kind && a.target_kind == b.target_kind && a.role_set == b.role_set &&
         a.role == b.role && a.text == b.text;
}

}  // namespace

std::vector<ConditionAtom> ChunkAtoms(const ImageView& image, uint32_t chunk) {
  using Kind = ConditionAtom::Kind;
  std::vector<ConditionAtom> atoms;
  if (chunk >= image.chunk_count()) return atoms;
  const absl::Span<const uint8_t> code = image.ChunkCode(chunk);
  size_t pc = 0;
  while (pc < code.size()) {
    Instruction in;
    if (!DecodeInstruction(code.data(), code.size(), pc, &in)) break;  // verified: unreachable
    pc += in.size;
    ConditionAtom atom;
    switch (in.opcode) {
      case Opcode::kPushTrue:
      case Opcode::kPushFalse: atom.kind = Kind::kConstant; break;
      case Opcode::kTargetKindIs:
        atom.kind = Kind::kTargetKindIs;
        atom.target_kind = static_cast<TargetKind>(in.operand);
        break;
      case Opcode::kTargetRolesWithin:
      case Opcode::kTargetRolesAny:
      case Opcode::kAssignmentRoleIn:
        atom.kind = in.opcode == Opcode::kTargetRolesWithin ? Kind::kTargetRolesWithin
                    : in.opcode == Opcode::kTargetRolesAny  ? Kind::kTargetRolesAny
                                                            : Kind::kAssignmentRoleIn;
        atom.role_set = in.operand;
        atom.text = image.String(image.RoleSet(in.operand).name);
        break;
      case Opcode::kTargetHasRole:
        atom.kind = Kind::kTargetHasRole;
        atom.role = in.operand;
        atom.text = image.String(image.Role(in.operand).name);
        break;
      case Opcode::kTargetRagMember: atom.kind = Kind::kTargetRoleAssignableGroupMember; break;
      case Opcode::kTargetRestrictedAuRole: atom.kind = Kind::kTargetRestrictedAuRole; break;
      case Opcode::kTargetInRestrictedAu: atom.kind = Kind::kTargetInRestrictedAu; break;
      case Opcode::kTargetRoleAssignable: atom.kind = Kind::kTargetRoleAssignable; break;
      case Opcode::kTargetInAdminUnit:
        atom.kind = Kind::kTargetInAdminUnit;
        atom.text = image.String(in.operand);
        break;
      case Opcode::kTargetIsSelf: atom.kind = Kind::kTargetIsSelf; break;
      case Opcode::kPrincipalOwnsTarget: atom.kind = Kind::kPrincipalOwnsTarget; break;
      case Opcode::kScopeIsTenant: atom.kind = Kind::kScopeIsTenant; break;
      case Opcode::kScopeAdminUnitIs:
        atom.kind = Kind::kScopeAdminUnitIs;
        atom.text = image.String(in.operand);
        break;
      case Opcode::kContextMfa: atom.kind = Kind::kContextMfa; break;
      default: continue;  // NOT, the jumps, RETURN: structure, not facts
    }
    bool seen = false;
    for (const ConditionAtom& known : atoms) seen = seen || SameAtom(known, atom);
    if (!seen) atoms.push_back(atom);
  }
  return atoms;
}

}  // namespace rolec::runtime
