// bench/workload.cc — request generators for the check benchmarks (see workload.h).
#include "bench/workload.h"

#include <map>
#include <string_view>
#include <utility>

#include "bench/rng.h"
#include "fmt/format.h"

namespace rolec::bench {
namespace {

// The administrator roles most assignments in a tenant are, in rough order of frequency.
const char* const kCommonRoles[] = {
    "Global Administrator", "User Administrator", "Helpdesk Administrator", "Password Administrator",
    "Privileged Authentication Administrator", "Authentication Administrator", "Groups Administrator",
    "Global Reader", "Directory Readers", "Security Administrator", "Security Reader",
    "Exchange Administrator", "SharePoint Administrator", "Teams Administrator", "Intune Administrator",
    "Application Administrator", "Cloud Application Administrator", "Privileged Role Administrator",
    "Reports Reader", "License Administrator", "Guest Inviter", "Conditional Access Administrator"};
// The rows of the reset-password and sensitive-action matrices: where conditions decide.
const char* const kSensitiveActions[] = {
    "microsoft.directory/users/password/update", "microsoft.directory/users/invalidateAllRefreshTokens",
    "microsoft.directory/users/authenticationMethods/update", "microsoft.directory/users/delete",
    "microsoft.directory/users/disable", "microsoft.directory/users/userPrincipalName/update",
    "microsoft.directory/users/basic/update", "microsoft.directory/users/strongAuthentication/update"};

TargetKind KindOfAction(std::string_view action) {
  size_t a = action.find('/');
  size_t b = action.find('/', a + 1);
  std::string_view entity = action.substr(a + 1, b - a - 1);
  std::string_view base = entity.substr(0, entity.find('.'));
  if (base == "users") return TargetKind::kUser;
  if (base == "groups") return TargetKind::kGroup;
  if (base == "devices") return TargetKind::kDevice;
  if (base == "applications") return TargetKind::kApplication;
  if (base == "servicePrincipals") return TargetKind::kServicePrincipal;
  if (base == "administrativeUnits") return TargetKind::kAdministrativeUnit;
  if (base == "roleDefinitions") return TargetKind::kRoleDefinition;
  return TargetKind::kOther;
}

// Shared shape of both generators; `principal_roles` and `target_roles` are the pools to draw from.
class Generator {
 public:
  Generator(const Policy& policy, uint64_t seed) : policy_(policy), rng_(seed) {}

  std::vector<OwnedRequest> Run(size_t count, const std::vector<RoleId>& principal_pool,
                                const std::vector<RoleId>& common_pool, const std::vector<RoleId>& target_pool,
                                const std::vector<ActionId>& sensitive, uint32_t from_roles_percent,
                                uint32_t sensitive_percent) {
    std::vector<OwnedRequest> out;
    out.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      OwnedRequest request;
      request.principal_id = fmt::format("principal-{}", i);
      uint32_t held = rng_.Between(1, 3);
      std::vector<RoleId> roles;
      for (uint32_t k = 0; k < held; ++k) {
        bool common = !common_pool.empty() && rng_.Percent(70);
        roles.push_back(common ? rng_.Pick(common_pool) : rng_.Pick(principal_pool));
      }
      for (RoleId role : roles) request.assignments.push_back({std::string(policy_.role(role).name), "/"});

      ActionId action = kNoAction;
      uint32_t dice = rng_.Below(100);
      if (dice < from_roles_percent) {
        std::vector<ActionId> granted = Granted(roles[rng_.Below(held)]);
        if (!granted.empty()) action = rng_.Pick(granted);
      } else if (dice < from_roles_percent + sensitive_percent && !sensitive.empty()) {
        action = rng_.Pick(sensitive);
      }
      if (action == kNoAction) action = rng_.Below(policy_.action_count());
      request.action = std::string(policy_.action(action).name);

      request.target.kind = KindOfAction(request.action);
      request.target.id = fmt::format("target-{}", i);
      if (request.target.kind == TargetKind::kUser) {
        uint32_t dice_roles = rng_.Below(100);
        uint32_t target_roles = dice_roles < 55 ? 0 : dice_roles < 85 ? 1 : 2;
        for (uint32_t k = 0; k < target_roles && !target_pool.empty(); ++k) {
          request.target.roles.push_back(std::string(policy_.role(rng_.Pick(target_pool)).name));
        }
        request.target.role_assignable_group_member = rng_.Percent(20);
      } else if (request.target.kind == TargetKind::kGroup) {
        request.target.role_assignable = rng_.Percent(15);
      }
      out.push_back(std::move(request));
    }
    return out;
  }

