// bench/check_bench.cc — the cost of a decision (DESIGN.md §5).
//
// Every benchmark cycles through a fixed set of kRequestCount different requests (bench/workload.h),
// one Check per iteration unless it says batch, so branch predictors and caches see a realistic mix
// rather than one request repeated. Requests are bound at setup: role names resolved to ids, the
// views built; the loop measures Policy::Check (or the baseline) alone.
//
//   BM_CheckStdlib_ActionString   one check, stdlib loaded, action given as a string
//   BM_CheckStdlib_ActionId       the same requests with pre-resolved action ids
//   BM_CheckStdlib_Batch          1024 checks per iteration (time per check reported)
//   BM_CheckStdlib_Outcome/k      only allows (0), denials without a grant (1), denials by a
//                                 condition, except or intrinsic rule (2)
//   BM_ExplainStdlib              Explain on the mixed requests (allocates by design)
//   BM_BaselineStdlib_*           the hand-written baseline (bench/baseline.h) on the same requests
//   BM_CheckSynthetic_*/N         check latency on synthetic policies of N roles (flat in N?)
#include <benchmark/benchmark.h>

#include "bench/bench_state.h"

namespace rolec::bench {
namespace {

bool Ready(benchmark::State& state, const std::string& error) {
  if (error.empty()) return true;
  state.SkipWithError(error.c_str());
  return false;
}

// One Check per iteration over `requests`, cyclically.
void CheckLoop(benchmark::State& state, const Policy& policy, const std::vector<Request>& requests) {
  if (requests.empty()) {
    state.SkipWithError("no requests");
    return;
  }
  const size_t n = requests.size();
  size_t i = 0;
  size_t allowed = 0;
  for (auto _ : state) {
    Decision d = policy.Check(requests[i]);
    benchmark::DoNotOptimize(d);
    allowed += d == Decision::kAllow;
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["requests"] = static_cast<double>(n);
  state.counters["allow_share"] = state.iterations() ? static_cast<double>(allowed) / state.iterations() : 0;
}

void BM_CheckStdlib_ActionString(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!Ready(state, s.error)) return;
  CheckLoop(state, *s.policy, s.requests.requests());
}
BENCHMARK(BM_CheckStdlib_ActionString);

void BM_CheckStdlib_ActionId(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!Ready(state, s.error)) return;
  CheckLoop(state, *s.policy, s.requests_ids.requests());
}
BENCHMARK(BM_CheckStdlib_ActionId);

void BM_CheckStdlib_Batch(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!Ready(state, s.error)) return;
  const std::vector<Request>& requests = s.requests.requests();
  const size_t batch = static_cast<size_t>(state.range(0));
  const size_t n = requests.size();
  size_t i = 0;
  for (auto _ : state) {
    uint32_t allowed = 0;
    for (size_t k = 0; k < batch; ++k) {
      allowed += s.policy->Check(requests[i]) == Decision::kAllow;
      if (++i == n) i = 0;  // no division per check
    }
    benchmark::DoNotOptimize(allowed);
  }
  state.SetItemsProcessed(state.iterations() * batch);  // time per check = time / batch
}
BENCHMARK(BM_CheckStdlib_Batch)->Arg(1024);

void BM_CheckStdlib_Outcome(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!Ready(state, s.error)) return;
  static const char* const kNames[] = {"allow", "deny-no-grant", "deny-by-condition"};
  state.SetLabel(kNames[state.range(0)]);
  CheckLoop(state, *s.policy, s.by_outcome[state.range(0)].requests());
  state.counters["mix_share"] =
      static_cast<double>(s.outcome_counts[state.range(0)]) / static_cast<double>(s.requests.size());
}
BENCHMARK(BM_CheckStdlib_Outcome)->DenseRange(0, kOutcomeCount - 1);

void BM_ExplainStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!Ready(state, s.error)) return;
  const std::vector<Request>& requests = s.requests.requests();
  size_t i = 0;
  for (auto _ : state) {
    Explanation e = s.policy->Explain(requests[i]);
    benchmark::DoNotOptimize(e.decision);
    if (++i == requests.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExplainStdlib);

template <bool kPreResolved>
void BaselineLoop(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!Ready(state, s.error) || !Ready(state, s.baseline_error)) return;
  const std::vector<BaselineRequest>& requests = s.baseline_requests;
  const Baseline& baseline = *s.baseline;
  const size_t n = requests.size();
  size_t i = 0;
  for (auto _ : state) {
    bool d = kPreResolved ? baseline.CheckId(requests[i]) : baseline.Check(requests[i]);
    benchmark::DoNotOptimize(d);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["requests"] = static_cast<double>(n);
  state.counters["mismatches"] = static_cast<double>(s.baseline_mismatches);
}
void BM_BaselineStdlib_ActionString(benchmark::State& state) { BaselineLoop<false>(state); }
void BM_BaselineStdlib_ActionId(benchmark::State& state) { BaselineLoop<true>(state); }
BENCHMARK(BM_BaselineStdlib_ActionString);
BENCHMARK(BM_BaselineStdlib_ActionId);

void BM_CheckSynthetic_ActionString(benchmark::State& state) {
  const SyntheticState& s = Synthetic(static_cast<uint32_t>(state.range(0)));
  if (!Ready(state, s.error)) return;
  CheckLoop(state, *s.policy, s.requests.requests());
  state.counters["roles"] = static_cast<double>(s.policy->role_count());
}
void BM_CheckSynthetic_ActionId(benchmark::State& state) {
  const SyntheticState& s = Synthetic(static_cast<uint32_t>(state.range(0)));
  if (!Ready(state, s.error)) return;
  CheckLoop(state, *s.policy, s.requests_ids.requests());
  state.counters["roles"] = static_cast<double>(s.policy->role_count());
}
BENCHMARK(BM_CheckSynthetic_ActionString)->RangeMultiplier(10)->Range(100, 100000);
BENCHMARK(BM_CheckSynthetic_ActionId)->RangeMultiplier(10)->Range(100, 100000);

}  // namespace
}  // namespace rolec::bench
