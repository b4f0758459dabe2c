// runtime/hash_index.h — lays out an open-addressing index of the image (the action and role name
// indexes): linear probing from home slot `hash & (capacity - 1)`, every key within
// kMaxProbeDistance of its home slot, the bound the verifier enforces (docs/bytecode.md §Hashing).
// A template in a header of its own so that ImageBuilder and its tests share it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/image_format.h"

namespace rolec::runtime {

// The largest capacity BuildProbingIndex tries before it stops doubling: 64 slots per key (at least
// 64). Keys whose hashes are spread need a load factor of 3/5 at most; keys that still crowd one home
// slot at 1/64 share their low hash bits, which only a crafted set of names does, and doubling
// further would not end before memory does.
inline uint64_t MaxIndexCapacity(size_t key_count) {
  uint64_t cap = 64;
  while (cap < uint64_t{64} * key_count && cap < (uint64_t{1} << 31)) cap <<= 1;
  return cap;
}

// Places keys by linear probing, in the order given (so the first of equal keys is found first).
// Starts at the smallest power of two with load factor <= 3/5 (short probes, and an image of the
// stdlib well under 1 MiB) and doubles the capacity until every key lies within kMaxProbeDistance of
// its home slot. At MaxIndexCapacity it places the keys anyway: the image then fails to load with a
// message naming the key that lies too far ("lies N slots from its home slot"), a clear error instead
// of a build that never ends.
template <class Slot, class HashOf, class SlotOf>
std::vector<Slot> BuildProbingIndex(size_t key_count, const Slot& empty, HashOf hash_of,
                                    SlotOf slot_of, bool (*is_empty)(const Slot&)) {
  const uint64_t max_capacity = MaxIndexCapacity(key_count);
  uint64_t capacity = 2;
  while (capacity < (uint64_t{5} * key_count + 2) / 3) capacity <<= 1;
  while (true) {
    std::vector<Slot> slots(capacity, empty);
    const uint64_t mask = capacity - 1;
    const bool last_try = capacity >= max_capacity;
    bool fits = true;
    for (size_t k = 0; k < key_count && fits; ++k) {
      const uint64_t home = static_cast<uint32_t>(hash_of(k)) & mask;
      uint64_t distance = 0;
      while (!is_empty(slots[(home + distance) & mask])) ++distance;
      if (distance > kMaxProbeDistance && !last_try) fits = false;
      slots[(home + distance) & mask] = slot_of(k);
    }
    if (fits) return slots;
    capacity *= 2;
  }
}

}  // namespace rolec::runtime
