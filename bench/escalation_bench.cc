// Escalation benchmarks on the standard library (docs/performance.md § Analysis):
//   BM_EscalationGraphStdlib   BuildEscalationGraph: every edge kind, every role pair
//   BM_TierReportStdlib        the graph, then Tiers (the work of `rolec tiers` after loading)
//   BM_PathsToGlobalAdmin      ShortestPathsTo Global Administrator on a built graph
#include <benchmark/benchmark.h>

#include "bench/bench_state.h"
#include "rolec/analysis.hpp"

namespace rolec::bench {
namespace {

void BM_EscalationGraphStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  uint64_t checks = 0;
  size_t edges = 0;
  for (auto _ : state) {
    auto graph = analysis::BuildEscalationGraph(*s.policy);
    if (!graph.ok()) return state.SkipWithError(std::string(graph.status().message()).c_str());
    checks = graph->checks;
    edges = graph->edges.size();
    benchmark::DoNotOptimize(graph->edges.data());
  }
  state.counters["edges"] = static_cast<double>(edges);
  state.counters["checks"] = static_cast<double>(checks);
}
BENCHMARK(BM_EscalationGraphStdlib)->Unit(benchmark::kMillisecond);

void BM_TierReportStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  for (auto _ : state) {
    auto graph = analysis::BuildEscalationGraph(*s.policy);
    if (!graph.ok()) return state.SkipWithError(std::string(graph.status().message()).c_str());
    auto tiers = analysis::Tiers(*graph);
    if (!tiers.ok()) return state.SkipWithError(std::string(tiers.status().message()).c_str());
    benchmark::DoNotOptimize(tiers->roles.data());
  }
}
BENCHMARK(BM_TierReportStdlib)->Unit(benchmark::kMillisecond);

void BM_PathsToGlobalAdmin(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  auto graph = analysis::BuildEscalationGraph(*s.policy);
  if (!graph.ok()) return state.SkipWithError(std::string(graph.status().message()).c_str());
  const RoleId global = s.policy->FindRole("Global Administrator");
  for (auto _ : state) {
    analysis::PathsTo paths = analysis::ShortestPathsTo(*graph, global);
    benchmark::DoNotOptimize(paths.distance.data());
  }
}
BENCHMARK(BM_PathsToGlobalAdmin)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace rolec::bench
