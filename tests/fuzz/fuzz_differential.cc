// tests/fuzz/fuzz_differential.cc — libFuzzer target: rolec::fuzz::CheckDifferential (fuzz_targets.h).
// Build and run: scripts/fuzz.sh fuzz_differential SECONDS (docs/security.md §Fuzzing).
#include "fuzz/fuzz_driver.h"

ROLEC_FUZZ_DRIVER(rolec::fuzz::CheckDifferential)
