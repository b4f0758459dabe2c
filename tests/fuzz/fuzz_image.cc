// tests/fuzz/fuzz_image.cc — libFuzzer target: rolec::fuzz::CheckImage (fuzz_targets.h).
// Build and run: scripts/fuzz.sh fuzz_image SECONDS (docs/security.md §Fuzzing).
#include "fuzz/fuzz_driver.h"

ROLEC_FUZZ_DRIVER(rolec::fuzz::CheckImage)
