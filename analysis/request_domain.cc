// analysis/request_domain.cc — building the finite domain and materializing its requests.
#include "analysis/request_domain.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <memory>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "fmt/format.h"
#include "runtime/condition_vm.h"
#include "runtime/policy_impl.h"

namespace rolec::analysis {
namespace {

constexpr char kPrincipal[] = "principal";
constexpr char kOtherTarget[] = "target";

// The kinds in the order a class picks its representative (named kinds first).
constexpr TargetKind kKindOrder[] = {
    TargetKind::kUser,        TargetKind::kGroup,          TargetKind::kDevice,
    TargetKind::kApplication, TargetKind::kServicePrincipal, TargetKind::kAdministrativeUnit,
    TargetKind::kRoleDefinition, TargetKind::kOther,       TargetKind::kUnspecified,
};

std::string KindLabel(TargetKind kind) {
  return kind == TargetKind::kUnspecified ? std::string("unspecified")
                                          : std::string(TargetKindName(kind));
}

bool SameAtom(const PolicyAtom& a, const PolicyAtom& b) {
  return a.policy == b.policy && a.atom.kind == b.atom.kind &&
         a.atom.target_kind == b.atom.target_kind && a.atom.role_set == b.atom.role_set &&
         a.atom.role == b.atom.role && a.atom.text == b.atom.text;
}

// A name no condition mentions: `base`, or `base-N`.
bool IsBitlockerKeyRead(std::string_view action) {
  constexpr std::string_view kName = "microsoft.directory/bitlockerkeys/key/read";
  if (action.size() != kName.size()) return false;
  for (size_t i = 0; i < kName.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(action[i])) != kName[i]) return false;
  }
  return true;
}

std::string FreshId(std::string base, const std::vector<std::string>& taken) {
  std::string id = base;
  for (int n = 2; std::find(taken.begin(), taken.end(), id) != taken.end(); ++n) {
    id = fmt::format("{}-{}", base, n);
  }
  return id;
}

}  // namespace

const RequestDomain::PolicyMap* RequestDomain::Shape::MapOf(const Policy* policy) const {
  const size_t m = MapIndex(policy);
  return m < maps_.size() ? &maps_[m] : nullptr;
}

size_t RequestDomain::Shape::MapIndex(const Policy* policy) const {
  size_t m = 0;
  while (m < maps_.size() && maps_[m].policy != policy) ++m;
  return m;
}

absl::StatusOr<RequestDomain> RequestDomain::Build(absl::Span<const RoleRef> roles,
                                                  std::string_view action, bool unit_scope) {
  return Build(roles, action, unit_scope, nullptr);
}

