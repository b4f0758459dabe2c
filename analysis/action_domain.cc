// analysis/action_domain.cc — one action's two half-domains and the cases roles allow in them.
#include "analysis/action_domain.h"

#include <utility>

#include "analysis/case_cover.h"
#include "runtime/policy_impl.h"

namespace rolec::analysis {

bool AllowedCases::any() const {
  for (bool b : tenant) {
    if (b) return true;
  }
  for (bool b : unit) {
    if (b) return true;
  }
  return false;
}

bool UnitAssignable(RoleRef role) { return role.policy->role(role.role).admin_unit_scopable; }

absl::StatusOr<ActionDomain> ActionDomain::Build(absl::Span<const RoleRef> roles,
                                                std::string_view action, DomainCache* cache) {
  absl::StatusOr<RequestDomain> tenant = RequestDomain::Build(roles, action, false, cache);
  if (!tenant.ok()) return tenant.status();
  std::optional<RequestDomain> unit;
  bool any_unit = false;
  for (const RoleRef& role : roles) any_unit = any_unit || UnitAssignable(role);
  if (any_unit) {
    absl::StatusOr<RequestDomain> built = RequestDomain::Build(roles, action, true, cache);
    if (!built.ok()) return built.status();
    unit = std::move(*built);
  }
  return ActionDomain(std::move(*tenant), std::move(unit));
}

uint32_t ActionDomain::cases() const {
  return static_cast<uint32_t>(tenant_.points() + (unit_ ? unit_->points() : 0));
}

AllowedCases ActionDomain::Allowed(RoleRef role) const {
  AllowedCases cases;
  cases.tenant.resize(tenant_.points());
  for (size_t p = 0; p < tenant_.points(); ++p) cases.tenant[p] = tenant_.Allows(p, role);
  if (unit_) {
    cases.unit.assign(unit_->points(), false);
    if (UnitAssignable(role)) {
      for (size_t p = 0; p < unit_->points(); ++p) cases.unit[p] = unit_->Allows(p, role);
    }
  }
  return cases;
}

std::optional<DecisionGroup> DecisionGroupOf(const ActionDomain& domain, RoleRef role) {
  const ActionId action = domain.tenant().action_id(role.policy);
  if (action == kNoAction) return std::nullopt;
  DecisionGroup group;
  group.tenant = domain.tenant().shape();
  group.unit = domain.unit() != nullptr ? domain.unit()->shape() : nullptr;
  group.policy = role.policy;
  group.role = role.role;
  // Analysis reads the verified image as the evaluator does (request_domain.cc's RuleHolds too).
  group.key = runtime::DecisionKeyOf(role.policy->impl().image(), role.role, action);
  return group;
}

const AllowedCases& AllowedMemo::Allowed(const ActionDomain& domain, RoleRef role) {
  std::optional<DecisionGroup> group = DecisionGroupOf(domain, role);
  if (!group) {
    scratch_ = domain.Allowed(role);
    return scratch_;
  }
  auto it = memo_.find(*group);
  if (it == memo_.end()) it = memo_.emplace(std::move(*group), domain.Allowed(role)).first;
  return it->second;
}

ScopedCases ActionDomain::Describe(const AllowedCases& set, bool unit_assignable) const {
  ScopedCases scoped;
  scoped.tenant = DescribeCases(tenant_, set.tenant);
  scoped.unit_assignable = unit_assignable && unit_ != std::nullopt;
  if (scoped.unit_assignable) scoped.unit = DescribeCases(*unit_, set.unit);
  return scoped;
}

ScopedCases ActionDomain::Describe(const AllowedCases& set, bool unit_assignable,
                                  DescribeMemo* memo) const {
  if (memo == nullptr) return Describe(set, unit_assignable);
  ScopedCases scoped;
  scoped.tenant = memo->Describe(tenant_, set.tenant);
  scoped.unit_assignable = unit_assignable && unit_ != std::nullopt;
  if (scoped.unit_assignable) scoped.unit = memo->Describe(*unit_, set.unit);
  return scoped;
}

CaseSet DescribeMemo::Describe(const RequestDomain& domain, const std::vector<bool>& in) {
  std::map<std::vector<bool>, CaseSet>& sets = memo_[domain.shape()];
  auto it = sets.find(in);
  if (it == sets.end()) it = sets.emplace(in, DescribeCases(domain, in)).first;
  return it->second;
}

AllowedCases Minus(const AllowedCases& a, const AllowedCases& b) {
  AllowedCases out = a;
  for (size_t p = 0; p < out.tenant.size(); ++p) out.tenant[p] = a.tenant[p] && !b.tenant[p];
  for (size_t p = 0; p < out.unit.size(); ++p) out.unit[p] = a.unit[p] && !b.unit[p];
  return out;
}

}  // namespace rolec::analysis
