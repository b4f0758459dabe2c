// export/rule_owners.cc — the declaring role of a rule, and a role's direct bases.
#include "export/rule_owners.h"

#include <algorithm>
#include <set>

namespace rolec::exporter {

RuleOwners::RuleOwners(const Policy& policy) : policy_(policy) {
  for (RoleId id = 0; id < policy.role_count(); ++id) {
    const RoleInfo info = policy.role(id);
    roles_by_file_[std::string(info.source.file)].push_back(
        {Position{info.source.line, info.source.column}, id});
  }
  for (auto& [file, roles] : roles_by_file_) std::sort(roles.begin(), roles.end());
}

RoleId RuleOwners::OwnerOf(uint32_t rule) const {
  const RuleInfo info = policy_.rule(rule);
  auto found = roles_by_file_.find(info.source.file);
  if (found == roles_by_file_.end()) return kNoRole;
  const auto& roles = found->second;
  const Position at{info.source.line, info.source.column};
  // The last role whose name is at or before the rule.
  auto after =
      std::upper_bound(roles.begin(), roles.end(), at,
                       [](const Position& p, const auto& entry) { return p < entry.first; });
  if (after == roles.begin()) return kNoRole;
  return std::prev(after)->second;
}

std::vector<RoleId> RuleOwners::DirectBases(RoleId role) const {
  // Declarers of the inherited rules, in order of first appearance.
  auto inherited_owners = [this](RoleId of) {
    std::vector<RoleId> owners;
    for (uint32_t rule : policy_.RoleRules(of)) {
      const RoleId owner = OwnerOf(rule);
      if (owner == of || owner == kNoRole) continue;
      if (std::find(owners.begin(), owners.end(), owner) == owners.end()) owners.push_back(owner);
    }
    return owners;
  };
  const std::vector<RoleId> owners = inherited_owners(role);
  // A base's inherited rules are copied along with it, so their declarers are not direct bases.
  std::set<RoleId> indirect;
  for (RoleId base : owners) {
    for (RoleId further : inherited_owners(base)) indirect.insert(further);
  }
  std::vector<RoleId> direct;
  for (RoleId base : owners) {
    if (indirect.count(base) == 0) direct.push_back(base);
  }
  return direct;
}

}  // namespace rolec::exporter
