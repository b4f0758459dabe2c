// tests/bench/workload_util.cc — compiles bench/workload.cc into the test binary: bench/ is built only with
// ROLEC_BUILD_BENCH, its tests always.
#include "bench/workload.cc"
