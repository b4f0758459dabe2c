// analysis/least_privileged.cc — LeastPrivileged: the roles that meet every need of a question,
// ranked least privileged first, each with what separates it from the next (docs/analysis.md
// § Least privileged).
//
// The order is lexicographic over (privileged permissions, permissions, cases, permissions
// outside the catalog, tier — higher first —, labelled privileged, name), all from RoleIndex.
// Both counts and the case count grow with what a role allows, and the case count strictly: if B
// strictly covers A, B counts every case A counts and one more, so A's key is smaller and A ranks
// first. Subsumption is therefore never contradicted, and it is reported as the reason whenever
// it holds between neighbours.
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis {
namespace {

struct Allowed {
  std::map<std::string, uint32_t> scopes;  // scope -> the allowing rule
};

// "/administrativeUnits/..." before "/": the narrower assignment first.
bool NarrowerFirst(const std::string& x, const std::string& y) {
  if ((x == "/") != (y == "/")) return y == "/";
  return x < y;
}

uint32_t AllowingRule(const Policy& policy, const OwnedRequest& witness) {
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, witness);
  if (!bound.ok()) return 0;
  const Explanation explanation = policy.Explain(bound->request());
  return explanation.reasons.empty() ? 0u : explanation.reasons[0].rule;
}

bool RanksBefore(const Policy& policy, const RankedRole& x, const RankedRole& y) {
  const RoleIndex::Profile& a = x.profile;
  const RoleIndex::Profile& b = y.profile;
  if (a.privileged_permissions != b.privileged_permissions) {
    return a.privileged_permissions < b.privileged_permissions;
  }
  if (a.permissions != b.permissions) return a.permissions < b.permissions;
  if (a.cases != b.cases) return a.cases < b.cases;
  if (a.outside_catalog != b.outside_catalog) return a.outside_catalog < b.outside_catalog;
  if (x.tier != y.tier) return x.tier > y.tier;
  const RoleInfo rx = policy.role(x.role), ry = policy.role(y.role);
  if (rx.privileged != ry.privileged) return !rx.privileged;
  if (rx.name != ry.name) return rx.name < ry.name;
  return x.role < y.role;
}

RankCriterion Separating(const RoleIndex& index, const RankedRole& x, const RankedRole& y) {
  // Reported only when the next role also grants each of this one's permissions outside the
  // catalog, so that "allows everything this role allows" is true of them too.
  const std::vector<std::string>& outside_x = index.OutsideCatalog(x.role);
  const std::vector<std::string>& outside_y = index.OutsideCatalog(y.role);
  if (index.Covers(y.role, x.role) && !index.Covers(x.role, y.role) &&
      std::includes(outside_y.begin(), outside_y.end(), outside_x.begin(), outside_x.end())) {
    return RankCriterion::kSubsumption;
  }
  const RoleIndex::Profile& a = x.profile;
  const RoleIndex::Profile& b = y.profile;
  if (a.privileged_permissions != b.privileged_permissions) return RankCriterion::kPrivilegedPermissions;
  if (a.permissions != b.permissions) return RankCriterion::kPermissions;
  if (a.cases != b.cases) return RankCriterion::kCases;
  if (a.outside_catalog != b.outside_catalog) return RankCriterion::kOutsideCatalog;
  if (x.tier != y.tier) return RankCriterion::kTier;
  const Policy& policy = index.policy();
  if (policy.role(x.role).privileged != policy.role(y.role).privileged) return RankCriterion::kPrivilegedLabel;
  return RankCriterion::kName;
}

}  // namespace

