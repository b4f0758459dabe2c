// bench/analysis_bench.cc — the cost of the analyses on the standard library (docs/analysis.md,
// docs/performance.md § Analysis). Each iteration answers the whole question from scratch: the
// domain is built and every case decided with Policy::Check.
//
//   BM_WhoCanStdlib/k        who-can for some target: k = 0 users/password/update (a governed
//                            action: intrinsic rule, role sets, 12 roles), 1 users/basic/update,
//                            2 microsoft.directory/applications/create (no conditions)
//   BM_WhoCanOnStdlib        who-can for one target (every role at tenant scope and one unit)
//   BM_DiffStdlib/k          k = 0 Helpdesk vs Password Administrator, 1 Global Administrator vs
//                            User Administrator (the largest roles: ~every action)
//   BM_SubsumesStdlib/k      k = 0 Helpdesk over Password Administrator (yes: every action
//                            checked), 1 Global Administrator over Global Reader
//   BM_RoleIndexBuildStdlib  the least-privileged index: every catalog action's domain over its
//                            holders, every (role, case) decided
//   BM_LeastPrivilegedStdlib/k  one question over a built index, k = the five tasks of issue 13:
//                            0 reset the password of a non-administrator, 1 create a user, 2 add
//                            a member to a security group, 3 read sign-in logs, 4 create a support
//                            ticket
#include <benchmark/benchmark.h>

#include "bench/bench_state.h"
#include "rolec/analysis.hpp"

namespace rolec::bench {
namespace {

const char* const kWhoCanActions[] = {
    "microsoft.directory/users/password/update",
    "microsoft.directory/users/basic/update",
    "microsoft.directory/applications/create",
};

const char* const kPairs[][2] = {
    {"Helpdesk Administrator", "Password Administrator"},
    {"Global Administrator", "User Administrator"},
};

const char* const kSubsumes[][2] = {
    {"Helpdesk Administrator", "Password Administrator"},
    {"Global Administrator", "Global Reader"},
};

void BM_WhoCanStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  const char* action = kWhoCanActions[state.range(0)];
  for (auto _ : state) {
    auto result = analysis::WhoCan(*s.policy, action);
    if (!result.ok()) return state.SkipWithError(std::string(result.status().message()).c_str());
    benchmark::DoNotOptimize(result->groups.size());
  }
  state.SetLabel(action);
}
BENCHMARK(BM_WhoCanStdlib)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

void BM_WhoCanOnStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  OwnedRequest question;
  question.principal_id = "principal";
  question.action = kWhoCanActions[0];
  question.target.kind = TargetKind::kUser;
  question.target.roles = {"Helpdesk Administrator"};
  question.target.admin_units = {"au-paris"};
  for (auto _ : state) {
    auto result = analysis::WhoCanOn(*s.policy, question);
    if (!result.ok()) return state.SkipWithError(std::string(result.status().message()).c_str());
    benchmark::DoNotOptimize(result->size());
  }
}
BENCHMARK(BM_WhoCanOnStdlib)->Unit(benchmark::kMicrosecond);

void BM_DiffStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  const Policy& policy = *s.policy;
  const analysis::RoleRef a{&policy, policy.FindRole(kPairs[state.range(0)][0])};
  const analysis::RoleRef b{&policy, policy.FindRole(kPairs[state.range(0)][1])};
  uint32_t compared = 0;
  for (auto _ : state) {
    auto result = analysis::Diff(a, b);
    if (!result.ok()) return state.SkipWithError(std::string(result.status().message()).c_str());
    compared = result->compared;
    benchmark::DoNotOptimize(result->diffs.size());
  }
  state.counters["actions"] = compared;
}
BENCHMARK(BM_DiffStdlib)->DenseRange(0, 1)->Unit(benchmark::kMicrosecond);

void BM_SubsumesStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  const Policy& policy = *s.policy;
  const analysis::RoleRef a{&policy, policy.FindRole(kSubsumes[state.range(0)][0])};
  const analysis::RoleRef b{&policy, policy.FindRole(kSubsumes[state.range(0)][1])};
  for (auto _ : state) {
    auto result = analysis::Subsumes(a, b);
    if (!result.ok()) return state.SkipWithError(std::string(result.status().message()).c_str());
    benchmark::DoNotOptimize(result->subsumes);
  }
}
BENCHMARK(BM_SubsumesStdlib)->DenseRange(0, 1)->Unit(benchmark::kMicrosecond);

void BM_RoleIndexBuildStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  uint64_t cases = 0;
  for (auto _ : state) {
    auto index = analysis::RoleIndex::Build(*s.policy);
    if (!index.ok()) return state.SkipWithError(std::string(index.status().message()).c_str());
    cases = index->cases();
  }
  state.counters["cases"] = static_cast<double>(cases);
}
BENCHMARK(BM_RoleIndexBuildStdlib)->Unit(benchmark::kMillisecond);

const char* const kTasks[] = {
    "reset the password of a non-administrator", "create a user", "add a member to a security group",
    "read sign-in logs", "create a support ticket",
};

void BM_LeastPrivilegedStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  static const auto* index = new absl::StatusOr<analysis::RoleIndex>(analysis::RoleIndex::Build(*s.policy));
  if (!index->ok()) return state.SkipWithError(std::string(index->status().message()).c_str());
  const analysis::Task* task = analysis::FindTask(kTasks[state.range(0)]);
  if (task == nullptr) return state.SkipWithError("no such task");
  size_t roles = 0;
  for (auto _ : state) {
    auto result = analysis::LeastPrivileged(**index, task->needs);
    if (!result.ok()) return state.SkipWithError(std::string(result.status().message()).c_str());
    roles = result->roles.size();
    benchmark::DoNotOptimize(result->roles.data());
  }
  state.counters["roles"] = static_cast<double>(roles);
  state.SetLabel(task->name);
}
BENCHMARK(BM_LeastPrivilegedStdlib)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace rolec::bench
