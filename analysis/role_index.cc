// analysis/role_index.cc — RoleIndex: what every role of a policy allows over the whole catalog,
// decided once over each action's domain, for least-privileged questions and their ranking.
//
// A role "counts" a case of an action's domain when a request of that case with one assignment
// of the role allows the action: at the case's scope, or — for a case at unit scope — with the
// assignment widened to the tenant. That is exactly the premise and the conclusion of Subsumes, so
// one role covers another iff its counted cases include the other's, action by action
// (docs/analysis.md § Ranking). Patterns that denote no catalog action are listed per role: their
// requests cannot be enumerated, so they are counted, never compared case by case.
#include <algorithm>
#include <cctype>
#include <string>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "analysis/action_domain.h"
#include "analysis/tiers.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis {

struct RoleIndex::Impl {
  struct ActionEntry {
    std::vector<RoleId> holders;               // ascending
    std::vector<std::vector<bool>> counted;    // per holder: tenant points, then unit points
    std::optional<ActionDomain> domain;        // absent when no role covers the action
  };
  const Policy* policy = nullptr;
  std::vector<ActionEntry> actions;            // by ActionId
  std::vector<Profile> profiles;               // by RoleId
  std::vector<int> tiers;                      // by RoleId
  std::vector<std::vector<ActionId>> covered;  // by RoleId: actions it counts some case of
  std::vector<std::vector<std::string>> outside;  // by RoleId: patterns outside the catalog
  uint64_t cases = 0;

  // The counted cases of `role` for `action`, or nullptr if it covers no case of it.
  const std::vector<bool>* Counted(RoleId role, ActionId action) const {
    const ActionEntry& entry = actions[action];
    auto it = std::lower_bound(entry.holders.begin(), entry.holders.end(), role);
    if (it == entry.holders.end() || *it != role) return nullptr;
    return &entry.counted[static_cast<size_t>(it - entry.holders.begin())];
  }
};

namespace {

bool Any(const std::vector<bool>& bits) {
  return std::find(bits.begin(), bits.end(), true) != bits.end();
}

}  // namespace

absl::StatusOr<RoleIndex> RoleIndex::Build(const Policy& policy) {
  auto impl = std::make_shared<Impl>();
  impl->policy = &policy;
  impl->actions.resize(policy.action_count());
  impl->profiles.resize(policy.role_count());
  impl->covered.resize(policy.role_count());
  impl->outside.resize(policy.role_count());
  // Matching a pattern against the whole catalog is most of the index's cost; the stdlib's roles
  // share most of their patterns, so each distinct spelling is matched once.
  absl::flat_hash_map<std::string_view, bool> in_catalog;
  auto denotes_catalog_action = [&](std::string_view pattern) {
    auto [it, inserted] = in_catalog.try_emplace(pattern, false);
    if (inserted) it->second = !policy.PatternActions(pattern).empty();
    return it->second;
  };
  for (RoleId role = 0; role < policy.role_count(); ++role) {
    std::vector<std::string>& list = impl->outside[role];
    for (uint32_t rule : policy.RoleRules(role)) {
      const RuleInfo info = policy.rule(rule);
      if (info.is_except) continue;
      for (std::string_view pattern : info.patterns) {
        if (denotes_catalog_action(pattern)) continue;
        std::string lower(pattern);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        list.push_back(std::move(lower));
      }
    }
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    impl->profiles[role].outside_catalog = static_cast<uint32_t>(list.size());
  }
  std::vector<RoleRef> holders;
  DomainCache cache;  // actions whose holders' conditions read the same atoms share a shape
  // A holder's counted cases by decision group: equal for the actions of one shape that the
  // evaluator cannot tell apart for that holder (runtime/decision_key.h).
  absl::flat_hash_map<DecisionGroup, std::vector<bool>> counted_by_group;
  for (ActionId action = 0; action < policy.action_count(); ++action) {
    holders.clear();
    for (RoleId role = 0; role < policy.role_count(); ++role) {
      if (!policy.GrantRules(role, action).empty()) holders.push_back(RoleRef{&policy, role});
    }
    if (holders.empty()) continue;
    const ActionInfo info = policy.action(action);
    absl::StatusOr<ActionDomain> domain = ActionDomain::Build(holders, info.name, &cache);
    if (!domain.ok()) return domain.status();
    Impl::ActionEntry& entry = impl->actions[action];
    const RequestDomain& tenant = domain->tenant();
    const RequestDomain* unit = domain->unit();
    impl->cases += domain->cases();
    for (const RoleRef& holder : holders) {
      std::optional<DecisionGroup> group = DecisionGroupOf(*domain, holder);
      auto known = group ? counted_by_group.find(*group) : counted_by_group.end();
      std::vector<bool> counted;
      if (known != counted_by_group.end()) {
        counted = known->second;
      } else {
        counted.assign(domain->cases(), false);
        for (size_t p = 0; p < tenant.points(); ++p) counted[p] = tenant.Allows(p, holder);
        if (unit != nullptr) {
          const bool assignable = UnitAssignable(holder);
          for (size_t p = 0; p < unit->points(); ++p) {
            counted[tenant.points() + p] =
                (assignable && unit->Allows(p, holder)) || unit->AllowsAtTenant(p, holder);
          }
        }
        if (group) counted_by_group.emplace(std::move(*group), counted);
      }
      const auto n = static_cast<uint64_t>(std::count(counted.begin(), counted.end(), true));
      if (n > 0) {
        Profile& profile = impl->profiles[holder.role];
        ++profile.permissions;
        if (info.privileged) ++profile.privileged_permissions;
        profile.cases += n;
        impl->covered[holder.role].push_back(action);
      }
      entry.holders.push_back(holder.role);
      entry.counted.push_back(std::move(counted));
    }
    entry.domain = std::move(*domain);
  }
  // Tiers, the ranking's last key before the label (docs/analysis.md § Ranking).
  absl::StatusOr<EscalationGraph> graph = BuildEscalationGraph(policy);
  if (!graph.ok()) return graph.status();
  impl->tiers.assign(policy.role_count(), 2);
  for (const TierEntry& entry : TiersBelow(*graph, FindGlobalAdministrator(policy)).roles) {
    impl->tiers[entry.role] = entry.tier;
  }
  return RoleIndex(std::move(impl));
}