absl::StatusOr<LeastPrivilegedResult> LeastPrivileged(const RoleIndex& index, std::vector<Need> needs) {
  const Policy& policy = index.policy();
  if (needs.empty()) return absl::InvalidArgumentError("least-privileged needs at least one action");
  // Per need: the catalog action (some request), or who may on its target.
  std::vector<ActionId> some_action(needs.size(), kNoAction);
  std::vector<std::vector<Allowed>> on_target(needs.size());
  bool any_target = false;
  for (size_t i = 0; i < needs.size(); ++i) {
    Need& need = needs[i];
    if (!need.target) {
      some_action[i] = policy.FindAction(need.action);
      if (some_action[i] == kNoAction) {
        return absl::NotFoundError(fmt::format(
            "unknown action '{}': not in the catalog (only a catalog action is asked for some "
            "request; give a target for a keyword query)",
            need.action));
      }
      need.action = std::string(policy.action(some_action[i]).name);
      continue;
    }
    any_target = true;
    OwnedRequest question = *need.target;
    question.action = need.action;
    absl::StatusOr<std::vector<TargetGrant>> grants = WhoCanOn(policy, question);
    if (!grants.ok()) return grants.status();
    on_target[i].resize(policy.role_count());
    for (const TargetGrant& grant : *grants) on_target[i][grant.role].scopes.emplace(grant.scope, grant.rule);
  }

  LeastPrivilegedResult result;
  for (RoleId role = 0; role < policy.role_count(); ++role) {
    bool meets = true;
    for (size_t i = 0; i < needs.size() && meets; ++i) {
      if (!needs[i].target) meets = index.AllowsSomeRequest(role, some_action[i]);
    }
    if (!meets) continue;
    RankedRole ranked;
    ranked.role = role;
    ranked.profile = index.profile(role);
    ranked.tier = index.tier(role);
    if (any_target) {
      // One assignment for every targeted need: the scopes they all allow.
      bool first = true;
      for (size_t i = 0; i < needs.size(); ++i) {
        if (!needs[i].target) continue;
        std::vector<std::string> scopes;
        for (const auto& [scope, rule] : on_target[i][role].scopes) {
          if (first || std::find(ranked.scopes.begin(), ranked.scopes.end(), scope) != ranked.scopes.end()) {
            scopes.push_back(scope);
          }
        }
        ranked.scopes = std::move(scopes);
        first = false;
      }
      if (ranked.scopes.empty()) continue;
      std::sort(ranked.scopes.begin(), ranked.scopes.end(), NarrowerFirst);
    }
    const std::string role_name(policy.role(role).name);
    for (size_t i = 0; i < needs.size(); ++i) {
      NeedGrant grant;
      if (needs[i].target) {
        grant.scope = ranked.scopes.front();
        grant.rule = on_target[i][role].scopes.at(grant.scope);
        grant.witness = *needs[i].target;
        grant.witness.action = needs[i].action;
        grant.witness.assignments = {OwnedAssignment{role_name, grant.scope}};
      } else {
        std::optional<OwnedRequest> witness = index.Witness(role, some_action[i]);
        if (!witness) return absl::InternalError("a role allowing an action has no witness request");
        grant.witness = std::move(*witness);
        grant.scope = grant.witness.assignments[0].scope;
        grant.rule = AllowingRule(policy, grant.witness);
      }
      ranked.grants.push_back(std::move(grant));
    }
    result.roles.push_back(std::move(ranked));
  }
  std::sort(result.roles.begin(), result.roles.end(),
            [&](const RankedRole& x, const RankedRole& y) { return RanksBefore(policy, x, y); });
  for (size_t i = 0; i + 1 < result.roles.size(); ++i) {
    RankedRole& x = result.roles[i];
    const RankedRole& y = result.roles[i + 1];
    x.before_next = Separating(index, x, y);
    x.same_as_next = index.Covers(x.role, y.role) && index.Covers(y.role, x.role) &&
                     index.OutsideCatalog(x.role) == index.OutsideCatalog(y.role);
  }
  result.needs = std::move(needs);
  return result;
}

absl::StatusOr<LeastPrivilegedResult> LeastPrivileged(const Policy& policy,
                                                      absl::Span<const std::string> actions,
                                                      const std::optional<OwnedRequest>& target) {
  std::vector<Need> needs;
  for (const std::string& word : actions) {
    absl::StatusOr<std::vector<Need>> resolved = ResolveNeeds(policy, word, target);
    if (!resolved.ok()) return resolved.status();
    for (Need& need : *resolved) needs.push_back(std::move(need));
  }
  absl::StatusOr<RoleIndex> index = RoleIndex::Build(policy);
  if (!index.ok()) return index.status();
  return LeastPrivileged(*index, std::move(needs));
}

}  // namespace rolec::analysis
