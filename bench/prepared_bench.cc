// bench/prepared_bench.cc — checks of prepared principals (Policy::Prepare, docs/embedding.md
// §Prepared principals) on the stdlib's mixed workload: the 1024 requests of BM_CheckStdlib_*,
// each principal prepared once outside the timed loop, the setup checking that every decision
// equals Policy::Check(Request)'s before anything is timed.
//
//   BM_CheckPrepared_ActionId       Check(prepared, action id, target, context); an action outside
//                                   the catalog (the workload asks a few) by name
//   BM_CheckPrepared_ActionString   Check(prepared, action name, target, context)
//   BM_Hot64_CppCheckPreparedId     the first 64 requests only, by id: next to BM_Hot64_CapiCheckId
//   BM_UnconditionalColumnsStdlib   building the fast path's columns from the stdlib's grant blocks:
//                                   what Policy::Load pays for them (BM_LoadStdlib includes it)
//   BM_PrepareStdlib                Policy::Prepare of the workload's principals, one per iteration
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench/bench_state.h"
#include "fmt/format.h"
#include "runtime/policy_impl.h"
#include "runtime/unconditional_columns.h"

namespace rolec::bench {
namespace {

struct PreparedState {
  std::string error;
  std::vector<PreparedPrincipal> principals;  // one per request
  std::vector<ActionId> ids;                  // kNoAction: outside the catalog, check by name
  std::vector<std::string_view> names;
  std::vector<Target> targets;
  std::vector<Context> contexts;
};

const PreparedState& Prepared() {
  static const PreparedState* state = [] {
    auto* s = new PreparedState;
    const StdlibState& stdlib = Stdlib();
    if (!stdlib.error.empty()) {
      s->error = stdlib.error;
      return s;
    }
    const Policy& policy = *stdlib.policy;
    const std::vector<Request>& by_id = stdlib.requests_ids.requests();
    const std::vector<Request>& by_name = stdlib.requests.requests();
    for (size_t i = 0; i < by_id.size(); ++i) {
      const Request& r = by_id[i];
      absl::StatusOr<PreparedPrincipal> p = policy.Prepare(r.principal_id, r.assignments);
      if (!p.ok()) {
        s->error = fmt::format("request {}: {}", i, p.status().ToString());
        return s;
      }
      s->principals.push_back(*std::move(p));
      s->ids.push_back(r.action_id);
      s->names.push_back(by_name[i].action);
      s->targets.push_back(r.target);
      s->contexts.push_back(r.context);
      const Decision expected = policy.Check(r);
      const Decision got = r.action_id != kNoAction
                               ? policy.Check(s->principals[i], r.action_id, r.target, r.context)
                               : policy.Check(s->principals[i], by_name[i].action, r.target,
                                              r.context);
      const Decision got_name = policy.Check(s->principals[i], by_name[i].action, r.target, r.context);
      if (got != expected || got_name != policy.Check(by_name[i])) {
        s->error = fmt::format("request {}: the prepared check disagrees with Check(Request)", i);
        return s;
      }
    }
    return s;
  }();
  return *state;
}

template <bool kById>
void PreparedLoop(benchmark::State& state, size_t limit) {
  const PreparedState& s = Prepared();
  if (!s.error.empty()) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  const Policy& policy = *Stdlib().policy;
  const size_t n = std::min(limit, s.principals.size());
  size_t i = 0, allowed = 0;
  for (auto _ : state) {
    Decision d;
    if (kById && s.ids[i] != kNoAction) {
      d = policy.Check(s.principals[i], s.ids[i], s.targets[i], s.contexts[i]);
    } else {
      d = policy.Check(s.principals[i], s.names[i], s.targets[i], s.contexts[i]);
    }
    benchmark::DoNotOptimize(d);
    allowed += d == Decision::kAllow;
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["requests"] = static_cast<double>(n);
  state.counters["allow_share"] =
      state.iterations() ? static_cast<double>(allowed) / state.iterations() : 0;
}

void BM_CheckPrepared_ActionId(benchmark::State& state) { PreparedLoop<true>(state, kRequestCount); }
void BM_CheckPrepared_ActionString(benchmark::State& state) {
  PreparedLoop<false>(state, kRequestCount);
}
void BM_Hot64_CppCheckPreparedId(benchmark::State& state) { PreparedLoop<true>(state, 64); }
BENCHMARK(BM_CheckPrepared_ActionId);
BENCHMARK(BM_CheckPrepared_ActionString);
BENCHMARK(BM_Hot64_CppCheckPreparedId);

void BM_UnconditionalColumnsStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  const runtime::ImageView& image = s.policy->impl().image();
  for (auto _ : state) {
    runtime::UnconditionalColumns columns(image);
    benchmark::DoNotOptimize(columns.Column(0));
  }
  state.counters["actions"] = image.action_count();
  state.counters["roles"] = image.role_count();
}
BENCHMARK(BM_UnconditionalColumnsStdlib)->Unit(benchmark::kMicrosecond);

void BM_PrepareStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  const std::vector<Request>& requests = s.requests.requests();
  size_t i = 0;
  for (auto _ : state) {
    absl::StatusOr<PreparedPrincipal> p =
        s.policy->Prepare(requests[i].principal_id, requests[i].assignments);
    benchmark::DoNotOptimize(p);
    if (++i == requests.size()) i = 0;
  }
}
BENCHMARK(BM_PrepareStdlib);

}  // namespace
}  // namespace rolec::bench
