// runtime/disassembler.h — policy images and condition chunks printed for people (`rolec dis`).
//
// Like clox's debug.c: one line per instruction, "OFFSET  MNEMONIC  operand (meaning)", one
// printing helper per operand shape, everything read from kOpcodeInfo so that a new opcode needs
// no change here unless it brings a new operand shape.
//
//   0000  TARGET_ROLES_WITHIN        set 2 (helpdesk_resettable)
//   0005  JUMP_IF_FALSE_OR_POP       3 -> 0011
#pragma once

#include <string>

#include "absl/types/span.h"
#include "rolec/policy.hpp"
#include "runtime/image_view.h"

namespace rolec::runtime {

// One chunk, one instruction per line, each line indented by `indent`. With an image, operands
// are followed by what they name (set, role or string); without, by nothing. Stops with a note at
// the first byte that does not decode, so it may be used on unverified code.
std::string DisassembleChunk(absl::Span<const uint8_t> code, const ImageView* image,
                             std::string_view indent = "");

// The instruction set as a Markdown table (mnemonic, operand, stack effect, semantics): the
// generated part of docs/bytecode.md.
std::string OpcodeTableMarkdown();

}  // namespace rolec::runtime