int RoleIndex::tier(RoleId role) const { return impl_->tiers.at(role); }

const Policy& RoleIndex::policy() const { return *impl_->policy; }

const RoleIndex::Profile& RoleIndex::profile(RoleId role) const { return impl_->profiles.at(role); }

uint64_t RoleIndex::cases() const { return impl_->cases; }

const std::vector<std::string>& RoleIndex::OutsideCatalog(RoleId role) const { return impl_->outside.at(role); }

bool RoleIndex::AllowsSomeRequest(RoleId role, ActionId action) const {
  if (action >= impl_->actions.size() || role >= impl_->profiles.size()) return false;
  const std::vector<bool>* counted = impl_->Counted(role, action);
  return counted != nullptr && Any(*counted);
}

std::optional<OwnedRequest> RoleIndex::Witness(RoleId role, ActionId action) const {
  if (!AllowsSomeRequest(role, action)) return std::nullopt;
  const std::vector<bool>& counted = *impl_->Counted(role, action);
  const ActionDomain& domain = *impl_->actions[action].domain;
  const RoleRef ref{impl_->policy, role};
  const RequestDomain& tenant = domain.tenant();
  // A counted unit case is allowed at the unit or tenant-wide; the tenant half has an allowed case
  // whenever a widened one is, so the tenant half is searched first and the unit half only for a
  // role that is allowed at unit scope alone.
  for (size_t p = 0; p < tenant.points(); ++p) {
    if (counted[p]) return tenant.Witness(p, ref);
  }
  const RequestDomain* unit = domain.unit();
  for (size_t p = 0; unit != nullptr && p < unit->points(); ++p) {
    if (!counted[tenant.points() + p]) continue;
    return unit->Allows(p, ref) ? unit->Witness(p, ref) : unit->TenantWitness(p, ref);
  }
  return std::nullopt;
}

bool RoleIndex::Covers(RoleId a, RoleId b) const {
  if (a >= impl_->profiles.size() || b >= impl_->profiles.size()) return false;
  for (ActionId action : impl_->covered[b]) {
    const std::vector<bool>& in_b = *impl_->Counted(b, action);
    const std::vector<bool>* in_a = impl_->Counted(a, action);
    if (in_a == nullptr) return false;
    for (size_t p = 0; p < in_b.size(); ++p) {
      if (in_b[p] && !(*in_a)[p]) return false;
    }
  }
  return true;
}

}  // namespace rolec::analysis
