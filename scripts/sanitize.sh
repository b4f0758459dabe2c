#!/usr/bin/env bash
# The test suite under sanitizers (docs/security.md §Sanitizers):
#   1. build-asan/: every library and test built with -fsanitize=address,undefined
#      -fno-sanitize-recover=undefined (gcc), then the whole ctest suite;
#   2. build-tsan/: the multi-threaded tests (Check from four threads on one policy; four readers
#      and a writer swapping images with std::atomic_load/atomic_store; four readers checking
#      through a C API engine while a writer swaps its image 1000 times) under ThreadSanitizer.
# Any report fails the run. Installs missing packages (scripts/install-deps.sh).
#
#   scripts/sanitize.sh           both
#   scripts/sanitize.sh asan      only 1;   scripts/sanitize.sh tsan   only 2
# Environment: ROLEC_ASAN_BUILD, ROLEC_TSAN_BUILD (build directories, default build-asan, build-tsan).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
case "$what" in all|asan|tsan) ;; *) echo "usage: scripts/sanitize.sh [asan|tsan]" >&2; exit 2 ;; esac
scripts/install-deps.sh

# -O1: the sanitizers' recommended level, and quicker to build than -O2 on two cores.
common=(-DROLEC_BUILD_TESTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g")
# ThreadSanitizer (gcc 12) cannot map its shadow memory with the 32-bit mmap randomisation of
# recent kernels; running with address-space randomisation off avoids that.
norandom=()
if command -v setarch >/dev/null && setarch "$(uname -m)" -R true 2>/dev/null; then
  norandom=(setarch "$(uname -m)" -R)
fi

asan_build=${ROLEC_ASAN_BUILD:-build-asan}
tsan_build=${ROLEC_TSAN_BUILD:-build-tsan}
if [ "$what" != tsan ]; then
  cmake -S . -B "$asan_build" -DROLEC_SANITIZE=address,undefined "${common[@]}" >/dev/null
  # Test discovery runs the test binaries at build time: the sanitizer options apply there too.
  export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  cmake --build "$asan_build" -j2
  # Every test runs. The slowest (the 100k-request differential test, the stdlib decision
  # tables) take tens of seconds under ASan, well inside the per-test timeout.
  ctest --test-dir "$asan_build" --output-on-failure -j2 --timeout 900
fi

if [ "$what" != asan ]; then
  cmake -S . -B "$tsan_build" -DROLEC_SANITIZE=thread "${common[@]}" >/dev/null
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
  cmake --build "$tsan_build" -j2 --target rolec_sanitize_tests rolec_runtime_tests rolec_capi_tests
  "${norandom[@]}" "$tsan_build"/tests/rolec_sanitize_tests --gtest_filter='Reload.*'
  "${norandom[@]}" "$tsan_build"/tests/rolec_runtime_tests --gtest_filter='Concurrency.*'
  "${norandom[@]}" "$tsan_build"/tests/rolec_capi_tests --gtest_filter='CapiReload.*:CapiEngine.*'
  echo "tsan: Reload.*, Concurrency.*, CapiReload.* and CapiEngine.* passed without a report"
fi
