// analysis/request_domain.h — the finite request domain of one action for a few roles: one
// representative request per class of requests that no condition and no evaluator step can tell
// apart (docs/analysis.md § The domain).
//
// A domain has one half per assignment scope (tenant, or an administrative unit). Its points are
// value vectors over dimensions — the target's placement relative to units, the scope's unit,
// the target's kind class, one boolean per role-set predicate the conditions mention (with only
// the combinations some set of target roles produces), and one per other fact they read. Every
// point is feasible: it is materialized as a Request and decided by Policy::Check.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "rolec/analysis.hpp"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"

namespace rolec::analysis {

// The most points one half may have; beyond it Build fails rather than run for minutes.
inline constexpr size_t kMaxDomainPoints = size_t{1} << 20;

struct Dimension {
  enum class Style : uint8_t { kChoice, kBool, kKind };
  Style style = Style::kChoice;
  // kChoice, kKind: one label per value. kBool: labels[1] is the fact, labels[0] its negation.
  std::vector<std::string> labels;
  // Names for some subsets of values (bit i = value i), used instead of listing the values.
  std::vector<std::pair<uint32_t, std::string>> named_subsets;
};

// One condition atom of one policy.
struct PolicyAtom {
  const Policy* policy;
  ConditionAtom atom;
};

class RequestDomain {
 public:
  // The half of the domain for `unit_scope` over `action` (a name, resolved in each role's
  // policy) and the conditions `roles` read for it.
  static absl::StatusOr<RequestDomain> Build(absl::Span<const RoleRef> roles, std::string_view action,
                                            bool unit_scope);

  // The same, reusing from `cache` the shape (dimensions, points, role vectors) of an earlier
  // domain whose policies, scope and atoms were the same: what differs between such domains is
  // only the action each point's request names, so the result is identical to Build's.
  static absl::StatusOr<RequestDomain> Build(absl::Span<const RoleRef> roles, std::string_view action,
                                            bool unit_scope, class DomainCache* cache);

  bool unit_scope() const { return shape_->unit_scope_; }
  const std::vector<Dimension>& dimensions() const { return shape_->dims_; }
  size_t points() const { return shape_->points_; }
  uint8_t Value(size_t point, size_t dim) const {
    return shape_->values_[point * shape_->dims_.size() + dim];
  }
  // Identifies the shape: two domains with the same shape() have the same dimensions and points.
  const void* shape() const { return shape_.get(); }
  // The action's id in `policy`'s catalog: kNoAction if it is not there or `policy` is not one of
  // the domain's.
  ActionId action_id(const Policy* policy) const {
    const size_t m = shape_->MapIndex(policy);
    return m < action_ids_.size() ? action_ids_[m] : kNoAction;
  }

  // Policy::Check of `role` (one of the roles Build was given, or any role of their policies)
  // assigned at this half's scope, on the point's request.
  bool Allows(size_t point, RoleRef role) const;
  // Policy::Check of `role` assigned at tenant scope on the point's target (for a unit half: the
  // same target, the assignment widened to "/").
  bool AllowsAtTenant(size_t point, RoleRef role) const;
  // Whether rule `rule` (a Policy::rule() index of role.policy) has its condition hold on the
  // point's request with `role` assigned at this half's scope; true if it has none.
  bool RuleHolds(size_t point, RoleRef role, uint32_t rule) const;
  // The point whose case `request` falls in: `request` has one assignment, at this half's scope,
  // of a role of `policy` (one of the domain's), and its target roles are in the role universe
  // (the roles every policy concerned has). nullopt otherwise. For tests of exhaustiveness:
  // Check(request) must equal Allows(*Classify(request), role).
  std::optional<size_t> Classify(const Policy& policy, const Request& request) const;
  // The point's request with `role` assigned, owning its strings (role names by display name).
  OwnedRequest Witness(size_t point, RoleRef role) const;
  // The same with the assignment at tenant scope.
  OwnedRequest TenantWitness(size_t point, RoleRef role) const;

