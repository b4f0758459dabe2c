// export/rule_owners.h — which role declared each rule, and which roles a role extends, read back
// from the image through the public API.
//
// The image keeps no `extends` table: the compiler copies a base's rules into the role that extends
// it, in front of its own, each copy keeping the source location where the base wrote it
// (compiler/check.cc, IrRole::rules). A rule is declared inside its role's body, after the role's
// name, and role bodies do not nest, so the role that declared a rule is the role of the same file
// whose name comes last before the rule. The roles a role extends are then the declarers of its
// inherited rules, less those that reach it through another of them (a base's own bases).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "rolec/policy.hpp"

namespace rolec::exporter {

class RuleOwners {
 public:
  explicit RuleOwners(const Policy& policy);

  // The role whose declaration holds the rule; kNoRole if no role of the rule's file precedes it
  // (an image whose locations are inconsistent).
  RoleId OwnerOf(uint32_t rule) const;
  // The roles `role` extends directly, in the order their rules come (a base of a base excluded).
  std::vector<RoleId> DirectBases(RoleId role) const;

 private:
  using Position = std::tuple<uint32_t, uint32_t>;  // line, column
  const Policy& policy_;
  std::map<std::string, std::vector<std::pair<Position, RoleId>>, std::less<>> roles_by_file_;
};

}  // namespace rolec::exporter
