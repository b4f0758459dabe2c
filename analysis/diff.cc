// analysis/diff.cc — Diff and Subsumes: two roles compared over the catalog and the domain.
#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "analysis/action_domain.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis {
namespace {

absl::Status CheckRef(const RoleRef& ref, const char* which) {
  if (ref.policy == nullptr || ref.role >= ref.policy->role_count()) {
    return absl::InvalidArgumentError(fmt::format("role {} is not a role of its policy", which));
  }
  return absl::OkStatus();
}

// The catalog actions `ref`'s allow rules cover, by name.
// (Views into the policies' images, which outlive the question.)
void AddActions(const RoleRef& ref, std::set<std::string_view>* names) {
  for (ActionId id : ref.policy->RoleActions(ref.role)) {
    names->emplace(ref.policy->action(id).name);
  }
}

// The catalog actions either role's allow rules cover, by name, in name order. Roles of one
// policy (the common case) merge their ascending id lists instead of sorting names.
std::vector<std::string_view> UnionOfActions(RoleRef a, RoleRef b) {
  std::vector<std::string_view> names;
  if (a.policy == b.policy) {
    const std::vector<ActionId> in_a = a.policy->RoleActions(a.role);
    const std::vector<ActionId> in_b = b.policy->RoleActions(b.role);
    std::vector<ActionId> ids;
    ids.reserve(in_a.size() + in_b.size());
    std::set_union(in_a.begin(), in_a.end(), in_b.begin(), in_b.end(), std::back_inserter(ids));
    names.reserve(ids.size());
    for (ActionId id : ids) names.push_back(a.policy->action(id).name);
    std::sort(names.begin(), names.end());
    return names;
  }
  std::set<std::string_view> set;
  AddActions(a, &set);
  AddActions(b, &set);
  return {set.begin(), set.end()};
}

}  // namespace

absl::StatusOr<DiffResult> Diff(RoleRef a, RoleRef b) {
  if (absl::Status s = CheckRef(a, "A"); !s.ok()) return s;
  if (absl::Status s = CheckRef(b, "B"); !s.ok()) return s;
  const std::vector<std::string_view> actions = UnionOfActions(a, b);
  DiffResult result;
  const RoleRef pair[] = {a, b};
  const bool unit_a = UnitAssignable(a), unit_b = UnitAssignable(b);
  // Most actions' conditions read the same few facts: their domains share one shape, and equal
  // sets of cases in one shape have one description.
  DomainCache cache;
  DescribeMemo memo;
  AllowedMemo allowed_a, allowed_b;  // two: a reference from one stays valid across the other
  for (const std::string_view action : actions) {
    absl::StatusOr<ActionDomain> domain = ActionDomain::Build(pair, action, &cache);
    if (!domain.ok()) return domain.status();
    ++result.compared;
    const AllowedCases& in_a = allowed_a.Allowed(*domain, a);
    const AllowedCases& in_b = allowed_b.Allowed(*domain, b);
    if (in_a == in_b) {
      ++result.same;
      continue;
    }
    ActionDiff diff;
    diff.action = std::string(action);
    diff.kind = !in_b.any()   ? ActionDiff::Kind::kOnlyA
                : !in_a.any() ? ActionDiff::Kind::kOnlyB
                              : ActionDiff::Kind::kDifferent;
    diff.a_not_b = domain->Describe(Minus(in_a, in_b), unit_a, &memo);
    diff.b_not_a = domain->Describe(Minus(in_b, in_a), unit_b, &memo);
    result.diffs.push_back(std::move(diff));
  }
  return result;
}

absl::StatusOr<SubsumesResult> Subsumes(RoleRef a, RoleRef b) {
  if (absl::Status s = CheckRef(a, "A"); !s.ok()) return s;
  if (absl::Status s = CheckRef(b, "B"); !s.ok()) return s;
  std::set<std::string_view> actions;
  AddActions(b, &actions);
  SubsumesResult result;
  result.subsumes = true;
  const RoleRef pair[] = {a, b};
  const bool unit_b = UnitAssignable(b), unit_a = UnitAssignable(a);
  DomainCache cache;
  for (const std::string_view action : actions) {
    absl::StatusOr<ActionDomain> domain = ActionDomain::Build(pair, action, &cache);
    if (!domain.ok()) return domain.status();
    ++result.actions;
    const RequestDomain* halves[] = {&domain->tenant(), unit_b ? domain->unit() : nullptr};
    for (const RequestDomain* half : halves) {
      if (half == nullptr) continue;
      for (size_t p = 0; p < half->points(); ++p) {
        if (!half->Allows(p, b)) continue;
        if ((!half->unit_scope() || unit_a) && half->Allows(p, a)) continue;
        if (half->unit_scope() && half->AllowsAtTenant(p, a)) continue;
        result.subsumes = false;
        result.action = std::string(action);
        result.witness = half->Witness(p, b);
        if (!half->unit_scope() || unit_a) result.denied_as_a.push_back(half->Witness(p, a));
        if (half->unit_scope()) result.denied_as_a.push_back(half->TenantWitness(p, a));
        return result;
      }
    }
  }
  return result;
}

}  // namespace rolec::analysis