 private:
  friend class DomainCache;
  struct PolicyMap {
    const Policy* policy;
    std::vector<RoleId> universe_ids;  // universe index -> role id in this policy
  };
  struct KindClass {
    TargetKind representative;
  };
  // A point's request. Its target's lists view the vectors here and the shape's strings; its
  // assignments view `assignment` (set by Materialize, not by Shape::Target).
  struct Materialized {
    std::vector<RoleId> roles;
    std::vector<std::string_view> units;
    std::vector<std::string_view> restricted;
    std::vector<std::string_view> owners;
    Assignment assignment;  // Shape::Target sets the scope's unit only
    Request request;
  };
  static constexpr size_t kNoDim = static_cast<size_t>(-1);
  // Everything but the action: what the atoms the conditions read determine.
  struct Shape {
    const PolicyMap* MapOf(const Policy* policy) const;
    size_t MapIndex(const Policy* policy) const;
    // The point's request as far as it depends neither on the action nor on the assigned role:
    // principal, target (its roles from maps_[m], none if m is not a map), context, and the
    // assignment's unit. Its request has no assignment and no action yet.
    void Target(size_t m, size_t point, Materialized* out) const;

    bool unit_scope_ = false;
    std::vector<PolicyMap> maps_;
    std::vector<Dimension> dims_;
    // Dimension indices (kNoDim if absent).
    size_t placement_dim_ = kNoDim, scope_unit_dim_ = kNoDim, kind_dim_ = kNoDim;
    size_t first_role_dim_ = 0, role_dims_ = 0;
    size_t rag_dim_ = kNoDim, restricted_role_dim_ = kNoDim, assignable_dim_ = kNoDim,
           self_dim_ = kNoDim, owned_dim_ = kNoDim, mfa_dim_ = kNoDim;
    size_t first_unit_dim_ = 0;
    std::vector<std::string> unit_ids_;    // target.admin_units has "X": one dim each
    std::vector<std::string> scope_units_; // scope unit choices (mentioned ids, then a fresh one)
    std::string restricted_unit_;          // a fresh unit, restricted, not the scope's
    std::vector<KindClass> kinds_;
    uint8_t kind_class_[kTargetKindCount] = {};        // TargetKind -> index into kinds_
    std::vector<PolicyAtom> role_atoms_;                // one per role dimension
    std::vector<std::vector<uint32_t>> role_vectors_;  // per role-vector value: universe indices
    std::vector<uint64_t> role_vector_bits_;           // per role-vector value: the atoms' bits
    std::vector<uint32_t> role_vector_of_point_;       // per point
    std::vector<uint8_t> scope_unit_of_point_;         // per point: index into scope_units_
    std::vector<uint8_t> kind_of_point_;               // per point: index into kinds_
    size_t points_ = 0;
    std::vector<uint8_t> values_;  // points_ x dims_
    // Per map, per point: Target(m, point), built once with the shape when it has at most
    // kPrebuiltPoints points (every action of the shape, every role, reuses them); else empty.
    std::vector<std::vector<Materialized>> targets_;
  };
  static constexpr size_t kPrebuiltPoints = 4096;
  static absl::StatusOr<std::shared_ptr<const Shape>> BuildShape(
      std::vector<PolicyMap> maps, const std::vector<PolicyAtom>& atoms, std::string_view action,
      bool unit_scope);
  void Materialize(size_t point, RoleRef role, Materialized* out) const;
  // Policy::Check of `role` on the point's request, its assignment at the point's scope, or at
  // tenant scope when `at_tenant`.
  bool Decide(size_t point, RoleRef role, bool at_tenant) const;

  std::shared_ptr<const Shape> shape_;
  std::string action_;
  std::vector<ActionId> action_ids_;  // per shape_->maps_ entry: the action's id in that policy
};

// Shapes of the domains built so far, for RequestDomain::Build: one question over many actions
// (a diff, the role index) builds each distinct shape once. Not thread-safe; the policies must
// outlive it.
class DomainCache {
 public:
  size_t shapes() const { return count_; }

 private:
  friend class RequestDomain;
  struct Entry {
    bool unit_scope = false;
    bool bitlocker_key_read = false;
    std::vector<const Policy*> policies;
    std::vector<PolicyAtom> atoms;
    std::shared_ptr<const RequestDomain::Shape> shape;
  };
  absl::flat_hash_map<uint64_t, std::vector<Entry>> entries_;  // by a hash of the key
  size_t count_ = 0;
  // Policy::RuleConditionAtoms by (policy, rule): decoded once per question.
  absl::flat_hash_map<std::pair<const Policy*, uint32_t>, std::vector<ConditionAtom>> rule_atoms_;
};

}  // namespace rolec::analysis
