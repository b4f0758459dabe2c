// bench/workload.h — deterministic request sets for the check benchmarks.
//
// Requests are generated as a caller holds them — role display names, an action string, a target
// with its roles — and bound to a loaded Policy once, at setup (BoundRequest resolves the names), so
// the timed loop measures Policy::Check alone. Two generators:
//   * StdlibRequests: Entra-like traffic on the standard library: principals holding 1–3 built-in
//     roles (mostly the common administrator roles), actions drawn from what their roles grant, from
//     the reset-password and sensitive-action rows, and from the whole catalog; targets of the kind
//     the action's entity names, holding 0–2 roles, some in role-assignable groups.
//   * PolicyRequests: the same shape over any policy (the synthetic ones), for scaling curves.
// Every request uses tenant-scoped assignments, a principal distinct from the target and no owners,
// administrative units or restricted units: the shape of the bulk of real checks.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rolec/policy.hpp"
#include "rolec/request.hpp"

namespace rolec::bench {

// Which way a request goes, from Policy::Explain.
enum class Outcome : uint8_t { kAllow, kDenyNoGrant, kDenyCondition };
inline constexpr int kOutcomeCount = 3;

std::vector<OwnedRequest> StdlibRequests(const Policy& policy, size_t count, uint64_t seed);
std::vector<OwnedRequest> PolicyRequests(const Policy& policy, size_t count, uint64_t seed);

// kDenyCondition: some rule covered the action for one of the principal's roles but a condition,
// an except or the action's intrinsic rule stood in the way; kDenyNoGrant otherwise.
Outcome Classify(const Policy& policy, const Request& request);

// Requests bound to one policy, with stable addresses: requests()[i] stays valid as long as this
// object and the policy live. What the timed loop reads — the assignments, the target's roles and
// the action names — is packed into three contiguous arrays, as a server batching requests would
// hold them, so that the benchmark measures Check rather than cache misses of its own scattered
// setup allocations.
class BoundRequests {
 public:
  // Binds every request; false (and `error` set) if one fails to bind.
  bool Bind(const Policy& policy, const std::vector<OwnedRequest>& owned, std::string* error);
  // Sets every request's action_id to the catalog id of its action (the pre-resolved variant).
  void PreResolveActions(const Policy& policy);

  const std::vector<Request>& requests() const { return requests_; }
  const std::vector<OwnedRequest>& owned() const { return owned_; }
  size_t size() const { return requests_.size(); }

 private:
  std::vector<OwnedRequest> owned_;
  std::vector<BoundRequest> bound_;
  std::vector<Request> requests_;  // copies of bound_[i].request(), repointed to the arrays below
  std::vector<Assignment> assignments_;
  std::vector<RoleId> target_roles_;
  std::string actions_;
};

// Splits requests by outcome: up to `per_outcome` of each kind, in generation order.
std::array<std::vector<OwnedRequest>, kOutcomeCount> SplitByOutcome(const Policy& policy,
                                                                    const std::vector<OwnedRequest>& owned,
                                                                    size_t per_outcome);

}  // namespace rolec::bench
