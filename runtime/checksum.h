// runtime/checksum.h — the 64-bit checksum of policy images: XXH64.
//
// XXH64 (Yann Collet's xxHash, 64-bit variant, seed 0) is a published, frozen algorithm, so an image
// can be checked by any tool that has it (`xxhsum -H64`), and it runs at several GB/s, which keeps
// verifying a stdlib image well under the 1 ms load budget. It detects corruption, not tampering:
// the loader verifies every field as if the checksum were forged (docs/bytecode.md §Verification).
#pragma once

#include <cstddef>
#include <cstdint>

namespace rolec::runtime {

uint64_t Xxh64(const void* data, size_t size, uint64_t seed = 0) noexcept;

}  // namespace rolec::runtime
