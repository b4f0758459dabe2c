// tests/fuzz/fuzz_import_graph.cc — libFuzzer target: rolec::fuzz::CheckImportGraph
// (fuzz_targets.h). Build and run: scripts/fuzz.sh fuzz_import_graph SECONDS (docs/security.md
// §Fuzzing).
#include "fuzz/fuzz_driver.h"

ROLEC_FUZZ_DRIVER(rolec::fuzz::CheckImportGraph)
