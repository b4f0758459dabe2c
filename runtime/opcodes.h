// runtime/opcodes.h — the condition instruction set, in one table.
//
// Conditions (of allow/except rules and of intrinsic target rules) compile to small chunks of
// bytecode for a stack machine of booleans. Every view of the instruction set — the enum, the
// operand decoder, the verifier, the disassembler and docs/bytecode.md — reads this table.
//
// Encoding: one opcode byte followed by its operand, little-endian:
//   kNoOperand  —                 kKind  u8 TargetKind
//   kSet  u32 role-set index      kRole  u32 role id
//   kString u32 string index      kJump  u16 forward offset, from the end of this instruction
//
// Stack effect is the change in depth when the instruction falls through. The two jumps leave the
// top in place when they jump and pop it when they fall through, which is how `and`/`or` short-
// circuit:  a and b  =>  <a> JUMP_IF_FALSE_OR_POP L <b> L:
// INVARIANT: jumps only go forward, so every chunk terminates; a verified chunk ends in RETURN at
// depth 1 and never underflows.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rolec::runtime {

enum class OperandShape : uint8_t { kNoOperand, kKind, kSet, kRole, kString, kJump };

// X(Enum, mnemonic, operand shape, stack effect, one-line semantics)
#define ROLEC_OPCODES(X)                                                                          \
  X(kPushTrue, "PUSH_TRUE", kNoOperand, +1, "push true")                                          \
  X(kPushFalse, "PUSH_FALSE", kNoOperand, +1, "push false")                                       \
  X(kTargetKindIs, "TARGET_KIND_IS", kKind, +1, "push target.kind == K")                          \
  X(kTargetRolesWithin, "TARGET_ROLES_WITHIN", kSet, +1,                                          \
    "push: every role the target holds is in set S (true if it holds none)")                      \
  X(kTargetRolesAny, "TARGET_ROLES_ANY", kSet, +1, "push: some role the target holds is in set S") \
  X(kTargetHasRole, "TARGET_HAS_ROLE", kRole, +1, "push: the target holds role R")                \
  X(kTargetRagMember, "TARGET_RAG_MEMBER", kNoOperand, +1,                                        \
    "push: the target is a member or owner of a role-assignable group")                           \
  X(kTargetRestrictedAuRole, "TARGET_RESTRICTED_AU_ROLE", kNoOperand, +1,                         \
    "push: the target holds a role scoped to a restricted management administrative unit")        \
  X(kTargetInRestrictedAu, "TARGET_IN_RESTRICTED_AU", kNoOperand, +1,                             \
    "push: the target is in a restricted management administrative unit")                         \
  X(kTargetRoleAssignable, "TARGET_ROLE_ASSIGNABLE", kNoOperand, +1,                              \
    "push: the target is a role-assignable group")                                                \
  X(kTargetInAdminUnit, "TARGET_IN_ADMIN_UNIT", kString, +1,                                      \
    "push: the target belongs to administrative unit S")                                          \
  X(kTargetIsSelf, "TARGET_IS_SELF", kNoOperand, +1, "push: target.id == principal id (non-empty)") \
  X(kPrincipalOwnsTarget, "PRINCIPAL_OWNS_TARGET", kNoOperand, +1,                                \
    "push: the principal id is among the target's owners")                                        \
  X(kScopeIsTenant, "SCOPE_IS_TENANT", kNoOperand, +1, "push: the assignment is scoped to /")     \
  X(kScopeAdminUnitIs, "SCOPE_ADMIN_UNIT_IS", kString, +1,                                        \
    "push: the assignment is scoped to administrative unit S")                                    \
  X(kContextMfa, "CONTEXT_MFA", kNoOperand, +1, "push context.mfa")                               \
  X(kNot, "NOT", kNoOperand, 0, "replace the top with its negation")                              \
  X(kJumpIfFalseOrPop, "JUMP_IF_FALSE_OR_POP", kJump, -1,                                         \
    "if the top is false jump forward by D keeping it, else pop it")                              \
  X(kJumpIfTrueOrPop, "JUMP_IF_TRUE_OR_POP", kJump, -1,                                           \
    "if the top is true jump forward by D keeping it, else pop it")                               \
  X(kReturn, "RETURN", kNoOperand, -1, "pop the top and return it as the condition's value")      \
  X(kAssignmentRoleIn, "ASSIGNMENT_ROLE_IN", kSet, +1,                                            \
    "push: the role of the assignment being evaluated is in set S")

enum class Opcode : uint8_t {
#define ROLEC_OPCODE_ENUM(name, mnemonic, shape, effect, doc) name,
  ROLEC_OPCODES(ROLEC_OPCODE_ENUM)
#undef ROLEC_OPCODE_ENUM
      kCount
};

struct OpcodeInfo {
  const char* mnemonic;
  OperandShape shape;
  int stack_effect;
  const char* doc;
};

// Indexed by opcode; size kCount.
extern const OpcodeInfo kOpcodeInfo[static_cast<int>(Opcode::kCount)];

// Operand size in bytes for a shape.
constexpr int OperandSize(OperandShape shape) {
  switch (shape) {
    case OperandShape::kNoOperand: return 0;
    case OperandShape::kKind: return 1;
    case OperandShape::kJump: return 2;
    default: return 4;
  }
}

// One decoded instruction: the shape of every view that walks a chunk (verifier, disassembler).
struct Instruction {
  Opcode opcode;
  uint32_t operand;  // zero-extended; 0 for kNoOperand
  uint32_t size;     // opcode byte + operand bytes
};
// Decodes the instruction at `pc` of `code[0, size)`. False if the opcode byte is not an opcode or
// its operand runs past the end; `*out` is then unspecified.
bool DecodeInstruction(const uint8_t* code, size_t size, size_t pc, Instruction* out) noexcept;

// The deepest stack a verified chunk may use; the VM's stack is a fixed array of this size.
inline constexpr int kMaxStackDepth = 16;
// The longest chunk the verifier accepts.
inline constexpr uint32_t kMaxChunkBytes = 1u << 16;

}  // namespace rolec::runtime
