#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs them for a while.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#   TARGET: fuzz_parse_compile | fuzz_image | fuzz_differential | fuzz_import_graph | all (each in turn, SECONDS each)
#
# The checked-in corpus tests/fuzz/corpus/TARGET (plus tests/fuzz/regressions/TARGET) is copied
# to a temporary directory, so a run never changes the tree; fuzz_image also starts from images
# compiled by this build (write_image_seeds). A finding (crash-*, timeout-*, oom-*: an input that
# runs 25 s — wall-clock, so give the fuzzer a core — or needs 4 GiB) is kept in
# build-fuzz/findings/TARGET/<time of the run>/ and makes the script exit 1: add it to
# tests/fuzz/regressions/TARGET/ once understood (docs/security.md §Fuzzing). Each run ends with
# a line "fuzz: TARGET runs=N seconds=S cov=C ft=F corpus=K findings=0".
#
# One fuzzer process at a time, and the build with -j2: the machine has two cores.
# Environment: ROLEC_FUZZ_BUILD (build dir, default build-fuzz), ROLEC_FUZZ_KEEP_CORPUS=DIR (copy
# the grown corpus to DIR/TARGET after the run, e.g. to resume a long campaign from it).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/fuzz.sh fuzz_parse_compile|fuzz_image|fuzz_differential|fuzz_import_graph|fuzz_format|all SECONDS [libFuzzer flags]" >&2; exit 2; }
[ $# -ge 2 ] || usage
target_arg=$1
seconds=$2
shift 2
[[ "$seconds" =~ ^[0-9]+$ ]] || usage
case "$target_arg" in
  all) targets=(fuzz_parse_compile fuzz_image fuzz_differential fuzz_import_graph fuzz_format) ;;
  fuzz_parse_compile|fuzz_image|fuzz_differential|fuzz_import_graph|fuzz_format) targets=("$target_arg") ;;
  parse_compile|image|differential|import_graph|format) targets=("fuzz_$target_arg") ;;
  *) usage ;;
esac

# clang 14 and its libFuzzer/sanitizer runtimes (Debian: clang-14, libclang-rt-14-dev).
missing=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[fuzz] installing: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
scripts/install-deps.sh

build=${ROLEC_FUZZ_BUILD:-build-fuzz}
# -O1 -g without NDEBUG: assertions stay on, and reports have line numbers.
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 -DROLEC_FUZZ=ON -DROLEC_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
cmake --build "$build" --target "${targets[@]}" write_image_seeds -j2

status=0
for target in "${targets[@]}"; do
  work=$(mktemp -d "${TMPDIR:-/tmp}/rolec-fuzz-$target.XXXXXX")
  findings_dir="$build/findings/$target/$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$work/corpus" "$findings_dir"
  if [ -n "${ROLEC_FUZZ_KEEP_CORPUS:-}" ] && [ -d "$ROLEC_FUZZ_KEEP_CORPUS/$target" ]; then
    cp "$ROLEC_FUZZ_KEEP_CORPUS/$target/"* "$work/corpus/" 2>/dev/null || true
  fi
  # fuzz_format reads .role sources, as fuzz_parse_compile does: it starts from that corpus too.
  seeds=("tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target")
  [ "$target" = fuzz_format ] && seeds+=(tests/fuzz/corpus/fuzz_parse_compile)
  for dir in "${seeds[@]}"; do
    [ -d "$dir" ] && find "$dir" -maxdepth 1 -type f ! -name '.*' -exec cp {} "$work/corpus/" \;
  done
  [ "$target" = fuzz_image ] && "$build/tests/fuzz/write_image_seeds" . "$work/corpus"
  dict=()
  [ -f "tests/fuzz/$target.dict" ] && dict=("-dict=tests/fuzz/$target.dict")
  [ "$target" = fuzz_format ] && dict=("-dict=tests/fuzz/fuzz_parse_compile.dict")
  echo "[fuzz] $target for ${seconds}s from $(ls "$work/corpus" | wc -l) seeds" >&2
  set +e
  # Leak detection is off: a process that aborts on a finding leaks by design, and the targets
  # own every allocation through RAII (ASan still reports use-after-free and overflows).
  ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/$target" "$work/corpus" "${dict[@]}" -max_total_time="$seconds" \
      -max_len=65536 -timeout=25 -rss_limit_mb=4096 -report_slow_units=25 -print_final_stats=1 \
      -artifact_prefix="$findings_dir/" "$@" >"$work/log" 2>&1
  rc=$?
  set -e
  # What matters of the log: the last status lines, the final stats, and any report.
  grep -E '^(#[0-9]+ |stat::|Done )' "$work/log" | tail -n 4 >&2 || true
  if [ $rc -ne 0 ]; then
    grep -n -m1 -E '^(==[0-9]+==ERROR|rolec fuzz property failed|.*runtime error:|==[0-9]+== ERROR: libFuzzer)' "$work/log" \
      | cut -d: -f1 | { read -r first && tail -n +"$first" "$work/log" | head -n 80 >&2; } || true
  fi
  # The last status line ("#N DONE cov: C ft: F corp: K/...") and the final stats.
  last=$(grep -E '^#[0-9]+' "$work/log" | tail -n 1)
  runs=$(grep -E '^stat::number_of_executed_units:' "$work/log" | awk '{print $2}')
  [ -n "$runs" ] || runs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
  findings=$(find "$findings_dir" -type f ! -name 'slow-unit-*' | wc -l)
  echo "fuzz: $target runs=${runs:-0} seconds=$seconds cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?} findings=$findings"
  if [ -n "${ROLEC_FUZZ_KEEP_CORPUS:-}" ]; then
    mkdir -p "$ROLEC_FUZZ_KEEP_CORPUS/$target"
    cp "$work/corpus/"* "$ROLEC_FUZZ_KEEP_CORPUS/$target/" 2>/dev/null || true
  fi
  if [ $rc -ne 0 ] || [ "$findings" -gt 0 ]; then
    echo "[fuzz] $target: FAILED (exit $rc); log: $work/log; inputs: $findings_dir/" >&2
    status=1
  else
    rm -rf "$work"
    rmdir "$findings_dir" 2>/dev/null || true
  fi
done
exit $status
