// runtime/chunk_verifier.h — the abstract interpreter that proves a condition chunk safe to run.
//
// The VM (condition_vm.h) runs chunks without any check: no bounds test on the stack, the code or
// the operands. That is sound only because every chunk of an image passed this verifier at load:
//   - every byte is part of a known instruction whose operand lies inside the chunk;
//   - operands are in range: role < role_count, set < set_count, string < string_count,
//     kind < kTargetKindCount;
//   - jumps go forward and land on an instruction boundary inside the chunk;
//   - every instruction is reachable, and the stack depth is the same on every path into it;
//   - the stack never underflows and never exceeds kMaxStackDepth;
//   - the chunk is 1..kMaxChunkBytes long and every path ends with RETURN at depth 1.
// Since jumps only go forward, one pass in code order sees every path into an instruction before
// the instruction itself.
#pragma once

#include <cstdint>
#include <string>

#include "absl/types/span.h"

namespace rolec::runtime {

struct ChunkLimits {
  uint32_t role_count = 0;
  uint32_t role_set_count = 0;
  uint32_t string_count = 0;
};

struct ChunkProblem {
  uint32_t offset = 0;  // byte of the offending instruction
  std::string message;  // empty if the chunk is valid
  bool ok() const { return message.empty(); }
};

ChunkProblem VerifyChunk(absl::Span<const uint8_t> code, const ChunkLimits& limits);

}  // namespace rolec::runtime
