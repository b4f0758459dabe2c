// BuildProbingIndex (runtime/hash_index.h): every key placed exactly once, within the probe bound
// when the hashes allow it, and a bounded build (then a loader error) when crafted names share
// their hash bits, instead of doubling the table until memory runs out.
#include "runtime/hash_index.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/image_format.h"

namespace rolec::testing {
namespace {

using runtime::BuildProbingIndex;
using runtime::kMaxProbeDistance;
using runtime::MaxIndexCapacity;

struct Slot {
  uint32_t key = 0xFFFFFFFFu;
};
bool IsEmpty(const Slot& slot) { return slot.key == 0xFFFFFFFFu; }

// The distance of every key from its home slot, checking each key is present once.
std::vector<uint64_t> Distances(const std::vector<Slot>& slots, const std::vector<uint64_t>& hashes) {
  std::vector<uint64_t> distance(hashes.size(), UINT64_MAX);
  const uint64_t mask = slots.size() - 1;
  for (uint64_t i = 0; i < slots.size(); ++i) {
    if (IsEmpty(slots[i])) continue;
    const uint32_t key = slots[i].key;
    EXPECT_LT(key, hashes.size());
    if (key >= hashes.size()) continue;
    EXPECT_EQ(distance[key], UINT64_MAX) << "key " << key << " placed twice";
    distance[key] = (i - (static_cast<uint32_t>(hashes[key]) & mask)) & mask;
  }
  for (size_t k = 0; k < hashes.size(); ++k) EXPECT_NE(distance[k], UINT64_MAX) << "key " << k << " missing";
  return distance;
}

std::vector<Slot> Build(const std::vector<uint64_t>& hashes) {
  return BuildProbingIndex<Slot>(
      hashes.size(), Slot{}, [&](size_t k) { return hashes[k]; },
      [](size_t k) { return Slot{static_cast<uint32_t>(k)}; }, IsEmpty);
}

TEST(HashIndex, SpreadKeysFitWithinTheProbeBoundAtLowLoad) {
  std::vector<uint64_t> hashes;
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int k = 0; k < 5000; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    hashes.push_back(x);
  }
  const std::vector<Slot> slots = Build(hashes);
  EXPECT_EQ(slots.size() & (slots.size() - 1), 0u);
  EXPECT_GT(slots.size(), hashes.size());
  EXPECT_LE(slots.size(), 4 * hashes.size());  // 3/5 load, maybe one doubling
  for (uint64_t d : Distances(slots, hashes)) EXPECT_LE(d, kMaxProbeDistance);
}

TEST(HashIndex, EmptyAndSingleKeyIndexesHaveAnEmptySlot) {
  EXPECT_EQ(Build({}).size(), 2u);
  const std::vector<Slot> one = Build({7});
  EXPECT_EQ(one.size(), 2u);
  Distances(one, {7});
}

TEST(HashIndex, CollidingKeysStopAtTheCapacityCapAndAreAllPlaced) {
  // 100 names with one hash: no capacity can put them within 32 slots of their home.
  const std::vector<uint64_t> hashes(100, 0x1234567800000005ull);
  const std::vector<Slot> slots = Build(hashes);
  EXPECT_EQ(slots.size(), MaxIndexCapacity(hashes.size()));
  EXPECT_LE(slots.size(), 64u * 128u);
  const std::vector<uint64_t> distance = Distances(slots, hashes);
  uint64_t farthest = 0;
  for (uint64_t d : distance) farthest = std::max(farthest, d);
  EXPECT_EQ(farthest, 99u);  // the loader rejects such an index (ImageLoad tests)
}

TEST(HashIndex, CapacityCapIsAPowerOfTwoOfAtLeast64SlotsPerKey) {
  EXPECT_EQ(MaxIndexCapacity(0), 64u);
  EXPECT_EQ(MaxIndexCapacity(1), 64u);
  EXPECT_EQ(MaxIndexCapacity(3), 256u);
  EXPECT_EQ(MaxIndexCapacity(1000), 65536u);
  EXPECT_EQ(MaxIndexCapacity(uint64_t{1} << 40), uint64_t{1} << 31);
}

}  // namespace
}  // namespace rolec::testing