absl::StatusOr<RequestDomain> RequestDomain::Build(absl::Span<const RoleRef> roles,
                                                  std::string_view action, bool unit_scope,
                                                  DomainCache* cache) {
  RequestDomain d;
  d.action_ = std::string(action);
  if (roles.empty()) return absl::InvalidArgumentError("no role to analyse");

  // The policies, each with its action id (the role universe is mapped into each by BuildShape).
  std::vector<PolicyMap> maps;
  auto map_index = [&](const Policy* policy) {
    size_t m = 0;
    while (m < maps.size() && maps[m].policy != policy) ++m;
    return m;
  };
  for (const RoleRef& ref : roles) {
    if (ref.policy == nullptr || ref.role >= ref.policy->role_count()) {
      return absl::InvalidArgumentError("a role to analyse is not a role of its policy");
    }
    if (map_index(ref.policy) == maps.size()) {
      maps.push_back(PolicyMap{ref.policy, {}});
      d.action_ids_.push_back(ref.policy->FindAction(action));
    }
  }
  // The atoms every condition the evaluator reads for (role, action) holds: the covering rules'
  // and the intrinsic rule's, or for an action outside a policy's catalog every rule of the role
  // (a superset: a finer domain, never a coarser one).
  std::vector<PolicyAtom> atoms;
  auto add = [&](const Policy* policy, const std::vector<ConditionAtom>& found) {
    for (const ConditionAtom& atom : found) {
      PolicyAtom candidate{policy, atom};
      bool seen = false;
      for (const PolicyAtom& known : atoms) seen = seen || SameAtom(known, candidate);
      if (!seen) atoms.push_back(candidate);
    }
  };
  // A rule's atoms are decoded from its bytecode; a question over many actions meets the same
  // few rules again and again, so the cache keeps them.
  auto rule_atoms = [&](const Policy* policy, uint32_t rule) -> const std::vector<ConditionAtom>& {
    if (cache == nullptr) {
      thread_local std::vector<ConditionAtom> decoded;
      decoded = policy->RuleConditionAtoms(rule);
      return decoded;
    }
    auto [it, inserted] = cache->rule_atoms_.try_emplace(std::make_pair(policy, rule));
    if (inserted) it->second = policy->RuleConditionAtoms(rule);
    return it->second;
  };
  for (const RoleRef& ref : roles) {
    const ActionId id = d.action_ids_[map_index(ref.policy)];
    const std::vector<uint32_t> rules =
        id != kNoAction ? ref.policy->GrantRules(ref.role, id) : ref.policy->RoleRules(ref.role);
    for (uint32_t rule : rules) add(ref.policy, rule_atoms(ref.policy, rule));
    if (id != kNoAction) add(ref.policy, ref.policy->IntrinsicRuleAtoms(id));
  }
  if (cache == nullptr) {
    absl::StatusOr<std::shared_ptr<const Shape>> shape =
        BuildShape(std::move(maps), atoms, action, unit_scope);
    if (!shape.ok()) return shape.status();
    d.shape_ = *std::move(shape);
    return d;
  }
  // The key: everything BuildShape reads but the action's name, which it reads only for the
  // BitLocker key read (and for its errors, which are not cached).
  const bool bitlocker = IsBitlockerKeyRead(action);
  uint64_t hash = absl::Hash<std::tuple<bool, bool, size_t, size_t>>{}(
      std::make_tuple(unit_scope, bitlocker, maps.size(), atoms.size()));
  for (const PolicyMap& map : maps) {
    hash = absl::Hash<std::tuple<uint64_t, const void*>>{}(std::make_tuple(hash, map.policy));
  }
  for (const PolicyAtom& a : atoms) {
    hash = absl::Hash<std::tuple<uint64_t, const void*, int, int, uint32_t, RoleId, std::string_view>>{}(
        std::make_tuple(hash, a.policy, static_cast<int>(a.atom.kind), static_cast<int>(a.atom.target_kind),
                        a.atom.role_set, a.atom.role, a.atom.text));
  }
  std::vector<DomainCache::Entry>& bucket = cache->entries_[hash];
  for (const DomainCache::Entry& entry : bucket) {
    if (entry.unit_scope != unit_scope || entry.bitlocker_key_read != bitlocker ||
        entry.policies.size() != maps.size() || entry.atoms.size() != atoms.size()) {
      continue;
    }
    bool same = true;
    for (size_t m = 0; same && m < maps.size(); ++m) same = entry.policies[m] == maps[m].policy;
    for (size_t i = 0; same && i < atoms.size(); ++i) same = SameAtom(entry.atoms[i], atoms[i]);
    if (!same) continue;
    d.shape_ = entry.shape;
    return d;
  }
  DomainCache::Entry entry;
  entry.unit_scope = unit_scope;
  entry.bitlocker_key_read = bitlocker;
  for (const PolicyMap& map : maps) entry.policies.push_back(map.policy);
  absl::StatusOr<std::shared_ptr<const Shape>> shape =
      BuildShape(std::move(maps), atoms, action, unit_scope);
  if (!shape.ok()) return shape.status();
  entry.atoms = std::move(atoms);
  entry.shape = *shape;
  d.shape_ = *std::move(shape);
  bucket.push_back(std::move(entry));
  ++cache->count_;
  return d;
}

