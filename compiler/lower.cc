#include "compiler/lower.h"

#include <utility>

#include "runtime/image_builder.h"
#include "runtime/opcodes.h"

namespace rolec::compiler {
namespace {

using runtime::Opcode;

uint8_t Op(Opcode op) { return static_cast<uint8_t>(op); }

void Emit(const Cond& c, const StringInterner& intern, std::vector<uint8_t>& code) {
  using K = Cond::Kind;
  switch (c.kind) {
    case K::kTrue: runtime::EmitOp(code, Op(Opcode::kPushTrue)); return;
    case K::kFalse: runtime::EmitOp(code, Op(Opcode::kPushFalse)); return;
    case K::kNot:
      Emit(c.operands[0], intern, code);
      runtime::EmitOp(code, Op(Opcode::kNot));
      return;
    case K::kAnd:
    case K::kOr: {
      // a and b and c => <a> JF L <b> JF L <c> L:   (each jump pops on fall-through)
      Opcode jump = c.kind == K::kAnd ? Opcode::kJumpIfFalseOrPop : Opcode::kJumpIfTrueOrPop;
      std::vector<size_t> patches;
      for (size_t i = 0; i < c.operands.size(); ++i) {
        Emit(c.operands[i], intern, code);
        if (i + 1 < c.operands.size()) patches.push_back(runtime::EmitJump(code, Op(jump)));
      }
      for (size_t at : patches) runtime::PatchJump(code, at);
      return;
    }
    case K::kTargetKindIs:
      runtime::EmitOpU8(code, Op(Opcode::kTargetKindIs), static_cast<uint8_t>(c.target_kind));
      return;
    case K::kTargetRolesWithin: runtime::EmitOpU32(code, Op(Opcode::kTargetRolesWithin), c.index); return;
    case K::kTargetRolesAny: runtime::EmitOpU32(code, Op(Opcode::kTargetRolesAny), c.index); return;
    case K::kTargetHasRole: runtime::EmitOpU32(code, Op(Opcode::kTargetHasRole), c.index); return;
    case K::kTargetRagMember: runtime::EmitOp(code, Op(Opcode::kTargetRagMember)); return;
    case K::kTargetRestrictedAuRole: runtime::EmitOp(code, Op(Opcode::kTargetRestrictedAuRole)); return;
    case K::kTargetInRestrictedAu: runtime::EmitOp(code, Op(Opcode::kTargetInRestrictedAu)); return;
    case K::kTargetRoleAssignable: runtime::EmitOp(code, Op(Opcode::kTargetRoleAssignable)); return;
    case K::kTargetInAdminUnit:
      runtime::EmitOpU32(code, Op(Opcode::kTargetInAdminUnit), intern(c.text));
      return;
    case K::kTargetIsSelf: runtime::EmitOp(code, Op(Opcode::kTargetIsSelf)); return;
    case K::kPrincipalOwnsTarget: runtime::EmitOp(code, Op(Opcode::kPrincipalOwnsTarget)); return;
    case K::kScopeIsTenant: runtime::EmitOp(code, Op(Opcode::kScopeIsTenant)); return;
    case K::kScopeAdminUnitIs:
      runtime::EmitOpU32(code, Op(Opcode::kScopeAdminUnitIs), intern(c.text));
      return;
    case K::kContextMfa: runtime::EmitOp(code, Op(Opcode::kContextMfa)); return;
    case K::kAssignmentRoleIn: runtime::EmitOpU32(code, Op(Opcode::kAssignmentRoleIn), c.index); return;
  }
}

}  // namespace

Cond Simplify(const Cond& c) {
  using K = Cond::Kind;
  switch (c.kind) {
    case K::kNot: {
      Cond operand = Simplify(c.operands[0]);
      if (operand.kind == K::kTrue || operand.kind == K::kFalse) {
        Cond out;
        out.kind = operand.kind == K::kTrue ? K::kFalse : K::kTrue;
        return out;
      }
      if (operand.kind == K::kNot) return std::move(operand.operands[0]);
      Cond out;
      out.kind = K::kNot;
      out.operands.push_back(std::move(operand));
      return out;
    }
    case K::kAnd:
    case K::kOr: {
      // The absorbing constant decides; the neutral one disappears.
      K absorbing = c.kind == K::kAnd ? K::kFalse : K::kTrue;
      K neutral = c.kind == K::kAnd ? K::kTrue : K::kFalse;
      Cond out;
      out.kind = c.kind;
      for (const Cond& operand : c.operands) {
        Cond s = Simplify(operand);
        if (s.kind == absorbing) {
          Cond constant;
          constant.kind = absorbing;
          return constant;
        }
        if (s.kind == neutral) continue;
        if (s.kind == c.kind) {
          for (Cond& inner : s.operands) out.operands.push_back(std::move(inner));
        } else {
          out.operands.push_back(std::move(s));
        }
      }
      if (out.operands.empty()) {
        Cond constant;
        constant.kind = neutral;
        return constant;
      }
      if (out.operands.size() == 1) return std::move(out.operands[0]);
      return out;
    }
    default: return c;
  }
}

std::vector<uint8_t> LowerCondition(const Cond& cond, const StringInterner& intern) {
  std::vector<uint8_t> code;
  Emit(Simplify(cond), intern, code);
  runtime::EmitOp(code, Op(Opcode::kReturn));
  return code;
}

}  // namespace rolec::compiler
