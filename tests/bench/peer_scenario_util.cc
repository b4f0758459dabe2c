// tests/bench/peer_scenario_util.cc — compiles bench/peers/peer_scenario.cc into the test binary:
// bench/ is built only with ROLEC_BUILD_BENCH, its tests always.
#include "bench/peers/peer_scenario.cc"
