// runtime/condition_explain.h — which part of a condition decided its value for a request, and the
// request fact behind it (issue 11 item 6). Explain uses it so that a denial says
//   condition failed: target.roles within helpdesk_administrator_resettable and not
//   target.role_assignable_group_member: `not target.role_assignable_group_member` is false (the
//   target is a member or owner of a role-assignable group)
// rather than only reprinting the whole condition.
//
// The chunk's bytecode is decompiled back into its and/or/not tree (the shape compiler/lower.cc
// emits: `a and b` is <a> JUMP_IF_FALSE_OR_POP L <b> L:). Only Explain calls this; Check never does.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/condition_leaf.h"
#include "runtime/image_view.h"

namespace rolec::runtime {

// The deciding terms of chunk `chunk` for `context`, each as "`term` is true|false (fact)", joined
// with "; ". For a false `and`: its first false operand; for a false `or`: every operand; for a
// true `and`: every operand; for a true `or`: its first true operand; a term is a predicate or
// `not` of one. "" if the chunk does not decompile into a tree (only a hand-built image's chunk may
// not; callers then show the whole condition text alone). Requires a verified chunk.
std::string ExplainCondition(const ImageView& image, uint32_t chunk, const LeafContext& context);

}  // namespace rolec::runtime
