// analysis/action_domain.h — both halves (tenant and unit scope) of one action's domain for a few
// roles, each role's allowed cases in them, and their description.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <string_view>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "analysis/request_domain.h"
#include "rolec/analysis.hpp"
#include "runtime/decision_key.h"

namespace rolec::analysis {

// Which cases of each half a role allows: tenant.size() == domain.tenant.points(), and unit is
// empty when the domain has no unit half.
struct AllowedCases {
  std::vector<bool> tenant;
  std::vector<bool> unit;
  bool any() const;
  bool operator==(const AllowedCases& other) const {
    return tenant == other.tenant && unit == other.unit;
  }
};

class ActionDomain {
 public:
  // The unit half is built iff some role may be assigned at a unit.
  static absl::StatusOr<ActionDomain> Build(absl::Span<const RoleRef> roles, std::string_view action,
                                            DomainCache* cache = nullptr);

  const RequestDomain& tenant() const { return tenant_; }
  const RequestDomain* unit() const { return unit_ ? &*unit_ : nullptr; }
  uint32_t cases() const;

  // Policy::Check on every case, at each half's scope (a role not assignable at a unit allows no
  // unit case: the evaluator denies such an assignment).
  AllowedCases Allowed(RoleRef role) const;
  // The cases of `set`, described; unit_assignable as given.
  ScopedCases Describe(const AllowedCases& set, bool unit_assignable) const;
  // The same, with each half's description looked up in (or added to) `memo` by its shape and
  // set: DescribeCases reads only those.
  ScopedCases Describe(const AllowedCases& set, bool unit_assignable, class DescribeMemo* memo) const;

 private:
  ActionDomain(RequestDomain tenant, std::optional<RequestDomain> unit)
      : tenant_(std::move(tenant)), unit_(std::move(unit)) {}
  RequestDomain tenant_;
  std::optional<RequestDomain> unit_;
};

// DescribeCases results by (domain shape, set of points), for one question over many actions.
class DescribeMemo {
 public:
  CaseSet Describe(const RequestDomain& domain, const std::vector<bool>& in);

 private:
  std::map<const void*, std::map<std::vector<bool>, CaseSet>> memo_;  // by shape, then set
};

// What decides Allowed(role) over a domain: its shapes (the points' requests but the action) and
// the role's decision key for the action (runtime/decision_key.h: all the evaluator reads about
// the action). Two actions with equal groups have equal Allowed(role), so a question over many
// actions decides each group once.
struct DecisionGroup {
  const void* tenant = nullptr;
  const void* unit = nullptr;
  const Policy* policy = nullptr;
  RoleId role = kNoRole;
  runtime::ActionDecisionKey key;
  bool operator==(const DecisionGroup& o) const {
    return tenant == o.tenant && unit == o.unit && policy == o.policy && role == o.role && key == o.key;
  }
  template <typename H>
  friend H AbslHashValue(H h, const DecisionGroup& g) {
    return H::combine(std::move(h), g.tenant, g.unit, g.policy, g.role, g.key);
  }
};
// nullopt when the action is not in the role's policy's catalog (decided by name: no key).
std::optional<DecisionGroup> DecisionGroupOf(const ActionDomain& domain, RoleRef role);

// Allowed(role) for many actions' domains, each decision group decided once. Not thread-safe;
// the references it returns live as long as the memo.
class AllowedMemo {
 public:
  const AllowedCases& Allowed(const ActionDomain& domain, RoleRef role);

 private:
  absl::node_hash_map<DecisionGroup, AllowedCases> memo_;
  AllowedCases scratch_;  // for an action with no group
};

// The cases in `a` and not in `b` (same domain).
AllowedCases Minus(const AllowedCases& a, const AllowedCases& b);

bool UnitAssignable(RoleRef role);

}  // namespace rolec::analysis
