// tests/bench/baseline_util.cc — compiles bench/baseline.cc into the test binary: bench/ is built only with
// ROLEC_BUILD_BENCH, its tests always.
#include "bench/baseline.cc"
