// tests/fuzz/fuzz_parse_compile.cc — libFuzzer target: rolec::fuzz::CheckParseCompile (fuzz_targets.h).
// Build and run: scripts/fuzz.sh fuzz_parse_compile SECONDS (docs/security.md §Fuzzing).
#include "fuzz/fuzz_driver.h"

ROLEC_FUZZ_DRIVER(rolec::fuzz::CheckParseCompile)
