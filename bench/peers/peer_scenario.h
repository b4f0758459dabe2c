// bench/peers/peer_scenario.h — the shared peer harness's scenario (../shared/bench-peers) as a
// rolec policy, and the engine its driver times.
//
// The scenario is engine-neutral JSON: roles with grants (action patterns, some guarded by
// {"targetRolesSubsetOf": set}), role sets, and forbids ("deny when the target is a member or owner of
// a role-assignable group, unless the principal holds an exempt role"; a forbid overrides every
// grant). ConvertPeerScenario writes it as .role source:
//   * the catalog: scenario/actions.json, plus every concrete action a grant or forbid names;
//   * each role set as `set roles`, each grant as `allow`, a condition as `when target.roles within S`;
//   * a forbid as `and not target.role_assignable_group_member` on the role's grants of the forbidden
//     actions (and, where a wildcard pattern covers one, `except A when
//     target.role_assignable_group_member`, which removes A from the role's grants alone).
// rolec conditions speak of the target, not of the principal's other roles, so "unless the principal
// holds an exempt role" cannot sit inside a role. It is resolved where the principal is known: every
// role a forbid touches also gets a variant without that forbid ("<name> [exempt: <forbid>]"), and a
// principal who holds an exempt role is assigned the variants. The plain role keeps the display name,
// so role sets and target roles name it. This is exact for any number of forbids with the one `when`
// the scenario uses (other forms are rejected).
//
// PeerEngine loads the scenario and the directory, compiles the source (with_stdlib = false) and
// answers the harness's requests through Policy::Check.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/peers/id_table.h"
#include "nlohmann/json.hpp"
#include "rolec/policy.hpp"

namespace rolec::bench {

struct PeerPolicy {
  std::string source;  // one .role file, module `peers`
  struct Role {
    std::string id;            // scenario id, e.g. "HelpdeskAdministrator"
    std::string display_name;  // the plain role's name in the source
    // The forbids (indices into the scenario's "forbids") this role's grants cover; a principal gets
    // the variant for the subset of them it is not exempt from.
    std::vector<uint32_t> forbids;
  };
  std::vector<Role> roles;
  std::vector<std::string> forbid_ids;                  // per forbid: its scenario id
  std::vector<std::vector<std::string>> forbid_exempt;  // per forbid: scenario ids of its exempt roles

  // The name of role `role`'s variant in which only the forbids of `applicable` (bit i = forbids[i])
  // still apply. All bits set: the plain role.
  std::string VariantName(size_t role, uint32_t applicable) const;
};

// `roles` is scenario/roles.json, `actions` scenario/actions.json.
absl::StatusOr<PeerPolicy> ConvertPeerScenario(const nlohmann::json& roles, const nlohmann::json& actions);

class PeerEngine {
 public:
  // Reads <root>/scenario/{roles,actions,directory}.json, converts, compiles and loads.
  static absl::StatusOr<std::unique_ptr<PeerEngine>> Load(const std::string& root);

  // A request as the harness gives it. Unknown principal or target: deny.
  bool Decide(std::string_view principal, std::string_view action, std::string_view target) const {
    const uint32_t p = users_.Find(principal);
    const uint32_t t = users_.Find(target);
    if (p == IdTable::kNone || t == IdTable::kNone) return false;
    return DecideOn(p, kNoAction, action, t);
  }

  // The pre-resolved variant: principal and target as user indices, the action as a catalog id.
  struct ResolvedRequest {
    uint32_t principal = IdTable::kNone;
    uint32_t target = IdTable::kNone;
    ActionId action = kNoAction;
    std::string_view action_name;  // used when the action is outside the catalog
  };
  ResolvedRequest Resolve(std::string_view principal, std::string_view action, std::string_view target) const;
  bool Decide(const ResolvedRequest& r) const {
    if (r.principal == IdTable::kNone || r.target == IdTable::kNone) return false;
    return DecideOn(r.principal, r.action, r.action_name, r.target);
  }

  const PeerPolicy& converted() const { return converted_; }
  const Policy& policy() const { return *policy_; }
  size_t user_count() const { return users_info_.size(); }

 private:
  // Everything a decision reads about one user, in one place: a request touches two users at
  // random among thousands, and each separate array would be one more cache miss (ideal-cpp packs a
  // user into 9 bytes for the same reason). Users with more roles than fit inline keep them in the
  // overflow arrays.
  struct User {
    static constexpr uint32_t kInline = 3;
    RoleId roles[kInline];            // as a target: the plain roles it holds
    uint32_t role_count = 0;          // == its number of assignments (its PreparedPrincipal's)
    uint32_t first_overflow = 0;      // into overflow_*_ when role_count > kInline
    bool role_assignable_group_member = false;
  };

  PeerEngine(PeerPolicy converted, std::shared_ptr<const Policy> policy, IdTable users)
      : converted_(std::move(converted)), policy_(std::move(policy)), users_(std::move(users)) {}

  // The principal as prepared at load; the target's roles and flag viewed from its User.
  bool DecideOn(uint32_t p, ActionId action_id, std::string_view action, uint32_t t) const {
    const User& target = users_info_[t];
    Target view;
    view.kind = TargetKind::kUser;
    view.roles = absl::MakeConstSpan(
        target.role_count <= User::kInline ? target.roles : overflow_roles_.data() + target.first_overflow,
        target.role_count);
    view.role_assignable_group_member = target.role_assignable_group_member;
    const Decision d = action_id != kNoAction ? policy_->Check(prepared_[p], action_id, view, Context{})
                                              : policy_->Check(prepared_[p], action, view, Context{});
    return d == Decision::kAllow;
  }

  PeerPolicy converted_;
  std::shared_ptr<const Policy> policy_;
  IdTable users_;
  std::vector<User> users_info_;
  std::vector<RoleId> overflow_roles_;
  std::vector<PreparedPrincipal> prepared_;  // per user, as a principal
};

}  // namespace rolec::bench
