// bench/bench_state.h — inputs the benchmark suites share, built once per process.
//
// Compiling the stdlib or a 100,000-role policy takes far longer than the checks measured on them, so
// every suite asks here and the first caller pays. Nothing here is timed; a failed setup leaves
// `error` set and the benchmarks that need it report it with SkipWithError.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench/baseline.h"
#include "bench/synthetic_policy.h"
#include "bench/workload.h"
#include "rolec/rolec.hpp"

namespace rolec::bench {

// Requests per request set: enough variety to defeat branch prediction on repeats, few enough that
// the set itself (a rolec::Request is 160 bytes, plus its arrays) stays in L2 like a request a caller
// has just built; 4096 would measure the benchmark's own cache misses as much as Check.
inline constexpr size_t kRequestCount = 1024;

struct StdlibState {
  std::string error;
  std::string image;
  size_t source_lines = 0;
  size_t source_bytes = 0;
  std::shared_ptr<const Policy> policy;
  std::vector<OwnedRequest> owned;  // the mixed workload
  BoundRequests requests;           // action as a string
  BoundRequests requests_ids;       // the same with pre-resolved action ids
  std::array<BoundRequests, kOutcomeCount> by_outcome;  // allow / deny-no-grant / deny-by-condition
  std::array<size_t, kOutcomeCount> outcome_counts{};   // in the mixed workload
  std::unique_ptr<Baseline> baseline;
  std::string baseline_error;
  std::vector<BaselineRequest> baseline_requests;  // the mixed workload; actions view `requests`
  size_t baseline_mismatches = 0;  // requests where the baseline and Policy::Check disagree
};
const StdlibState& Stdlib();

struct SyntheticState {
  std::string error;
  SyntheticPolicy source;
  std::string image;
  std::shared_ptr<const Policy> policy;
  BoundRequests requests;
  BoundRequests requests_ids;
};
// `roles` roles (cached per size).
const SyntheticState& Synthetic(uint32_t roles);

// Lines and bytes of the embedded stdlib sources.
size_t StdlibSourceLines();
size_t StdlibSourceBytes();

}  // namespace rolec::bench