absl::StatusOr<std::shared_ptr<const RequestDomain::Shape>> RequestDomain::BuildShape(
    std::vector<PolicyMap> maps, const std::vector<PolicyAtom>& atoms, std::string_view action,
    bool unit_scope) {
  using Kind = ConditionAtom::Kind;
  auto shape = std::make_shared<Shape>();
  Shape& d = *shape;
  d.unit_scope_ = unit_scope;
  d.maps_ = std::move(maps);

  std::vector<PolicyAtom> role_atoms;
  std::vector<TargetKind> kind_atoms;
  bool rag = false, restricted_role = false, assignable = false, self = false, owned = false,
       mfa = false;
  std::vector<std::string> scope_ids;
  for (const PolicyAtom& a : atoms) {
    switch (a.atom.kind) {
      case Kind::kTargetRolesWithin:
      case Kind::kTargetRolesAny:
      case Kind::kTargetHasRole: role_atoms.push_back(a); break;
      case Kind::kTargetKindIs:
        if (std::find(kind_atoms.begin(), kind_atoms.end(), a.atom.target_kind) == kind_atoms.end()) {
          kind_atoms.push_back(a.atom.target_kind);
        }
        break;
      case Kind::kTargetRoleAssignableGroupMember: rag = true; break;
      case Kind::kTargetRestrictedAuRole: restricted_role = true; break;
      case Kind::kTargetRoleAssignable: assignable = true; break;
      case Kind::kTargetIsSelf: self = true; break;
      case Kind::kPrincipalOwnsTarget: owned = true; break;
      case Kind::kContextMfa: mfa = true; break;
      case Kind::kTargetInAdminUnit:
        if (std::find(d.unit_ids_.begin(), d.unit_ids_.end(), a.atom.text) == d.unit_ids_.end()) {
          d.unit_ids_.emplace_back(a.atom.text);
        }
        break;
      case Kind::kScopeAdminUnitIs:
        if (std::find(scope_ids.begin(), scope_ids.end(), a.atom.text) == scope_ids.end()) {
          scope_ids.emplace_back(a.atom.text);
        }
        break;
      // Constant within a half (the scope) or for one role (its own role): not target facts.
      case Kind::kScopeIsTenant:
      case Kind::kAssignmentRoleIn:
      case Kind::kConstant:
      // Read through the placement dimension, which every domain has.
      case Kind::kTargetInRestrictedAu: break;
    }
  }
  std::sort(d.unit_ids_.begin(), d.unit_ids_.end());
  std::sort(scope_ids.begin(), scope_ids.end());
  if (d.unit_ids_.size() + scope_ids.size() > 16) {
    return absl::ResourceExhaustedError(fmt::format(
        "the conditions for '{}' name {} administrative units; the analysis handles at most 16",
        action, d.unit_ids_.size() + scope_ids.size()));
  }
  if (role_atoms.size() > 64) {
    return absl::ResourceExhaustedError(fmt::format(
        "the conditions for '{}' hold {} role-set predicates; the analysis handles at most 64",
        action, role_atoms.size()));
  }
  std::vector<std::string> taken = d.unit_ids_;
  taken.insert(taken.end(), scope_ids.begin(), scope_ids.end());
  d.restricted_unit_ = FreshId("au-restricted", taken);
  taken.push_back(d.restricted_unit_);
  if (unit_scope) {
    d.scope_units_ = scope_ids;
    // Units mentioned only as the target's are scope choices too: the scope's unit may be one.
    for (const std::string& id : d.unit_ids_) {
      if (std::find(d.scope_units_.begin(), d.scope_units_.end(), id) == d.scope_units_.end()) {
        d.scope_units_.push_back(id);
      }
    }
    d.scope_units_.push_back(FreshId("au-1", taken));
  }

  // Dimensions.
  Dimension placement;
  placement.labels = unit_scope
                         ? std::vector<std::string>{"the target is not in the assignment's unit",
                                                    "the target is in the unit and in no restricted unit",
                                                    "the target is in the unit, which is a restricted unit",
                                                    "the target is in the unit and in another, restricted unit"}
                         : std::vector<std::string>{"the target is in no restricted unit",
                                                    "the target is in a restricted unit"};
  if (unit_scope) {
    placement.named_subsets = {
        {0b1110, "the target is in the assignment's unit"},
        {0b0110, "the target is in the unit and in no restricted unit but it"},
        {0b1100, "the target is in the unit and in a restricted unit"},
    };
  }
  d.placement_dim_ = d.dims_.size();
  d.dims_.push_back(placement);
  if (d.scope_units_.size() > 1) {
    Dimension scope;
    for (size_t i = 0; i < d.scope_units_.size(); ++i) {
      scope.labels.push_back(i + 1 == d.scope_units_.size()
                                 ? std::string("scope.admin_unit is another unit")
                                 : fmt::format("scope.admin_unit == \"{}\"", d.scope_units_[i]));
    }
    d.scope_unit_dim_ = d.dims_.size();
    d.dims_.push_back(scope);
  }
  // Kind classes: kinds alike for every kind atom and, at unit scope, for the evaluator (which
  // reaches users, groups and devices, and a device's BitLocker key).
  {
    const bool bitlocker_key_read = IsBitlockerKeyRead(action);
    // A class's signature: bit i = the kind is kind_atoms[i]; then the evaluator's two bits.
    uint32_t signatures[kTargetKindCount] = {};
    uint32_t members[kTargetKindCount] = {};  // bit = position in kKindOrder
    size_t classes = 0;
    for (size_t position = 0; position < std::size(kKindOrder); ++position) {
      const TargetKind kind = kKindOrder[position];
      uint32_t signature = 0;
      for (size_t i = 0; i < kind_atoms.size(); ++i) {
        if (kind == kind_atoms[i]) signature |= uint32_t{1} << i;
      }
      const bool member_kind = kind == TargetKind::kUser || kind == TargetKind::kGroup ||
                               kind == TargetKind::kDevice;
      // The evaluator reads the kind only for a unit assignment: a unit holds users, groups and
      // devices, and a member device's BitLocker key read is reached through it too.
      if (unit_scope && member_kind) signature |= uint32_t{1} << 30;
      if (unit_scope && bitlocker_key_read && kind == TargetKind::kDevice) signature |= uint32_t{1} << 31;
      size_t c = 0;
      while (c < classes && signatures[c] != signature) ++c;
      if (c == classes) {
        signatures[classes++] = signature;
        d.kinds_.push_back(KindClass{kind});
      }
      members[c] |= uint32_t{1} << position;
      d.kind_class_[static_cast<int>(kind)] = static_cast<uint8_t>(c);
    }
    if (classes > 1) {
      Dimension kinds;
      kinds.style = Dimension::Style::kKind;
      for (size_t c = 0; c < classes; ++c) {
        std::string label;
        for (size_t position = 0; position < std::size(kKindOrder); ++position) {
          if ((members[c] >> position) & 1) {
            label += (label.empty() ? "" : ", ") + KindLabel(kKindOrder[position]);
          }
        }
        kinds.labels.push_back(std::move(label));
      }
      d.kind_dim_ = d.dims_.size();
      d.dims_.push_back(std::move(kinds));
    }
  }
  // Only role-set predicates read the target's roles; without them no universe is needed.
  const Policy& first = *d.maps_[0].policy;
  for (RoleId id = 0; !role_atoms.empty() && id < first.role_count(); ++id) {
    std::vector<RoleId> ids;
    const std::string_view name = first.role(id).name;
    for (const PolicyMap& map : d.maps_) {
      const RoleId other = map.policy == &first ? id : map.policy->FindRole(name);
      if (other == kNoRole) break;
      ids.push_back(other);
    }
    if (ids.size() != d.maps_.size()) continue;
    for (size_t m = 0; m < d.maps_.size(); ++m) d.maps_[m].universe_ids.push_back(ids[m]);
  }

  // Role-set predicates: one boolean dimension each; their values are those some set of target
  // roles gives, found as the closure of the single roles' vectors under union.
  d.first_role_dim_ = d.dims_.size();
  d.role_dims_ = role_atoms.size();
  d.role_atoms_ = role_atoms;
  uint64_t within_mask = 0;
  for (size_t i = 0; i < role_atoms.size(); ++i) {
    const ConditionAtom& atom = role_atoms[i].atom;
    Dimension dim;
    dim.style = Dimension::Style::kBool;
    std::string fact;
    if (atom.kind == Kind::kTargetRolesWithin) {
      fact = fmt::format("target.roles within {}", atom.text);
      within_mask |= uint64_t{1} << i;
    } else if (atom.kind == Kind::kTargetRolesAny) {
      fact = fmt::format("target.roles in {}", atom.text);
    } else {
      fact = fmt::format("target.roles has \"{}\"", atom.text);
    }
    dim.labels = {"not " + fact, fact};
    d.dims_.push_back(dim);
  }
  {
    const uint64_t empty = within_mask;
    std::vector<uint64_t> class_vectors;
    std::vector<uint32_t> class_roles;
    const size_t universe = d.maps_[0].universe_ids.size();
    for (uint32_t u = 0; u < universe; ++u) {
      uint64_t v = 0;
      for (size_t i = 0; i < role_atoms.size(); ++i) {
        const PolicyAtom& a = role_atoms[i];
        const RoleId id = d.MapOf(a.policy)->universe_ids[u];
        const bool bit = a.atom.kind == Kind::kTargetHasRole ? id == a.atom.role
                                                             : a.policy->RoleSetContains(a.atom.role_set, id);
        if (bit) v |= uint64_t{1} << i;
      }
      if (std::find(class_vectors.begin(), class_vectors.end(), v) == class_vectors.end()) {
        class_vectors.push_back(v);
        class_roles.push_back(u);
      }
    }
    std::vector<uint64_t> vectors = {empty};
    d.role_vectors_ = {{}};
    absl::flat_hash_map<uint64_t, uint32_t> index = {{empty, 0}};
    for (size_t next = 0; next < vectors.size(); ++next) {
      for (size_t c = 0; c < class_vectors.size(); ++c) {
        const uint64_t v = vectors[next], w = class_vectors[c];
        const uint64_t combined = (v & w & within_mask) | ((v | w) & ~within_mask);
        if (index.contains(combined)) continue;
        if (vectors.size() >= (size_t{1} << 16)) {
          return absl::ResourceExhaustedError(fmt::format(
              "the role-set predicates for '{}' give more than 65,536 combinations", action));
        }
        index[combined] = static_cast<uint32_t>(vectors.size());
        vectors.push_back(combined);
        std::vector<uint32_t> rep = d.role_vectors_[next];
        rep.push_back(class_roles[c]);
        d.role_vectors_.push_back(std::move(rep));
      }
    }
    // Store each vector's bits, for the points.
    d.role_vector_bits_ = std::move(vectors);
  }
  auto add_bool = [&](bool present, std::string fact, size_t* dim) {
    if (!present) return;
    Dimension b;
    b.style = Dimension::Style::kBool;
    b.labels = {"not " + fact, std::move(fact)};
    *dim = d.dims_.size();
    d.dims_.push_back(std::move(b));
  };
  add_bool(rag, "target.role_assignable_group_member", &d.rag_dim_);
  add_bool(restricted_role, "target.restricted_au_role", &d.restricted_role_dim_);
  add_bool(assignable, "target.role_assignable", &d.assignable_dim_);
  add_bool(self, "target is self", &d.self_dim_);
  add_bool(owned, "principal owns target", &d.owned_dim_);
  add_bool(mfa, "context.mfa", &d.mfa_dim_);
  d.first_unit_dim_ = d.dims_.size();
  for (const std::string& id : d.unit_ids_) {
    Dimension b;
    b.style = Dimension::Style::kBool;
    const std::string fact = fmt::format("target.admin_units has \"{}\"", id);
    b.labels = {"not " + fact, fact};
    d.dims_.push_back(std::move(b));
  }

  // The points: every combination of the independent choices that is consistent (a unit the
  // conditions name that is also the scope's unit holds the target iff the placement says so).
  const size_t placements = unit_scope ? 4 : 2;
  const size_t scope_choices = std::max<size_t>(1, d.scope_units_.size());
  // The flag and named-unit dimensions come after the role dimensions, all boolean.
  const size_t flag_dims = d.dims_.size() - d.first_role_dim_ - d.role_dims_;
  double total = static_cast<double>(placements) * static_cast<double>(scope_choices) *
                 static_cast<double>(d.kinds_.size()) * static_cast<double>(d.role_vectors_.size()) *
                 static_cast<double>(uint64_t{1} << std::min<size_t>(flag_dims, 40));
  if (flag_dims >= 40 || total > static_cast<double>(kMaxDomainPoints)) {
    return absl::ResourceExhaustedError(fmt::format(
        "the request domain for '{}' would have {:.0f} cases (more than {}): its conditions read "
        "too many independent facts",
        action, total, kMaxDomainPoints));
  }
  const size_t dims = d.dims_.size();
  const size_t estimate = static_cast<size_t>(total);
  d.values_.reserve(estimate * dims);
  d.role_vector_of_point_.reserve(estimate);
  d.scope_unit_of_point_.reserve(estimate);
  d.kind_of_point_.reserve(estimate);
  std::vector<uint8_t> values(dims, 0);
  for (size_t p = 0; p < placements; ++p) {
    for (size_t s = 0; s < scope_choices; ++s) {
      for (size_t k = 0; k < d.kinds_.size(); ++k) {
        for (size_t r = 0; r < d.role_vectors_.size(); ++r) {
          for (uint64_t f = 0; f < (uint64_t{1} << flag_dims); ++f) {
            values[d.placement_dim_] = static_cast<uint8_t>(p);
            if (d.scope_unit_dim_ != kNoDim) values[d.scope_unit_dim_] = static_cast<uint8_t>(s);
            if (d.kind_dim_ != kNoDim) values[d.kind_dim_] = static_cast<uint8_t>(k);
            for (size_t i = 0; i < d.role_dims_; ++i) {
              values[d.first_role_dim_ + i] = (d.role_vector_bits_[r] >> i) & 1;
            }
            for (size_t i = 0; i < flag_dims; ++i) {
              values[d.first_role_dim_ + d.role_dims_ + i] = (f >> i) & 1;
            }
            bool consistent = true;
            if (unit_scope) {
              const std::string& scope_unit = d.scope_units_[s];
              for (size_t i = 0; i < d.unit_ids_.size(); ++i) {
                if (d.unit_ids_[i] == scope_unit &&
                    values[d.first_unit_dim_ + i] != (p != 0 ? 1 : 0)) {
                  consistent = false;
                }
              }
            }
            if (!consistent) continue;
            d.values_.insert(d.values_.end(), values.begin(), values.end());
            d.role_vector_of_point_.push_back(static_cast<uint32_t>(r));
            d.scope_unit_of_point_.push_back(static_cast<uint8_t>(s));
            d.kind_of_point_.push_back(static_cast<uint8_t>(k));
            ++d.points_;
          }
        }
      }
    }
  }
  if (d.points_ <= kPrebuiltPoints) {
    d.targets_.resize(d.maps_.size());
    for (size_t m = 0; m < d.maps_.size(); ++m) {
      d.targets_[m].resize(d.points_);
      for (size_t p = 0; p < d.points_; ++p) d.Target(m, p, &d.targets_[m][p]);
    }
  }
  return std::shared_ptr<const Shape>(std::move(shape));
}

