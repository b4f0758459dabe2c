// runtime/condition_atoms.h — the predicates (leaves) a verified condition chunk reads, resolved to
// rolec::ConditionAtom: what Policy::RuleConditionAtoms and IntrinsicRuleAtoms return.
#pragma once

#include <cstdint>
#include <vector>

#include "rolec/policy.hpp"
#include "runtime/image_view.h"

namespace rolec::runtime {

// The distinct leaves of chunk `chunk` of a verified image, in order of first occurrence.
std::vector<ConditionAtom> ChunkAtoms(const ImageView& image, uint32_t chunk);

}  // namespace rolec::runtime
