// bench/baseline.h — the hand-written C++ baseline the evaluator is measured against (DESIGN.md §5).
//
// The simplest correct code a C++ programmer would write for the benchmark's requests over the
// standard library, with no policy language at run time: a hash map from the action string to a
// per-action entry holding the bitmask of the roles that grant it outright, plus the few
// (role, condition) pairs whose grant depends on the target; conditions are bitmask tests on a
// precomputed target descriptor (target.roles within S is `(target & ~S) == 0`).
//
//   allowed(P, a, T) = intrinsic(a)(T) && ((roles(P) & outright[a]) != 0
//                       || some conditional grant g of a with g.role in roles(P): g holds for T)
//
// The tables are built once from the loaded policy's public read-only views (its catalog, each
// role's rules with their patterns and condition text) and the `set roles` definitions of the
// stdlib sources; pattern matching (DESIGN.md §2) and the condition forms are implemented here,
// independently of the compiler, so the baseline is also a cross-check of rolec's decisions
// (tests/bench/baseline_test.cc). It covers what the workload (bench/workload.h) sends: tenant-scoped
// assignments, targets described by kind, roles and flags. Conditions it does not know — `or`,
// parentheses, scope predicates, negated role-set tests — make Build fail rather than guess.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"

namespace rolec::bench {

// Up to 256 roles: the standard library has about 150.
inline constexpr int kBaselineMaskWords = 4;
using RoleMask = std::array<uint64_t, kBaselineMaskWords>;

// A request as the baseline takes it: masks computed once at setup, the action as a string (and
// its id for the pre-resolved variant).
struct BaselineRequest {
  RoleMask principal{};
  std::string_view action;  // points into the OwnedRequest it was prepared from
  uint32_t action_id = 0xFFFFFFFFu;
  RoleMask target_roles{};
  uint32_t target_flags = 0;
  uint8_t target_kind = 0;
};

class Baseline {
 public:
  // `policy` must outlive the result. The role sets come from `set_sources`: .role texts whose `set roles NAME = [...]` definitions
  // conditions name (the stdlib's, for the stdlib).
  static absl::StatusOr<Baseline> Build(const Policy& policy, const std::vector<std::string_view>& set_sources);
  // Build() with the embedded standard library's sources.
  static absl::StatusOr<Baseline> BuildForStdlib(const Policy& policy);

  // Fails on what the baseline does not model (scoped assignments, owners, admin units).
  absl::StatusOr<BaselineRequest> Prepare(const OwnedRequest& request) const;

  // The decision, looking the action string up.
  bool Check(const BaselineRequest& request) const;
  // The decision for a pre-resolved action id.
  bool CheckId(const BaselineRequest& request) const;

  // Catalog actions the allow rules of `role` cover, ascending (to cross-check the compiler's
  // expansion).
  std::vector<uint32_t> CoveredActions(RoleId role) const;

  // Target flag bits.
  static constexpr uint32_t kRagMember = 1u << 0;
  static constexpr uint32_t kRoleAssignable = 1u << 1;
  static constexpr uint32_t kSelf = 1u << 2;
  static constexpr uint32_t kOwned = 1u << 3;
  static constexpr uint32_t kMfa = 1u << 4;
  static constexpr uint32_t kRestrictedAuRole = 1u << 5;
  static constexpr uint32_t kInRestrictedAu = 1u << 6;

  // One conjunction of bitmask tests. Public for the builder's helpers.
  struct Conjunct {
    uint32_t flags_set = 0;    // these target flags must be set
    uint32_t flags_clear = 0;  // these must be clear
    uint32_t kinds = 0;        // bit k: target kind k allowed; 0 = any kind
    int32_t within = -1;       // target.roles within sets_[within]
    int32_t any_of = -1;       // target.roles in sets_[any_of]
    bool never = false;        // `false`
  };

  // The matrices' protections of a sensitive action (docs/semantics.md): which roles may act on a
  // member of a role-assignable group, on a holder of a role scoped to a restricted unit, and on an
  // administrator. At tenant scope, which is all the baseline models, that is the whole rule.
  struct Protection {
    bool active = false;
    RoleMask role_assignable_exempt{};
    RoleMask restricted_au_exempt{};
    RoleMask admin_actors{};
    RoleMask non_administrators{};
  };

 private:
  struct RoleGrant {
    uint32_t role = 0;
    std::vector<Conjunct> allows;   // one must hold (an empty Conjunct always holds)
    std::vector<Conjunct> excepts;  // none may hold
  };
  struct Entry {
    RoleMask outright{};  // roles with an unconditional allow and no except
    std::vector<RoleGrant> conditional;
    bool has_intrinsic = false;
    Conjunct intrinsic;
    Protection protection;
  };

  // The roles the protection lets act on the request's target (all roles if none applies).
  RoleMask Permitted(const Protection& p, const BaselineRequest& r) const;

  bool Holds(const Conjunct& c, const BaselineRequest& r) const;
  bool Decide(uint32_t action, const BaselineRequest& r) const;

  const Policy* policy_ = nullptr;
  // Keys are the catalog's names as views into the policy's image, which outlives the baseline.
  absl::flat_hash_map<std::string_view, uint32_t> index_;
  std::vector<Entry> entries_;
  std::vector<RoleMask> sets_;
  std::vector<std::vector<uint32_t>> covered_;  // per role
};

}  // namespace rolec::bench