void RequestDomain::Shape::Target(size_t m, size_t point, Materialized* out) const {
  const PolicyMap* map = m < maps_.size() ? &maps_[m] : nullptr;
  const uint8_t* values = &values_[point * dims_.size()];
  out->roles.clear();
  out->units.clear();
  out->restricted.clear();
  out->owners.clear();
  if (map != nullptr) {
    for (uint32_t u : role_vectors_[role_vector_of_point_[point]]) {
      out->roles.push_back(map->universe_ids[u]);
    }
  }
  auto flag = [&](size_t dim) { return dim != kNoDim && values[dim] != 0; };
  const uint8_t placement = values[placement_dim_];
  std::string_view scope_unit;
  if (unit_scope_) {
    scope_unit = scope_units_[scope_unit_of_point_[point]];
    if (placement != 0) out->units.push_back(scope_unit);
    if (placement == 2) out->restricted.push_back(scope_unit);
  }
  for (size_t i = 0; i < unit_ids_.size(); ++i) {
    if (values[first_unit_dim_ + i] != 0 && unit_ids_[i] != scope_unit) {
      out->units.push_back(unit_ids_[i]);
    }
  }
  if ((!unit_scope_ && placement == 1) || (unit_scope_ && placement == 3)) {
    out->units.push_back(restricted_unit_);
    out->restricted.push_back(restricted_unit_);
  }
  if (flag(owned_dim_)) out->owners.push_back(kPrincipal);

  out->assignment = Assignment{kNoRole, scope_unit};
  Request& r = out->request;
  r = Request{};
  r.principal_id = kPrincipal;
  r.target.kind = kinds_[kind_of_point_[point]].representative;
  r.target.id = flag(self_dim_) ? kPrincipal : kOtherTarget;
  r.target.roles = out->roles;
  r.target.role_assignable_group_member = flag(rag_dim_);
  r.target.role_scoped_to_restricted_admin_unit = flag(restricted_role_dim_);
  r.target.role_assignable = flag(assignable_dim_);
  r.target.admin_units = out->units;
  r.target.restricted_admin_units = out->restricted;
  r.target.owners = out->owners;
  r.context.mfa = flag(mfa_dim_);
}

