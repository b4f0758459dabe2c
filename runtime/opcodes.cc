// runtime/opcodes.cc — the opcode table, expanded from ROLEC_OPCODES.
#include "runtime/opcodes.h"

namespace rolec::runtime {

const OpcodeInfo kOpcodeInfo[static_cast<int>(Opcode::kCount)] = {
#define ROLEC_OPCODE_INFO(name, mnemonic, shape, effect, doc) \
  {mnemonic, OperandShape::shape, effect, doc},
    ROLEC_OPCODES(ROLEC_OPCODE_INFO)
#undef ROLEC_OPCODE_INFO
};

}  // namespace rolec::runtime
