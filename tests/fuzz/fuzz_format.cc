// tests/fuzz/fuzz_format.cc — libFuzzer target: rolec::fuzz::CheckFormat (fuzz_targets.h).
// Build and run: scripts/fuzz.sh fuzz_format SECONDS (docs/security.md §Fuzzing). It starts from
// the fuzz_parse_compile corpus (the same inputs: .role sources).
#include "fuzz/fuzz_driver.h"

ROLEC_FUZZ_DRIVER(rolec::fuzz::CheckFormat)