void RequestDomain::Materialize(size_t point, RoleRef role, Materialized* out) const {
  const size_t m = shape_->MapIndex(role.policy);
  shape_->Target(m, point, out);
  out->assignment.role = role.role;
  Request& r = out->request;
  r.assignments = absl::Span<const Assignment>(&out->assignment, 1);
  if (m < shape_->maps_.size() && action_ids_[m] != kNoAction) r.action_id = action_ids_[m];
  r.action = action_;
}

bool RequestDomain::Decide(size_t point, RoleRef role, bool at_tenant) const {
  const size_t m = shape_->MapIndex(role.policy);
  const Materialized* target = nullptr;
  if (m < shape_->targets_.size() && !shape_->targets_[m].empty()) {
    target = &shape_->targets_[m][point];
  } else {
    thread_local Materialized scratch;
    shape_->Target(m, point, &scratch);
    target = &scratch;
  }
  Request request = target->request;  // views: no copy of the lists
  const Assignment assignment{role.role, at_tenant ? std::string_view() : target->assignment.admin_unit};
  request.assignments = absl::Span<const Assignment>(&assignment, 1);
  if (m < shape_->maps_.size() && action_ids_[m] != kNoAction) request.action_id = action_ids_[m];
  request.action = action_;
  return role.policy->Check(request) == Decision::kAllow;
}

