// tests/support/random.h — the seeded generator the property tests draw their cases from
// (tests/analysis random policies, tests/stdlib prepared principals): a seed reproduces a run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

namespace rolec::test_support {

class Random {
 public:
  explicit Random(uint32_t seed) : rng_(seed) {}
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Uniform(0, 99) < percent; }
  template <class T, size_t N>
  const T& Pick(const T (&items)[N]) { return items[Uniform(0, static_cast<int>(N) - 1)]; }

 private:
  std::mt19937 rng_;
};

}  // namespace rolec::test_support
