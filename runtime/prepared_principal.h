// runtime/prepared_principal.h — what a rolec::PreparedPrincipal holds (include/rolec/policy.hpp).
//
// INVARIANT: made only by Policy::Prepare and never changed after: the policy's serial, every
// assignment's role < that policy's role_count (and unit-scoped only for a scopable role),
// `assignments[i].admin_unit` viewing `units[i]`, `mask` pointing at 2 * `words` words (inline_mask
// or heap_mask): first the tenant mask, bit r set iff some tenant-scoped assignment holds role r,
// then the all-scopes mask, bit r set iff some assignment holds role r. The state lives on the
// heap behind a shared_ptr, so the views stay valid however the handle is copied or moved.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rolec/policy.hpp"

namespace rolec {

struct PreparedPrincipal::State {
  uint64_t policy_serial = 0;  // PolicyImpl::serial() of the Policy that prepared it
  const uint64_t* mask = nullptr;
  uint32_t words = 0;
  // Masks of up to 192 roles (the stdlib has about 150) sit next to the serial: one cache line.
  static constexpr uint32_t kInlineWords = 3;
  uint64_t inline_mask[2 * kInlineWords] = {};
  std::vector<uint64_t> heap_mask;
  std::string id;
  std::vector<std::string> units;
  std::vector<Assignment> assignments;
};

}  // namespace rolec