std::optional<size_t> RequestDomain::Classify(const Policy& policy, const Request& request) const {
  using Kind = ConditionAtom::Kind;
  const PolicyMap* map = shape_->MapOf(&policy);
  if (map == nullptr || request.assignments.size() != 1) return std::nullopt;
  const std::string_view unit = request.assignments[0].admin_unit;
  if (unit.empty() == shape_->unit_scope_) return std::nullopt;
  const Target& t = request.target;
  auto contains = [](absl::Span<const std::string_view> list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  };
  std::vector<uint8_t> want(shape_->dims_.size(), 0);
  const bool restricted = InRestrictedAdminUnit(t);
  if (!shape_->unit_scope_) {
    want[shape_->placement_dim_] = restricted ? 1 : 0;
  } else if (!contains(t.admin_units, unit)) {
    want[shape_->placement_dim_] = 0;
  } else if (!restricted) {
    want[shape_->placement_dim_] = 1;
  } else if (!t.restricted_admin_units.empty()) {
    want[shape_->placement_dim_] = contains(t.restricted_admin_units, unit) ? 2 : 3;
  } else {
    want[shape_->placement_dim_] = t.admin_units.size() == 1 ? 2 : 3;
  }
  size_t scope_choice = 0;
  if (shape_->unit_scope_) {
    scope_choice = shape_->scope_units_.size() - 1;  // another unit
    for (size_t i = 0; i + 1 < shape_->scope_units_.size(); ++i) {
      if (shape_->scope_units_[i] == unit) scope_choice = i;
    }
    if (shape_->scope_unit_dim_ != kNoDim) want[shape_->scope_unit_dim_] = static_cast<uint8_t>(scope_choice);
  }
  if (static_cast<int>(t.kind) >= kTargetKindCount) return std::nullopt;
  if (shape_->kind_dim_ != kNoDim) want[shape_->kind_dim_] = shape_->kind_class_[static_cast<int>(t.kind)];
  std::vector<uint32_t> universe;
  for (RoleId id : shape_->role_atoms_.empty() ? absl::Span<const RoleId>() : t.roles) {
    auto it = std::find(map->universe_ids.begin(), map->universe_ids.end(), id);
    if (it == map->universe_ids.end()) return std::nullopt;
    universe.push_back(static_cast<uint32_t>(it - map->universe_ids.begin()));
  }
  for (size_t i = 0; i < shape_->role_atoms_.size(); ++i) {
    const PolicyAtom& a = shape_->role_atoms_[i];
    const bool within = a.atom.kind == Kind::kTargetRolesWithin;
    bool value = within;
    for (uint32_t u : universe) {
      const RoleId id = shape_->MapOf(a.policy)->universe_ids[u];
      const bool bit = a.atom.kind == Kind::kTargetHasRole ? id == a.atom.role
                                                           : a.policy->RoleSetContains(a.atom.role_set, id);
      value = within ? value && bit : value || bit;
    }
    want[shape_->first_role_dim_ + i] = value ? 1 : 0;
  }
  auto set = [&](size_t dim, bool value) {
    if (dim != kNoDim) want[dim] = value ? 1 : 0;
  };
  set(shape_->rag_dim_, t.role_assignable_group_member);
  set(shape_->restricted_role_dim_, t.role_scoped_to_restricted_admin_unit);
  set(shape_->assignable_dim_, t.role_assignable);
  set(shape_->self_dim_, !request.principal_id.empty() && t.id == request.principal_id);
  set(shape_->owned_dim_, !request.principal_id.empty() && contains(t.owners, request.principal_id));
  set(shape_->mfa_dim_, request.context.mfa);
  for (size_t i = 0; i < shape_->unit_ids_.size(); ++i) set(shape_->first_unit_dim_ + i, contains(t.admin_units, shape_->unit_ids_[i]));
  for (size_t p = 0; p < shape_->points_; ++p) {
    if (std::equal(want.begin(), want.end(), shape_->values_.begin() + static_cast<std::ptrdiff_t>(p * shape_->dims_.size()))) {
      return p;
    }
  }
  return std::nullopt;
}

