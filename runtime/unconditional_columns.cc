// runtime/unconditional_columns.cc — the transpose of the grant blocks' unconditional rows.
#include "runtime/unconditional_columns.h"

namespace rolec::runtime {

UnconditionalColumns::UnconditionalColumns(const ImageView& image)
    : words_((image.role_count() + 63) / 64),
      bits_(uint64_t{image.action_count()} * 2 * words_, 0) {
  const uint32_t actions = image.action_count();
  const uint32_t blocks = image.blocks_per_role();
  for (uint32_t role = 0; role < image.role_count(); ++role) {
    const uint64_t role_bit = uint64_t{1} << (role % 64);
    for (uint32_t b = 0; b < blocks; ++b) {
      const GrantBlock block = image.GrantBlockAt(uint64_t{role} * blocks + b);
      uint64_t bits = block.covers;
      while (bits != 0) {
        const uint64_t lowest = bits & -bits;
        const uint32_t action = b * kGrantBlockActions + PopCount64(lowest - 1);
        bits &= bits - 1;
        if (action >= actions) continue;
        uint64_t* column = bits_.data() + uint64_t{action} * 2 * words_;
        column[words_ + role / 64] |= role_bit;
        if ((block.unconditional & lowest) != 0) column[role / 64] |= role_bit;
      }
    }
  }
  // An intrinsic target rule can veto any grant: those actions' allows take the full walk.
  for (uint32_t action = 0; action < actions; ++action) {
    if (image.Action(action).intrinsic_chunk == kNone32) continue;
    for (uint32_t w = 0; w < words_; ++w) bits_[uint64_t{action} * 2 * words_ + w] = 0;
  }
}

}  // namespace rolec::runtime
