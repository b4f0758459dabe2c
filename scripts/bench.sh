#!/usr/bin/env bash
# Benchmarks (docs/performance.md): builds rolec in Release (-O2, no -march=native), runs every
# Google Benchmark suite of bench/ and prints one table against the targets of DESIGN.md §5.
#
#   scripts/bench.sh                 the suites: checks, baseline, Explain, compile, load, scaling
#   scripts/bench.sh --peers         the suites, then the shared peer harness (../shared/bench-peers)
#                                    with rolec's driver beside ideal-cpp, Cedar, casbin, oso, ...
#   scripts/bench.sh --peers-only    only the peer harness
#   scripts/bench.sh --quick         shorter runs (for trying things; quote the full run's figures)
#
# Environment: BUILD_DIR (default build/bench-release), JOBS (default 2), BENCH_REPS (repetitions of
# each check benchmark, default 5; the table shows medians), PEER_ENGINES (harness engines besides rolec,
# default every one), and the harness's own REPS / TIME_BUDGET_S / FULL / NO_APT (its README).
# The harness directory is read-only; it is copied to $BUILD_DIR/bench-peers and run there (run.sh
# installs its npm packages, and Debian's Go packages for casbin-go unless NO_APT=1).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build/bench-release}
JOBS=${JOBS:-2}
PEERS_SRC=${PEERS_SRC:-$ROOT/../shared/bench-peers}

run_suites=1 run_peers=0 quick=0
for arg in "$@"; do
  case "$arg" in
    --peers) run_peers=1 ;;
    --peers-only) run_peers=1 run_suites=0 ;;
    --quick) quick=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done
log() { echo "[bench.sh] $*" >&2; }

targets=()
[ "$run_suites" = 1 ] && targets+=(rolec_bench)
[ "$run_peers" = 1 ] && targets+=(rolec_peer_driver)
mkdir -p "$BUILD"
log "configuring $BUILD (Release: -O2 -DNDEBUG, no -march=native)"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DROLEC_BUILD_BENCH=ON > "$BUILD/bench-configure.log" 2>&1 \
  || { cat "$BUILD/bench-configure.log" >&2; exit 1; }
log "building ${targets[*]} (-j$JOBS)"
cmake --build "$BUILD" --target "${targets[@]}" -j"$JOBS" > "$BUILD/bench-build.log" 2>&1 \
  || { tail -n 40 "$BUILD/bench-build.log" >&2; exit 1; }

