// compiler/lower.h — typed conditions to condition bytecode (runtime/opcodes.h).
//
// `and`/`or` short-circuit with forward jumps (JUMP_IF_FALSE_OR_POP / JUMP_IF_TRUE_OR_POP), so a
// chunk never needs more than one stack slot per pending operand and always terminates. Constant
// operands are folded away where that is exact (`true and x` -> x).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "compiler/ir.h"

namespace rolec::compiler {

using StringInterner = std::function<uint32_t(std::string_view)>;

// The bytecode of `cond`, ending in RETURN.
std::vector<uint8_t> LowerCondition(const Cond& cond, const StringInterner& intern);

// Folds constants: returns true/false leaves where the value is known. Exact.
Cond Simplify(const Cond& cond);

}  // namespace rolec::compiler
