// runtime/chunk_verifier.cc — see chunk_verifier.h for what a verified chunk guarantees.
#include "runtime/chunk_verifier.h"

#include <vector>

#include "fmt/format.h"
#include "rolec/policy.hpp"
#include "runtime/opcodes.h"

namespace rolec::runtime {
namespace {

constexpr int kUnknownDepth = -1;

ChunkProblem Problem(size_t offset, std::string message) {
  return ChunkProblem{static_cast<uint32_t>(offset), std::move(message)};
}

// "" if the operand of `instruction` is in range.
std::string OperandProblem(const Instruction& instruction, const ChunkLimits& limits) {
  const uint32_t operand = instruction.operand;
  switch (kOpcodeInfo[static_cast<int>(instruction.opcode)].shape) {
    case OperandShape::kKind:
      if (operand >= static_cast<uint32_t>(kTargetKindCount)) {
        return fmt::format("target kind {} out of range (there are {} kinds)", operand,
                           kTargetKindCount);
      }
      break;
    case OperandShape::kSet:
      if (operand >= limits.role_set_count) {
        return fmt::format("role set {} out of range (there are {} role sets)", operand,
                           limits.role_set_count);
      }
      break;
    case OperandShape::kRole:
      if (operand >= limits.role_count) {
        return fmt::format("role {} out of range (there are {} roles)", operand, limits.role_count);
      }
      break;
    case OperandShape::kString:
      if (operand >= limits.string_count) {
        return fmt::format("string {} out of range (there are {} strings)", operand,
                           limits.string_count);
      }
      break;
    case OperandShape::kNoOperand:
    case OperandShape::kJump:
      break;
  }
  return "";
}

}  // namespace

ChunkProblem VerifyChunk(absl::Span<const uint8_t> code, const ChunkLimits& limits) {
  const size_t size = code.size();
  if (size == 0) return Problem(0, "empty chunk");
  if (size > kMaxChunkBytes) {
    return Problem(0, fmt::format("chunk of {} bytes exceeds the maximum of {}", size, kMaxChunkBytes));
  }

  // depth_at[pc]: the stack depth on entry to pc as recorded by jumps to it; jump_from[pc]: where
  // the first such jump is (for messages).
  std::vector<int> depth_at(size, kUnknownDepth);
  std::vector<uint32_t> jump_from(size, 0);

  size_t pc = 0;
  int depth = 0;
  bool falls_into = true;  // the previous instruction can fall through to pc
  while (pc < size) {
    const int jumped_depth = depth_at[pc];
    if (falls_into) {
      if (jumped_depth != kUnknownDepth && jumped_depth != depth) {
        return Problem(jump_from[pc],
                       fmt::format("stack depth {} at the jump target (byte {}) but {} on the "
                                   "path falling into it",
                                   jumped_depth, pc, depth));
      }
    } else {
      if (jumped_depth == kUnknownDepth) return Problem(pc, "unreachable instruction");
      depth = jumped_depth;
    }

    Instruction instruction;
    if (!DecodeInstruction(code.data(), size, pc, &instruction)) {
      if (code[pc] >= static_cast<uint8_t>(Opcode::kCount)) {
        return Problem(pc, fmt::format("unknown opcode 0x{:02x}", code[pc]));
      }
      return Problem(pc, fmt::format("operand of {} runs past the end of the chunk",
                                     kOpcodeInfo[code[pc]].mnemonic));
    }
    for (size_t inside = pc + 1; inside < pc + instruction.size; ++inside) {
      if (depth_at[inside] != kUnknownDepth) {
        return Problem(jump_from[inside],
                       fmt::format("jump into the middle of an instruction (byte {})", inside));
      }
    }
    std::string operand_problem = OperandProblem(instruction, limits);
    if (!operand_problem.empty()) return Problem(pc, std::move(operand_problem));

    const size_t next = pc + instruction.size;
    const char* mnemonic = kOpcodeInfo[static_cast<int>(instruction.opcode)].mnemonic;
    switch (instruction.opcode) {
      case Opcode::kJumpIfFalseOrPop:
      case Opcode::kJumpIfTrueOrPop: {
        if (depth < 1) return Problem(pc, fmt::format("stack underflow: {} needs a value", mnemonic));
        const size_t target = next + instruction.operand;
        if (target >= size) return Problem(pc, "jump past end of chunk");
        // Taken, the jump keeps the top: the target is entered at the current depth.
        if (depth_at[target] == kUnknownDepth) {
          depth_at[target] = depth;
          jump_from[target] = static_cast<uint32_t>(pc);
        } else if (depth_at[target] != depth) {
          return Problem(pc, fmt::format("stack depth {} at the jump target (byte {}) but {} on "
                                         "another path into it",
                                         depth, target, depth_at[target]));
        }
        depth -= 1;  // falling through pops it
        falls_into = true;
        break;
      }
      case Opcode::kNot:
        if (depth < 1) return Problem(pc, "stack underflow: NOT needs a value");
        falls_into = true;
        break;
      case Opcode::kReturn:
        if (depth != 1) {
          return Problem(pc, fmt::format("RETURN at stack depth {} (must be 1)", depth));
        }
        falls_into = false;
        break;
      default:
        // Every other instruction pushes one value.
        if (depth + 1 > kMaxStackDepth) {
          return Problem(pc, fmt::format("stack overflow: depth {} exceeds the maximum of {}",
                                         depth + 1, kMaxStackDepth));
        }
        depth += 1;
        falls_into = true;
        break;
    }
    pc = next;
  }
  if (falls_into) return Problem(size, "chunk ends without RETURN");
  return ChunkProblem{};
}

}  // namespace rolec::runtime
