// runtime/policy_impl.h — what a rolec::Policy holds: its own 8-aligned copy of the image bytes
// and the verified view over them.
//
// Policy is the public face (include/rolec/policy.hpp); tools inside rolec that need the tables
// themselves (the disassembler, tests, analysis) reach them through Policy::impl().image().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "runtime/image_view.h"
#include "runtime/unconditional_columns.h"

namespace rolec {

class PolicyImpl {
 public:
  // Takes the bytes (adopting the string's buffer if it is 8-aligned, copying them into aligned
  // storage otherwise) and verifies them.
  static absl::StatusOr<std::unique_ptr<PolicyImpl>> Create(std::string bytes);

  const runtime::ImageView& image() const noexcept { return image_; }
  std::string_view bytes() const noexcept { return std::string_view(data_, size_); }
  // The prepared-principal fast path's table (unconditional_columns.h).
  const runtime::UnconditionalColumns& unconditional() const noexcept { return unconditional_; }
  // This load's identity, unique in the process (never 0): what a PreparedPrincipal records of
  // the Policy it was prepared for, so a check against another one is told apart even if it was
  // loaded at the same address.
  uint64_t serial() const noexcept { return serial_; }

 private:
  PolicyImpl() = default;

  // INVARIANT: the storage never changes after Create; data_ points into it and image_ views it.
  std::string adopted_;                  // the caller's string, when already 8-aligned
  std::unique_ptr<uint64_t[]> copied_;   // otherwise an aligned copy (uint64_t for alignment)
  const char* data_ = nullptr;
  size_t size_ = 0;
  runtime::ImageView image_;
  runtime::UnconditionalColumns unconditional_;
  uint64_t serial_ = 0;
};

}  // namespace rolec
