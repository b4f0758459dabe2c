// runtime/condition_vm.h — runs a condition chunk against a request: the stack machine of
// booleans described by runtime/opcodes.h.
//
// The VM does no checking at all: no stack bounds, no operand ranges, no end-of-code test. It is
// only ever given chunks of a verified image (chunk_verifier.h proves each of those properties at
// load), and requests whose role ids the evaluator has checked against the image. Its stack is a
// fixed array of kMaxStackDepth booleans on the C++ stack: no allocation, no exceptions.
#pragma once

#include <cstdint>
#include <string_view>

#include "rolec/policy.hpp"
#include "runtime/image_view.h"

namespace rolec::runtime {

// The value of chunk `chunk` of `image` for `request`, evaluated for the assignment whose scope is
// `scope_admin_unit` ("" = tenant scope) and whose role is `assignment_role` (kNoRole: none, so
// `assignment.role in S` is false).
// Requires: every id in request.target.roles is < image.role_count().
bool RunCondition(const ImageView& image, uint32_t chunk, const Request& request,
                  std::string_view scope_admin_unit, RoleId assignment_role = kNoRole) noexcept;

}  // namespace rolec::runtime
