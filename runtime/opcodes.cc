// runtime/opcodes.cc — the opcode table, expanded from ROLEC_OPCODES.
#include "runtime/opcodes.h"

namespace rolec::runtime {

const OpcodeInfo kOpcodeInfo[static_cast<int>(Opcode::kCount)] = {
#define ROLEC_OPCODE_INFO(name, mnemonic, shape, effect, doc) \
  {mnemonic, OperandShape::shape, effect, doc},
    ROLEC_OPCODES(ROLEC_OPCODE_INFO)
#undef ROLEC_OPCODE_INFO
};

bool DecodeInstruction(const uint8_t* code, size_t size, size_t pc, Instruction* out) noexcept {
  if (pc >= size || code[pc] >= static_cast<uint8_t>(Opcode::kCount)) return false;
  const OpcodeInfo& info = kOpcodeInfo[code[pc]];
  const size_t operand_bytes = static_cast<size_t>(OperandSize(info.shape));
  if (size - pc - 1 < operand_bytes) return false;
  uint32_t operand = 0;
  for (size_t i = 0; i < operand_bytes; ++i) {
    operand |= static_cast<uint32_t>(code[pc + 1 + i]) << (8 * i);  // little-endian
  }
  out->opcode = static_cast<Opcode>(code[pc]);
  out->operand = operand;
  out->size = static_cast<uint32_t>(1 + operand_bytes);
  return true;
}

}  // namespace rolec::runtime
