// bench/compile_bench.cc — compile and load costs (DESIGN.md §5).
//
//   BM_CompileStdlib              rolec::Compile({}): the whole standard library from source
//   BM_CompileSynthetic/N         a synthetic policy of N roles (bench/synthetic_policy.h), stdlib off;
//                                 lines_per_second is the throughput target, compared across N for
//                                 linearity. Generating the source is not timed.
//                                 The first call also compiles each policy once, untimed, for the
//                                 load and check suites (bench_state.h).
//   BM_LoadStdlib                 Policy::Load of the compiled stdlib image (verification included);
//                                 image_bytes is its size
//   BM_LoadSynthetic/N            the same for the synthetic policies
#include <benchmark/benchmark.h>

#include "bench/bench_state.h"

namespace rolec::bench {
namespace {

void BM_CompileStdlib(benchmark::State& state) {
  const size_t lines = StdlibSourceLines();
  for (auto _ : state) {
    CompileResult result = Compile({});
    if (!result.ok()) {
      state.SkipWithError("the stdlib does not compile");
      return;
    }
    benchmark::DoNotOptimize(result.image.data());
  }
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["bytes"] = static_cast<double>(StdlibSourceBytes());
  state.counters["lines_per_second"] =
      benchmark::Counter(static_cast<double>(lines), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_CompileStdlib)->Unit(benchmark::kMillisecond);

void BM_CompileSynthetic(benchmark::State& state) {
  const uint32_t roles = static_cast<uint32_t>(state.range(0));
  const SyntheticState& s = Synthetic(roles);  // generated (and compiled once) outside the timing
  if (!s.error.empty()) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  const SyntheticPolicy& policy = s.source;
  const CompileOptions compile_options = SyntheticCompileOptions(policy);
  size_t image_bytes = 0;
  for (auto _ : state) {
    CompileResult result = Compile(policy.files, compile_options);
    if (!result.ok()) {
      state.SkipWithError("the synthetic policy does not compile");
      return;
    }
    image_bytes = result.image.size();
    benchmark::DoNotOptimize(result.image.data());
  }
  state.counters["roles"] = roles;
  state.counters["lines"] = static_cast<double>(policy.lines);
  state.counters["bytes"] = static_cast<double>(policy.bytes);
  state.counters["image_bytes"] = static_cast<double>(image_bytes);
  state.counters["lines_per_second"] =
      benchmark::Counter(static_cast<double>(policy.lines), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_CompileSynthetic)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

void LoadLoop(benchmark::State& state, const std::string& image) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string bytes = image;  // Load takes ownership of a buffer, as after reading a file
    state.ResumeTiming();
    absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(std::move(bytes));
    if (!policy.ok()) {
      state.SkipWithError(std::string(policy.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(policy->get());
    state.PauseTiming();
    policy = absl::StatusOr<std::shared_ptr<const Policy>>();  // the free is not part of loading
    state.ResumeTiming();
  }
  state.counters["image_bytes"] = static_cast<double>(image.size());
}

void BM_LoadStdlib(benchmark::State& state) {
  const StdlibState& s = Stdlib();
  if (!s.error.empty()) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  LoadLoop(state, s.image);
}
BENCHMARK(BM_LoadStdlib)->Unit(benchmark::kMicrosecond);

void BM_LoadSynthetic(benchmark::State& state) {
  const SyntheticState& s = Synthetic(static_cast<uint32_t>(state.range(0)));
  if (!s.error.empty()) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  LoadLoop(state, s.image);
  state.counters["roles"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_LoadSynthetic)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace rolec::bench
