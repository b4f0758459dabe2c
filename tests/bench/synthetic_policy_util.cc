// tests/bench/synthetic_policy_util.cc — compiles bench/synthetic_policy.cc into the test binary: bench/ is built only with
// ROLEC_BUILD_BENCH, its tests always.
#include "bench/synthetic_policy.cc"