machine() {
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); $(${CXX:-c++} --version | head -n 1);" \
       "-O2 -DNDEBUG; $(date -u +%Y-%m-%dT%H:%MZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

if [ "$run_suites" = 1 ]; then
  reps=${BENCH_REPS:-5} min_time=0.5 compile_min_time=1
  [ "$quick" = 1 ] && reps=${BENCH_REPS:-3} min_time=0.05 compile_min_time=0.05
  out="$BUILD/bench-results"
  mkdir -p "$out"
  log "check suites: $reps repetitions of ${min_time}s each"
  "$BUILD/bench/rolec_bench" --benchmark_filter='Check|Explain|Baseline' \
    --benchmark_repetitions="$reps" --benchmark_min_time="$min_time" \
    --benchmark_out="$out/checks.json" --benchmark_out_format=json >&2
  log "compile and load suites"
  "$BUILD/bench/rolec_bench" --benchmark_filter='Compile|Load' --benchmark_min_time="$compile_min_time" \
    --benchmark_out="$out/compile.json" --benchmark_out_format=json >&2
  echo
  machine
  python3 - "$out/checks.json" "$out/compile.json" <<'PY'
import json, statistics, sys

runs = {}
for path in sys.argv[1:]:
    for b in json.load(open(path))["benchmarks"]:
        if b.get("error_occurred"):
            runs.setdefault(b["run_name"], {"error": b.get("error_message", "error")})
            continue
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        runs.setdefault(b["run_name"], {"samples": []})["samples"].append(b)

def get(name, field="cpu_time", scale=1.0):
    r = runs.get(name)
    if not r or "samples" not in r:
        return None
    samples = r["samples"]
    med = [s for s in samples if s.get("aggregate_name") == "median"]
    pick = med[0] if med else samples[0]
    value = pick.get(field)
    if value is None:
        return None
    unit = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[pick.get("time_unit", "ns")] if field.endswith("_time") else 1
    return value * unit * scale

def ns(v):
    if v is None: return "n/a"
    if v >= 1e6: return f"{v/1e6:.2f} ms"
    if v >= 1e4: return f"{v/1e3:.1f} µs"
    return f"{v:.1f} ns"

rows = []
def row(what, measured, target="", ok=None):
    verdict = "" if ok is None else ("met" if ok else "MISSED")
    rows.append((what, measured, target, verdict))

def err(name):
    r = runs.get(name)
    return r["error"] if r and "error" in r else None

s_str = get("BM_CheckStdlib_ActionString")
s_id = get("BM_CheckStdlib_ActionId")
for name in ("BM_CheckStdlib_ActionString", "BM_BaselineStdlib_ActionString"):
    if err(name): row(name, "error: " + err(name)[:70])
row("check, stdlib, action string, roles by name at setup", ns(s_str), "≤ 50 ns", s_str is not None and s_str <= 50)
row("check, stdlib, pre-resolved action id", ns(s_id), "≤ 10 ns", s_id is not None and s_id <= 10)
batch = get("BM_CheckStdlib_Batch/1024")
row("batch of 1024 checks, per check", ns(batch / 1024 if batch else None))
for k, label in enumerate(["allow", "deny, no grant", "deny by condition/except/intrinsic"]):
    name = f"BM_CheckStdlib_Outcome/{k}"
    share = get(name, "mix_share")
    row(f"  only {label} ({share*100:.0f}% of the mix)" if share is not None else f"  only {label}", ns(get(name)))
row("Explain (allocates: reasons, denials)", ns(get("BM_ExplainStdlib")))
b_str = get("BM_BaselineStdlib_ActionString")
b_id = get("BM_BaselineStdlib_ActionId")
mism = get("BM_BaselineStdlib_ActionString", "mismatches")
if mism:
    total = get("BM_BaselineStdlib_ActionString", "requests")
    row("  baseline vs Policy::Check: requests decided differently", f"{mism:.0f} of {total:.0f}", "0", False)
row("hand-written baseline, action string (same requests)", ns(b_str))
row("hand-written baseline, pre-resolved id", ns(b_id))
if s_str and b_str:
    row("  rolec / baseline, action string", f"{s_str/b_str:.2f}×", "≤ 1.5×", s_str / b_str <= 1.5)
if s_id and b_id:
    row("  rolec / baseline, pre-resolved id", f"{s_id/b_id:.2f}×", "≤ 1.5×", s_id / b_id <= 1.5)
c = get("BM_CompileStdlib")
lines = get("BM_CompileStdlib", "lines")
row(f"compile the whole stdlib from source ({lines:.0f} lines)" if lines else "compile the whole stdlib", ns(c), "≤ 20 ms", c is not None and c <= 20e6)
rates = []
for n in (1000, 10000, 100000):
    name = f"BM_CompileSynthetic/{n}"
    if err(name): row(name, "error: " + err(name)[:70]); continue
    lps = get(name, "lines_per_second")
    l = get(name, "lines")
    t = get(name)
    if lps is None: continue
    rates.append(lps)
    row(f"compile synthetic {n:,} roles ({l:,.0f} lines) in {ns(t)}", f"{lps/1e6:.2f} M lines/s", "≥ 1 M lines/s", lps >= 1e6)
if len(rates) == 3:
    row("  linearity: lines/s at 100k roles / at 1k roles", f"{rates[2]/rates[0]:.2f}", "≈ 1 (linear)", rates[2] / rates[0] >= 0.67)
ld = get("BM_LoadStdlib")
size = get("BM_LoadStdlib", "image_bytes")
row("load the stdlib image (verify included)", ns(ld), "≤ 1 ms", ld is not None and ld <= 1e6)
if size: row("stdlib image size", f"{size/1024:.0f} KiB", "≤ 1024 KiB", size <= 1 << 20)
for n in (1000, 10000, 100000):
    name = f"BM_LoadSynthetic/{n}"
    t = get(name); size = get(name, "image_bytes")
    if t is not None: row(f"load synthetic {n:,} roles image ({size/2**20:.1f} MiB)", ns(t))
flat = {}
for variant in ("ActionString", "ActionId"):
    vals = []
    for n in (100, 1000, 10000, 100000):
        t = get(f"BM_CheckSynthetic_{variant}/{n}")
        if t is not None:
            vals.append(t)
            row(f"check, synthetic {n:,} roles, {'action string' if variant == 'ActionString' else 'action id'}", ns(t))
    if len(vals) == 4:
        row(f"  100k roles / 100 roles ({variant})", f"{vals[3]/vals[0]:.2f}×", "flat (≤ 1.5×)", vals[3] / vals[0] <= 1.5)

w = [max(len(r[i]) for r in rows + [("what", "measured", "target", "")]) for i in range(4)]
print(f"| {'what':<{w[0]}} | {'measured (CPU time, median)':>{max(w[1], 27)}} | {'target':<{w[2]}} | {'':<{w[3]}} |")
print(f"|{'-'*(w[0]+2)}|{'-'*(max(w[1], 27)+2)}|{'-'*(w[2]+2)}|{'-'*(w[3]+2)}|")
for r in rows:
    print(f"| {r[0]:<{w[0]}} | {r[1]:>{max(w[1], 27)}} | {r[2]:<{w[2]}} | {r[3]:<{w[3]}} |")
PY
fi

if [ "$run_peers" = 1 ]; then
  if [ ! -f "$PEERS_SRC/run.sh" ]; then log "no peer harness at $PEERS_SRC"; exit 1; fi
  if [ ! -x "$BUILD/bench/rolec_peer_driver" ]; then log "the peer driver was not built (see $BUILD/bench-build.log)"; exit 1; fi
  PEERS="$BUILD/bench-peers"
  log "copying the harness to $PEERS (the shared copy is read-only)"
  mkdir -p "$PEERS"
  # Keep node_modules/, build/ and requests.jsonl from an earlier run; refresh everything else.
  (cd "$PEERS_SRC" && tar cf - --exclude=node_modules --exclude=build --exclude=out .) | (cd "$PEERS" && tar xf -)
  chmod -R u+w "$PEERS"
  # run.sh runs each PEER_DRIVERS entry as `cmd ROOT`: the id variant needs its flag in a wrapper.
  printf '#!/bin/sh\nexec "%s" "$1" --ids\n' "$BUILD/bench/rolec_peer_driver" > "$BUILD/rolec-ids"
  chmod +x "$BUILD/rolec-ids"
  ln -sf "$BUILD/bench/rolec_peer_driver" "$BUILD/rolec"
  engines=()
  [ -n "${PEER_ENGINES:-}" ] && read -r -a engines <<< "$PEER_ENGINES"
  peer_args=()
  [ "$quick" = 1 ] && peer_args+=(--quick)
  log "running the harness: rolec, rolec-ids and ${PEER_ENGINES:-every peer engine}"
  echo
  machine
  (cd "$PEERS" && PEER_DRIVERS="$BUILD/rolec $BUILD/rolec-ids" ./run.sh "${peer_args[@]}" "${engines[@]}")
  # The ratios DESIGN.md §5 asks for, from the same run.
  python3 - "$PEERS/out/results.jsonl" <<'PY'
import json, sys
r = {}
for line in open(sys.argv[1]):
    j = json.loads(line)
    if "ns_per_decision_median" in j:
        r[j["engine"]] = j
def ns(e): return r[e]["ns_per_decision_median"] if e in r else None
print()
print("| ratio (same run, median ns per decision) | value | target |")
print("|---|---:|---|")
for ours, anchor in (("rolec", "ideal-cpp"), ("rolec-ids", "ideal-cpp-ids")):
    if ns(ours) and ns(anchor):
        print(f"| {ours} / {anchor} ({ns(ours)} / {ns(anchor)} ns) | {ns(ours)/ns(anchor):.2f}× | ≤ 1.5× |")
for peer in ("cedar-wasm", "cedar-wasm-typed", "casbin-node", "casbin-node-regex", "casbin-go", "oso", "casbin-cpp"):
    if ns(peer) and ns("rolec"):
        print(f"| {peer} / rolec ({ns(peer):,} / {ns('rolec')} ns) | {ns(peer)/ns('rolec'):,.0f}× | ≥ 100× |")
PY
  log "full results: $PEERS/out/results.jsonl"
fi
