// runtime/image_verifier.h — checks every byte of a policy image before anything reads it.
//
// The loader assumes the image is hostile: its checksum may well be right (anyone can recompute
// it), so every field is checked before it is used, in an order where each check relies only on
// fields already checked. What passes is safe to read without bounds checks (image_view.h) and to
// run (condition_vm.h). The checks, in order:
//   size (<= kMaxImageBytes), magic, format version, declared size, checksum (XXH64);
//   the section directory: 8-aligned, in order, non-overlapping, inside the image, sizes equal
//   to count * entry size, zero padding;
//   each table: string and chunk ranges tile their blobs; every string, chunk, role, rule and
//   action index in range; flags and reserved fields; catalog names well-formed actions and
//   unique (case-insensitive); rule patterns well-formed; a role's rules contiguous; role-set
//   bitsets consistent; grants sorted and unique with rule lists of the grant's own role and the
//   fast-path flag that those rules imply; hash indexes of power-of-two capacity with an empty
//   slot, every entry present once, reachable from its home slot within kMaxProbeDistance;
//   every chunk through the abstract interpreter (chunk_verifier.h); the catalog fingerprint.
// Errors read "policy image: <what>", as DataLossError for damage (truncation, checksum) and
// InvalidArgumentError for anything structurally wrong.
#pragma once

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "runtime/image_view.h"

namespace rolec::runtime {

// `data` must stay alive and unchanged as long as the returned view is used.
absl::StatusOr<ImageView> VerifyImage(const uint8_t* data, size_t size);

}  // namespace rolec::runtime
