// bench/bench_state.cc — shared, lazily built benchmark inputs (see bench_state.h).
#include "bench/bench_state.h"

#include <algorithm>
#include <map>
#include <utility>

#include "compiler/stdlib_sources.h"
#include "fmt/format.h"

namespace rolec::bench {
namespace {

constexpr uint64_t kStdlibSeed = 0x5EED0001;
constexpr uint64_t kSyntheticRequestSeed = 0x5EED0002;

std::string FirstErrors(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  int shown = 0;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::kError || shown++ == 5) continue;
    out += FormatDiagnostic(d);
  }
  return out;
}

std::unique_ptr<StdlibState> BuildStdlib() {
  auto s = std::make_unique<StdlibState>();
  s->source_lines = StdlibSourceLines();
  s->source_bytes = StdlibSourceBytes();
  CompileResult compiled = Compile({});
  if (!compiled.ok()) {
    s->error = "the stdlib does not compile:\n" + FirstErrors(compiled.diagnostics);
    return s;
  }
  s->image = compiled.image;
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(compiled.image);
  if (!policy.ok()) {
    s->error = std::string(policy.status().message());
    return s;
  }
  s->policy = *policy;
  const Policy& p = *s->policy;

  s->owned = StdlibRequests(p, kRequestCount, kStdlibSeed);
  if (!s->requests.Bind(p, s->owned, &s->error) || !s->requests_ids.Bind(p, s->owned, &s->error)) return s;
  s->requests_ids.PreResolveActions(p);
  for (const Request& r : s->requests.requests()) ++s->outcome_counts[static_cast<int>(Classify(p, r))];

  // Per-outcome sets: drawn from a longer stream of the same traffic until each fills up (denials by
  // a condition are a few percent of it).
  std::array<std::vector<OwnedRequest>, kOutcomeCount> split;
  for (uint64_t chunk = 1; chunk <= 64; ++chunk) {
    auto part = SplitByOutcome(p, StdlibRequests(p, kRequestCount, kStdlibSeed + chunk), kRequestCount);
    bool full = true;
    for (int k = 0; k < kOutcomeCount; ++k) {
      for (OwnedRequest& r : part[k]) {
        if (split[k].size() < kRequestCount) split[k].push_back(std::move(r));
      }
      full = full && split[k].size() == kRequestCount;
    }
    if (full) break;
  }
  for (int k = 0; k < kOutcomeCount; ++k) {
    if (!s->by_outcome[k].Bind(p, split[k], &s->error)) return s;
  }

  absl::StatusOr<Baseline> baseline = Baseline::BuildForStdlib(p);
  if (!baseline.ok()) {
    s->baseline_error = std::string(baseline.status().message());
    return s;
  }
  s->baseline = std::make_unique<Baseline>(std::move(*baseline));
  for (size_t i = 0; i < s->owned.size(); ++i) {
    absl::StatusOr<BaselineRequest> r = s->baseline->Prepare(s->owned[i]);
    if (!r.ok()) {
      s->baseline_error = std::string(r.status().message());
      return s;
    }
    // The same action bytes as the rolec requests read, so neither side has the better cache layout.
    r->action = s->requests.requests()[i].action;
    bool expected = p.Check(s->requests.requests()[i]) == Decision::kAllow;
    if (s->baseline->Check(*r) != expected || s->baseline->CheckId(*r) != expected) ++s->baseline_mismatches;
    s->baseline_requests.push_back(*r);
  }
  // A disagreement is reported (the `mismatches` counter, tests/bench/baseline_test.cc) but does not
  // stop the timing: it concerns the decision of a few requests, not the cost of the others.
  return s;
}

std::unique_ptr<SyntheticState> BuildSynthetic(uint32_t roles) {
  auto s = std::make_unique<SyntheticState>();
  SyntheticOptions options;
  options.roles = roles;
  s->source = GenerateSyntheticPolicy(options);
  CompileResult compiled = Compile(s->source.files, SyntheticCompileOptions(s->source));
  if (!compiled.ok()) {
    s->error = fmt::format("the synthetic policy of {} roles does not compile:\n{}", roles,
                           FirstErrors(compiled.diagnostics));
    return s;
  }
  s->image = compiled.image;
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(std::move(compiled.image));
  if (!policy.ok()) {
    s->error = std::string(policy.status().message());
    return s;
  }
  s->policy = *policy;
  std::vector<OwnedRequest> owned = PolicyRequests(*s->policy, kRequestCount, kSyntheticRequestSeed);
  if (s->requests.Bind(*s->policy, owned, &s->error) && s->requests_ids.Bind(*s->policy, owned, &s->error)) {
    s->requests_ids.PreResolveActions(*s->policy);
  }
  return s;
}

}  // namespace

const StdlibState& Stdlib() {
  static const std::unique_ptr<StdlibState> state = BuildStdlib();
  return *state;
}

const SyntheticState& Synthetic(uint32_t roles) {
  static std::map<uint32_t, std::unique_ptr<SyntheticState>> cache;
  auto it = cache.find(roles);
  if (it == cache.end()) it = cache.emplace(roles, BuildSynthetic(roles)).first;
  return *it->second;
}

size_t StdlibSourceLines() {
  size_t lines = 0;
  for (const compiler::EmbeddedSource& source : compiler::StdlibSources()) {
    std::string_view text(source.text);
    lines += std::count(text.begin(), text.end(), '\n');
  }
  return lines;
}

size_t StdlibSourceBytes() {
  size_t bytes = 0;
  for (const compiler::EmbeddedSource& source : compiler::StdlibSources()) bytes += std::string_view(source.text).size();
  return bytes;
}

}  // namespace rolec::bench
