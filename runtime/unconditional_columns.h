// runtime/unconditional_columns.h — per catalog action, the roles whose grant of it allows it for
// every target and context: the transpose of the grant blocks' `unconditional` rows
// (docs/bytecode.md §Grant blocks), built once at load for the prepared-principal fast path
// (docs/embedding.md §Prepared principals).
//
// Bit r of action a's unconditional column is set iff role r's grant of a is kGrantUnconditional
// (an allow rule without a condition and no except rule covering a) and a has no intrinsic target
// rule. Such a grant, held at tenant scope, allows the check for every target that is not in a
// restricted management administrative unit (the only other veto on a tenant-scoped assignment,
// docs/semantics.md §Administrative units); the caller tests that, and the request's validity.
// Bit r of its covered column is set iff some allow rule of role r covers a (the grant block's
// `covers`): a principal none of whose roles (at any scope) is in it is denied the action whatever
// the target (every assignment ends in kNoGrant).
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/image_view.h"

namespace rolec::runtime {

class UnconditionalColumns {
 public:
  UnconditionalColumns() = default;
  // Reads every grant block of `image` once. May throw std::bad_alloc.
  explicit UnconditionalColumns(const ImageView& image);

  // ceil(role_count / 64): words per column, and per prepared principal's role mask.
  uint32_t words() const noexcept { return words_; }
  // Action `action` (< the image's action_count): its unconditional column (words() words),
  // followed by its covered column (words() more), adjacent so that a check reads one line.
  const uint64_t* Column(uint32_t action) const noexcept {
    return bits_.data() + uint64_t{action} * 2 * words_;
  }

 private:
  uint32_t words_ = 0;
  std::vector<uint64_t> bits_;  // action-major: unconditional words, then covered words
};

}  // namespace rolec::runtime
