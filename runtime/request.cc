// runtime/request.cc — target kind names, scopes, and binding an OwnedRequest to a Policy.
#include "rolec/request.hpp"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "runtime/action_pattern.h"

namespace rolec {
namespace {

constexpr std::string_view kTargetKindNames[kTargetKindCount] = {
    "",        "user",          "group",          "device", "application", "servicePrincipal",
    "administrativeUnit", "roleDefinition", "other",
};

constexpr std::string_view kAdminUnitScopePrefix = "/administrativeUnits/";

}  // namespace

std::string_view TargetKindName(TargetKind kind) {
  const auto index = static_cast<size_t>(kind);
  return index < static_cast<size_t>(kTargetKindCount) ? kTargetKindNames[index] : "";
}

bool ParseTargetKind(std::string_view name, TargetKind* kind) {
  // Index 0 (kUnspecified) has no name: an empty string is not a kind.
  for (int i = 1; i < kTargetKindCount; ++i) {
    if (runtime::EqualsIgnoreCase(name, kTargetKindNames[i])) {
      *kind = static_cast<TargetKind>(i);
      return true;
    }
  }
  return false;
}

bool ParseScope(std::string_view scope, std::string_view* admin_unit) {
  if (scope == "/") {
    *admin_unit = std::string_view();
    return true;
  }
  // Exactly "/administrativeUnits/<id>": an id, non-empty, with no further '/'.
  if (scope.size() <= kAdminUnitScopePrefix.size() ||
      scope.substr(0, kAdminUnitScopePrefix.size()) != kAdminUnitScopePrefix) {
    return false;
  }
  std::string_view id = scope.substr(kAdminUnitScopePrefix.size());
  if (id.find('/') != std::string_view::npos) return false;
  *admin_unit = id;
  return true;
}

absl::StatusOr<BoundRequest> BoundRequest::Bind(const Policy& policy, const OwnedRequest& owned) {
  BoundRequest bound;
  bound.owned_ = owned;
  for (const OwnedAssignment& assignment : bound.owned_.assignments) {
    RoleId role = policy.FindRole(assignment.role);
    if (role == kNoRole) {
      return absl::InvalidArgumentError(fmt::format("unknown role '{}'", assignment.role));
    }
    std::string_view admin_unit;
    if (!ParseScope(assignment.scope, &admin_unit)) {
      return absl::InvalidArgumentError(fmt::format(
          "malformed scope '{}' (expected \"/\" or \"/administrativeUnits/<id>\")", assignment.scope));
    }
    bound.assignments_.push_back(Assignment{role, std::string_view()});
  }
  for (const std::string& name : bound.owned_.target.roles) {
    RoleId role = policy.FindRole(name);
    if (role == kNoRole) {
      return absl::InvalidArgumentError(fmt::format("unknown target role '{}'", name));
    }
    bound.target_roles_.push_back(role);
  }
  for (const std::string& unit : bound.owned_.target.restricted_admin_units) {
    if (std::find(bound.owned_.target.admin_units.begin(), bound.owned_.target.admin_units.end(),
                  unit) == bound.owned_.target.admin_units.end()) {
      return absl::InvalidArgumentError(fmt::format(
          "restricted administrative unit '{}' is not one of the target's administrative units",
          unit));
    }
  }
  bound.admin_units_.resize(bound.owned_.target.admin_units.size());
  bound.restricted_admin_units_.resize(bound.owned_.target.restricted_admin_units.size());
  bound.owners_.resize(bound.owned_.target.owners.size());
  bound.Repoint();
  return bound;
}

BoundRequest::BoundRequest(BoundRequest&& other) noexcept
    : owned_(std::move(other.owned_)),
      assignments_(std::move(other.assignments_)),
      target_roles_(std::move(other.target_roles_)),
      admin_units_(std::move(other.admin_units_)),
      restricted_admin_units_(std::move(other.restricted_admin_units_)),
      owners_(std::move(other.owners_)) {
  Repoint();
}

BoundRequest& BoundRequest::operator=(BoundRequest&& other) noexcept {
  if (this != &other) {
    owned_ = std::move(other.owned_);
    assignments_ = std::move(other.assignments_);
    target_roles_ = std::move(other.target_roles_);
    admin_units_ = std::move(other.admin_units_);
    restricted_admin_units_ = std::move(other.restricted_admin_units_);
    owners_ = std::move(other.owners_);
    Repoint();
  }
  return *this;
}

// Every view points into owned_, whose strings may have moved (short strings live inside the
// std::string object): rebuild them all from owned_.
void BoundRequest::Repoint() {
  for (size_t i = 0; i < assignments_.size(); ++i) {
    std::string_view admin_unit;
    ParseScope(owned_.assignments[i].scope, &admin_unit);  // validated by Bind
    assignments_[i].admin_unit = admin_unit;
  }
  for (size_t i = 0; i < admin_units_.size(); ++i) admin_units_[i] = owned_.target.admin_units[i];
  for (size_t i = 0; i < restricted_admin_units_.size(); ++i) {
    restricted_admin_units_[i] = owned_.target.restricted_admin_units[i];
  }
  for (size_t i = 0; i < owners_.size(); ++i) owners_[i] = owned_.target.owners[i];

  request_ = Request();
  request_.principal_id = owned_.principal_id;
  request_.assignments = assignments_;
  request_.action_id = kNoAction;
  request_.action = owned_.action;
  Target& target = request_.target;
  target.kind = owned_.target.kind;
  target.id = owned_.target.id;
  target.roles = target_roles_;
  target.role_assignable_group_member = owned_.target.role_assignable_group_member;
  target.role_scoped_to_restricted_admin_unit = owned_.target.role_scoped_to_restricted_admin_unit;
  target.in_restricted_admin_unit = owned_.target.in_restricted_admin_unit;
  target.role_assignable = owned_.target.role_assignable;
  target.admin_units = admin_units_;
  target.restricted_admin_units = restricted_admin_units_;
  target.owners = owners_;
  request_.context = owned_.context;
}

}  // namespace rolec
