// bench/capi_bench.cc — what the C API (include/rolec/rolec.h) adds to a check.
//
// The stdlib's mixed workload (the requests BM_CheckStdlib_* measure), turned into C API inputs
// once: a prepared principal per request and a rolec_target viewing the same arrays. Run with
// BM_CheckStdlib_Action* in one process to compare (docs/performance.md §The C API):
//
//   BM_CapiCheck_ActionString    rolec_check: action by name
//   BM_CapiCheck_ActionId        rolec_check_id: the pre-resolved catalog id
//   BM_CapiCheck_Batch           rolec_check_batch of 1024 requests (time per check)
//   BM_CapiEngineCheck           rolec_engine_check (action by name) through an engine, on 1 and
//                                2 threads: the cost of the lock-free image slot
//   BM_CapiEngineSwap            rolec_engine_swap with no reader: the writer's side
//   BM_Hot64_CppCheckId,         the first 64 requests only, C++ and C API by id: a working set
//   BM_Hot64_CapiCheckId         that stays in L1/L2 for both, so the difference is the call itself
//                                (the full set of 1024 C API requests, with a heap principal each,
//                                no longer fits beside the policy in L2 on the reference machine)
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "bench/bench_state.h"
#include "rolec/rolec.h"

namespace rolec::bench {
namespace {

struct CapiState {
  std::string error;
  rolec_policy* policy = nullptr;
  rolec_engine* engine = nullptr;
  std::vector<rolec_principal*> principals;
  std::vector<rolec_target> targets;
  std::vector<std::vector<rolec_string_view>> strings;  // the targets' string arrays
  std::vector<rolec_request> by_name;                 // action as a string
  std::vector<rolec_request> by_id;                   // pre-resolved action ids
};

rolec_string_view ViewOf(std::string_view text) { return {text.data(), text.size()}; }

const CapiState& Capi() {
  static const CapiState* state = [] {
    auto* s = new CapiState;
    const StdlibState& stdlib = Stdlib();
    if (!stdlib.error.empty()) {
      s->error = stdlib.error;
      return s;
    }
    if (rolec_policy_load(stdlib.image.data(), stdlib.image.size(), &s->policy) != ROLEC_OK ||
        rolec_engine_new(s->policy, &s->engine) != ROLEC_OK) {
      s->error = rolec_last_error();
      return s;
    }
    const std::vector<Request>& requests = stdlib.requests.requests();
    const std::vector<Request>& with_ids = stdlib.requests_ids.requests();
    const size_t n = requests.size();
    s->targets.resize(n);
    s->strings.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const Request& r = requests[i];
      std::vector<rolec_assignment> assignments;
      for (const Assignment& a : r.assignments) assignments.push_back({a.role, ViewOf(a.admin_unit)});
      rolec_principal* principal = nullptr;
      if (rolec_principal_prepare(s->policy, r.principal_id.data(), r.principal_id.size(),
                                  assignments.data(), assignments.size(), &principal) != ROLEC_OK) {
        s->error = rolec_last_error();
        return s;
      }
      s->principals.push_back(principal);
      std::vector<rolec_string_view>& strings = s->strings[i];
      for (std::string_view unit : r.target.admin_units) strings.push_back(ViewOf(unit));
      for (std::string_view unit : r.target.restricted_admin_units) strings.push_back(ViewOf(unit));
      for (std::string_view owner : r.target.owners) strings.push_back(ViewOf(owner));
      rolec_target& t = s->targets[i];
      t = rolec_target{};
      t.kind = static_cast<int32_t>(r.target.kind);
      t.id = ViewOf(r.target.id);
      t.roles = r.target.roles.data();
      t.role_count = r.target.roles.size();
      t.role_assignable_group_member = r.target.role_assignable_group_member;
      t.role_scoped_to_restricted_admin_unit = r.target.role_scoped_to_restricted_admin_unit;
      t.in_restricted_admin_unit = r.target.in_restricted_admin_unit;
      t.role_assignable = r.target.role_assignable;
      t.admin_units = strings.data();
      t.admin_unit_count = r.target.admin_units.size();
      t.restricted_admin_units = strings.data() + t.admin_unit_count;
      t.restricted_admin_unit_count = r.target.restricted_admin_units.size();
      t.owners = t.restricted_admin_units + t.restricted_admin_unit_count;
      t.owner_count = r.target.owners.size();
    }
    // Contexts: the workload's are all default except MFA, kept per request.
    static std::vector<rolec_context> contexts;
    contexts.resize(n);
    for (size_t i = 0; i < n; ++i) {
      contexts[i].mfa = requests[i].context.mfa;
      s->by_name.push_back({s->principals[i], ROLEC_NO_ACTION, ViewOf(requests[i].action),
                            &s->targets[i], &contexts[i]});
      s->by_id.push_back({s->principals[i], with_ids[i].action_id, ViewOf(with_ids[i].action),
                          &s->targets[i], &contexts[i]});
    }
    // The C API must answer as Policy::Check does, or the timings compare different work.
    for (size_t i = 0; i < n; ++i) {
      rolec_decision decision = ROLEC_DENY;
      if (rolec_check_batch(s->policy, &s->by_name[i], 1, &decision) != ROLEC_OK) {
        s->error = rolec_last_error();
        return s;
      }
      const bool allowed = stdlib.policy->Check(requests[i]) == Decision::kAllow;
      if ((decision == ROLEC_ALLOW) != allowed) {
        s->error = "the C API and Policy::Check disagree on request " + std::to_string(i);
        return s;
      }
    }
    return s;
  }();
  return *state;
}

bool Ready(benchmark::State& state, const CapiState& s) {
  if (s.error.empty()) return true;
  state.SkipWithError(s.error.c_str());
  return false;
}

void BM_CapiCheck_ActionString(benchmark::State& state) {
  const CapiState& s = Capi();
  if (!Ready(state, s)) return;
  const size_t n = s.by_name.size();
  size_t i = 0;
  for (auto _ : state) {
    const rolec_request& r = s.by_name[i];
    rolec_decision d;
    rolec_check(s.policy, r.principal, r.action.data, r.action.length, r.target, r.context, &d);
    benchmark::DoNotOptimize(d);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CapiCheck_ActionString);

void BM_CapiCheck_ActionId(benchmark::State& state) {
  const CapiState& s = Capi();
  if (!Ready(state, s)) return;
  const size_t n = s.by_id.size();
  size_t i = 0;
  for (auto _ : state) {
    const rolec_request& r = s.by_id[i];
    rolec_decision d;
    if (r.action_id != ROLEC_NO_ACTION) {
      rolec_check_id(s.policy, r.principal, r.action_id, r.target, r.context, &d);
    } else {  // an action outside the catalog (a pattern the workload asks about)
      rolec_check(s.policy, r.principal, r.action.data, r.action.length, r.target, r.context, &d);
    }
    benchmark::DoNotOptimize(d);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CapiCheck_ActionId);

void BM_CapiCheck_Batch(benchmark::State& state) {
  const CapiState& s = Capi();
  if (!Ready(state, s)) return;
  std::vector<rolec_decision> decisions(s.by_name.size());
  for (auto _ : state) {
    rolec_check_batch(s.policy, s.by_name.data(), s.by_name.size(), decisions.data());
    benchmark::DoNotOptimize(decisions.data());
  }
  state.SetItemsProcessed(state.iterations() * s.by_name.size());
}
BENCHMARK(BM_CapiCheck_Batch);

void BM_CapiEngineCheck(benchmark::State& state) {
  const CapiState& s = Capi();
  if (!Ready(state, s)) return;
  const size_t n = s.by_name.size();
  size_t i = static_cast<size_t>(state.thread_index()) * 97 % n;
  for (auto _ : state) {
    const rolec_request& r = s.by_name[i];
    rolec_decision d;
    rolec_engine_check(s.engine, r.principal, r.action.data, r.action.length, r.target, r.context,
                       &d);
    benchmark::DoNotOptimize(d);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CapiEngineCheck)->Threads(1)->Threads(2)->UseRealTime();

void BM_CapiEngineSwap(benchmark::State& state) {
  const CapiState& s = Capi();
  if (!Ready(state, s)) return;
  for (auto _ : state) rolec_engine_swap(s.engine, s.policy);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CapiEngineSwap);

constexpr size_t kHot = 64;

void BM_Hot64_CppCheckId(benchmark::State& state) {
  const CapiState& s = Capi();
  if (!Ready(state, s)) return;
  const Policy& policy = *Stdlib().policy;
  const std::vector<Request>& requests = Stdlib().requests_ids.requests();
  size_t i = 0;
  for (auto _ : state) {
    Decision d = policy.Check(requests[i]);
    benchmark::DoNotOptimize(d);
    if (++i == kHot) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Hot64_CppCheckId);

void BM_Hot64_CapiCheckId(benchmark::State& state) {
  const CapiState& s = Capi();
  if (!Ready(state, s)) return;
  size_t i = 0;
  for (auto _ : state) {
    const rolec_request& r = s.by_id[i];
    rolec_decision d;
    if (r.action_id != ROLEC_NO_ACTION) {
      rolec_check_id(s.policy, r.principal, r.action_id, r.target, r.context, &d);
    } else {
      rolec_check(s.policy, r.principal, r.action.data, r.action.length, r.target, r.context, &d);
    }
    benchmark::DoNotOptimize(d);
    if (++i == kHot) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Hot64_CapiCheckId);

}  // namespace
}  // namespace rolec::bench
