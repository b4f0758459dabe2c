// bench/peers/id_table.h — a string -> dense id table for the peer driver's directory lookups.
//
// The harness hands every request's principal and target as strings ("u01234"); the driver must map
// them to its user records inside the timed decision, as every peer engine does. This is the lookup
// a directory service would use: open addressing with linear probing, keys of up to 8 bytes packed
// into the slot itself (one memory access per hit), longer keys found by a 64-bit hash and compared
// against an arena. It is deliberately comparable to the ideal-cpp driver's table, so the peer
// figures compare rolec's Check, not two hash tables.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::bench {

class IdTable {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;

  // keys[i] gets id i. Duplicate keys: the first wins.
  explicit IdTable(const std::vector<std::string>& keys) {
    // Load factor <= 1/4 while the slots fit in 64 KiB (short probe runs), else <= 1/2 (a sparser
    // table costs more cache misses than its longer runs save), as ideal-cpp's tables.
    size_t capacity = 16;
    while (capacity < 2 * keys.size() || (capacity < 4 * keys.size() && 2 * capacity * sizeof(Slot) <= 65536)) {
      capacity <<= 1;
    }
    slots_.assign(capacity, Slot{0, 0, kNone});
    mask_ = capacity - 1;
    for (const std::string& key : keys) {
      offsets_.push_back(static_cast<uint32_t>(arena_.size()));
      arena_ += key;
    }
    for (uint32_t id = 0; id < keys.size(); ++id) {
      if (Find(keys[id]) != kNone) continue;
      uint64_t k, h;
      KeyOf(keys[id].data(), keys[id].size(), &k, &h);
      for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
        if (slots_[i].id == kNone) {
          slots_[i] = Slot{k, static_cast<uint32_t>(keys[id].size()), id};
          break;
        }
      }
    }
  }

  uint32_t Find(std::string_view key) const {
    uint64_t k, h;
    KeyOf(key.data(), key.size(), &k, &h);
    for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kNone) return kNone;
      if (slot.key == k && slot.length == key.size() &&
          (key.size() <= 8 || std::memcmp(arena_.data() + offsets_[slot.id], key.data(), key.size()) == 0)) {
        return slot.id;
      }
    }
  }

 private:
  struct Slot {
    uint64_t key;  // the key's bytes (length <= 8) or its hash
    uint32_t length;
    uint32_t id;  // kNone: empty
  };

  static uint64_t Mix(uint64_t a, uint64_t b) {  // 64x64 -> 128 multiply, folded
    __uint128_t r = static_cast<__uint128_t>(a) * b;
    return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
  }
  static void KeyOf(const char* p, size_t n, uint64_t* key, uint64_t* hash) {
    if (n <= 8) {
      // The key's bytes in one word (unique for a given length), from two overlapping loads rather
      // than a variable-length copy.
      uint64_t packed = 0;
      if (n >= 4) {
        uint32_t head, tail;
        std::memcpy(&head, p, 4);
        std::memcpy(&tail, p + n - 4, 4);
        packed = head | uint64_t{tail} << 32;
      } else if (n > 0) {
        packed = uint64_t{static_cast<uint8_t>(p[0])} | uint64_t{static_cast<uint8_t>(p[n / 2])} << 8 |
                 uint64_t{static_cast<uint8_t>(p[n - 1])} << 16;
      }
      *key = packed;
      *hash = Mix(packed ^ 0xA0761D6478BD642Full, 0xE7037ED1A0B428DBull ^ n);
      return;
    }
    uint64_t h = 0x8EBC6AF09C88C6E3ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      h = Mix(h ^ word, 0x589965CC75374CC3ull);
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p + i, n - i);
    h = Mix(h ^ tail, 0x1D8E4E27C47D124Full);
    *key = h;
    *hash = h;
  }

  std::vector<Slot> slots_;
  std::vector<uint32_t> offsets_;
  std::string arena_;
  uint64_t mask_ = 0;
};

}  // namespace rolec::bench