 private:
  const std::vector<ActionId>& Granted(RoleId role) {
    auto it = granted_.find(role);
    if (it == granted_.end()) it = granted_.emplace(role, policy_.RoleActions(role)).first;
    return it->second;
  }

  const Policy& policy_;
  Rng rng_;
  std::map<RoleId, std::vector<ActionId>> granted_;
};

}  // namespace

std::vector<OwnedRequest> StdlibRequests(const Policy& policy, size_t count, uint64_t seed) {
  std::vector<RoleId> all, common;
  for (RoleId id = 0; id < policy.role_count(); ++id) {
    if (!policy.role(id).deprecated) all.push_back(id);
  }
  for (const char* name : kCommonRoles) {
    RoleId id = policy.FindRole(name);
    if (id != kNoRole) common.push_back(id);
  }
  if (all.empty()) return {};
  std::vector<ActionId> sensitive;
  for (const char* name : kSensitiveActions) {
    ActionId id = policy.FindAction(name);
    if (id != kNoAction) sensitive.push_back(id);
  }
  return Generator(policy, seed).Run(count, all, common, common.empty() ? all : common, sensitive, 45, 25);
}

std::vector<OwnedRequest> PolicyRequests(const Policy& policy, size_t count, uint64_t seed) {
  std::vector<RoleId> all, targets;
  for (RoleId id = 0; id < policy.role_count(); ++id) all.push_back(id);
  if (all.empty() || policy.action_count() == 0) return {};
  for (RoleId id = 0; id < policy.role_count() && id < 16; ++id) targets.push_back(id);
  return Generator(policy, seed).Run(count, all, {}, targets, {}, 60, 0);
}

Outcome Classify(const Policy& policy, const Request& request) {
  Explanation explanation = policy.Explain(request);
  if (explanation.decision == Decision::kAllow) return Outcome::kAllow;
  for (const Denial& denial : explanation.denials) {
    if (denial.kind != Denial::Kind::kNoGrant) return Outcome::kDenyCondition;
  }
  return Outcome::kDenyNoGrant;
}

bool BoundRequests::Bind(const Policy& policy, const std::vector<OwnedRequest>& owned, std::string* error) {
  owned_ = owned;
  bound_.clear();
  requests_.clear();
  bound_.reserve(owned.size());
  for (const OwnedRequest& request : owned_) {
    absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, request);
    if (!bound.ok()) {
      *error = std::string(bound.status().message());
      return false;
    }
    bound_.push_back(std::move(*bound));
  }
  size_t assignment_count = 0, role_count = 0, action_bytes = 0;
  for (const BoundRequest& bound : bound_) {
    assignment_count += bound.request().assignments.size();
    role_count += bound.request().target.roles.size();
    action_bytes += bound.request().action.size();
  }
  // INVARIANT: reserved up front, so the views taken below never move.
  assignments_.clear();
  assignments_.reserve(assignment_count);
  target_roles_.clear();
  target_roles_.reserve(role_count);
  actions_.clear();
  actions_.reserve(action_bytes);
  requests_.reserve(bound_.size());
  for (const BoundRequest& bound : bound_) {
    Request r = bound.request();
    const size_t first_assignment = assignments_.size();
    assignments_.insert(assignments_.end(), r.assignments.begin(), r.assignments.end());
    r.assignments = absl::MakeConstSpan(assignments_.data() + first_assignment, r.assignments.size());
    const size_t first_role = target_roles_.size();
    target_roles_.insert(target_roles_.end(), r.target.roles.begin(), r.target.roles.end());
    r.target.roles = absl::MakeConstSpan(target_roles_.data() + first_role, r.target.roles.size());
    const size_t first_byte = actions_.size();
    actions_.append(r.action);
    r.action = std::string_view(actions_.data() + first_byte, r.action.size());
    requests_.push_back(r);
  }
  return true;
}

void BoundRequests::PreResolveActions(const Policy& policy) {
  for (Request& request : requests_) request.action_id = policy.FindAction(request.action);
}

std::array<std::vector<OwnedRequest>, kOutcomeCount> SplitByOutcome(const Policy& policy,
                                                                    const std::vector<OwnedRequest>& owned,
                                                                    size_t per_outcome) {
  std::array<std::vector<OwnedRequest>, kOutcomeCount> out;
  for (const OwnedRequest& request : owned) {
    absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, request);
    if (!bound.ok()) continue;
    auto& bucket = out[static_cast<int>(Classify(policy, bound->request()))];
    if (bucket.size() < per_outcome) bucket.push_back(request);
  }
  return out;
}

}  // namespace rolec::bench