bool RequestDomain::Allows(size_t point, RoleRef role) const { return Decide(point, role, false); }

bool RequestDomain::AllowsAtTenant(size_t point, RoleRef role) const { return Decide(point, role, true); }

bool RequestDomain::RuleHolds(size_t point, RoleRef role, uint32_t rule) const {
  // The condition alone, as decision steps 3 and 4 run it: the verified image's chunk on the
  // point's request, with the assignment's scope and role (runtime/condition_vm.h). Policy has no
  // public entry for one rule; policy_impl.h lets analysis read the image this way.
  const runtime::ImageView& image = role.policy->impl().image();
  if (rule >= image.rule_count() || role.role >= image.role_count()) return false;
  const uint32_t chunk = image.Rule(rule).chunk;
  if (chunk == runtime::kNone32) return true;
  thread_local Materialized scratch;
  Materialize(point, role, &scratch);
  return runtime::RunCondition(image, chunk, scratch.request, scratch.assignment.admin_unit,
                               scratch.assignment.role);
}

OwnedRequest RequestDomain::TenantWitness(size_t point, RoleRef role) const {
  OwnedRequest owned = Witness(point, role);
  owned.assignments[0].scope = "/";
  return owned;
}

OwnedRequest RequestDomain::Witness(size_t point, RoleRef role) const {
  Materialized m;
  Materialize(point, role, &m);
  const Request& r = m.request;
  OwnedRequest owned;
  owned.principal_id = std::string(r.principal_id);
  OwnedAssignment assignment;
  assignment.role = std::string(role.policy->role(role.role).name);
  assignment.scope = shape_->unit_scope_ ? fmt::format("/administrativeUnits/{}", m.assignment.admin_unit) : "/";
  owned.assignments.push_back(assignment);
  owned.action = action_;
  owned.target.kind = r.target.kind;
  owned.target.id = std::string(r.target.id);
  for (RoleId id : m.roles) owned.target.roles.emplace_back(role.policy->role(id).name);
  owned.target.role_assignable_group_member = r.target.role_assignable_group_member;
  owned.target.role_scoped_to_restricted_admin_unit = r.target.role_scoped_to_restricted_admin_unit;
  owned.target.role_assignable = r.target.role_assignable;
  for (std::string_view unit : m.units) owned.target.admin_units.emplace_back(unit);
  for (std::string_view unit : m.restricted) owned.target.restricted_admin_units.emplace_back(unit);
  for (std::string_view owner : m.owners) owned.target.owners.emplace_back(owner);
  owned.context = r.context;
  return owned;
}

}  // namespace rolec::analysis
