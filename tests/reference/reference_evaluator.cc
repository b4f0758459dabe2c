#include "reference/reference_evaluator.h"

#include <algorithm>
#include <vector>

#include "compiler/catalog_index.h"
#include "runtime/action_pattern.h"

namespace rolec::compiler {
namespace {

std::vector<std::string> Segments(std::string_view text) {
  std::vector<std::string> out;
  std::string lower = ToLower(text);
  size_t start = 0;
  while (true) {
    size_t slash = lower.find('/', start);
    out.push_back(lower.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

bool Contains(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool InSet(const std::vector<RoleId>& set, RoleId role) {
  return std::find(set.begin(), set.end(), role) != set.end();
}

}  // namespace

bool ReferenceEvaluator::Matches(std::string_view pattern, std::string_view action) {
  std::vector<std::string> p = Segments(pattern);
  std::vector<std::string> a = Segments(action);
  if (p.size() < 3 || a.size() < 3) return false;
  if (p[0] != a[0]) return false;
  bool entity = p[1] == "allentities" || p[1] == a[1] ||
                (a[1].size() > p[1].size() && a[1].compare(0, p[1].size(), p[1]) == 0 &&
                 a[1][p[1].size()] == '.');
  if (!entity) return false;
  if (p.back() != "alltasks" && p.back() != a.back()) return false;
  std::vector<std::string> pm(p.begin() + 2, p.end() - 1);
  std::vector<std::string> am(a.begin() + 2, a.end() - 1);
  if (!pm.empty() && pm.back() == "allproperties") {
    // A fixed prefix, then any continuation (including none).
    pm.pop_back();
    return am.size() >= pm.size() && std::equal(pm.begin(), pm.end(), am.begin());
  }
  return pm == am;
}

ReferenceEvaluator::ReferenceEvaluator(const Program& program) : program_(program) {
  for (const IrRole& role : program.roles) {
    role_names_.push_back(ToLower(role.name));
    role_ids_.push_back(ToLower(role.template_id));
  }
  for (const IrAction& action : program.actions) action_names_.push_back(ToLower(action.name));
}

RoleId ReferenceEvaluator::FindRole(std::string_view name_or_id) const {
  std::string key = ToLower(name_or_id);
  for (RoleId id = 0; id < role_names_.size(); ++id) {
    if (role_names_[id] == key || (!role_ids_[id].empty() && role_ids_[id] == key)) return id;
  }
  return kNoRole;
}

bool ReferenceEvaluator::Holds(const Cond& c, const OwnedRequest& request,
                               const std::vector<RoleId>& target_roles, const Held& held) const {
  const std::string_view admin_unit = held.admin_unit;
  using K = Cond::Kind;
  const OwnedTarget& t = request.target;
  switch (c.kind) {
    case K::kTrue: return true;
    case K::kFalse: return false;
    case K::kNot: return !Holds(c.operands[0], request, target_roles, held);
    case K::kAnd:
      for (const Cond& o : c.operands) {
        if (!Holds(o, request, target_roles, held)) return false;
      }
      return true;
    case K::kOr:
      for (const Cond& o : c.operands) {
        if (Holds(o, request, target_roles, held)) return true;
      }
      return false;
    case K::kTargetKindIs: return t.kind == c.target_kind;
    case K::kTargetRolesWithin:
      for (RoleId r : target_roles) {
        if (!InSet(program_.role_sets[c.index].members, r)) return false;
      }
      return true;
    case K::kTargetRolesAny:
      for (RoleId r : target_roles) {
        if (InSet(program_.role_sets[c.index].members, r)) return true;
      }
      return false;
    case K::kTargetHasRole: return InSet(target_roles, c.index);
    case K::kTargetRagMember: return t.role_assignable_group_member;
    case K::kTargetRestrictedAuRole: return t.role_scoped_to_restricted_admin_unit;
    case K::kTargetInRestrictedAu:
      return t.in_restricted_admin_unit || !t.restricted_admin_units.empty();
    case K::kTargetRoleAssignable: return t.role_assignable;
    case K::kTargetInAdminUnit: return Contains(t.admin_units, c.text);
    case K::kTargetIsSelf: return !request.principal_id.empty() && t.id == request.principal_id;
    case K::kPrincipalOwnsTarget:
      return !request.principal_id.empty() && Contains(t.owners, request.principal_id);
    case K::kScopeIsTenant: return admin_unit.empty();
    case K::kScopeAdminUnitIs: return !admin_unit.empty() && admin_unit == c.text;
    case K::kContextMfa: return request.context.mfa;
    case K::kAssignmentRoleIn: return InSet(program_.role_sets[c.index].members, held.role);
  }
  return false;
}

namespace {

// docs/semantics.md §Reads and modifications, written again from the page (not shared with the
// runtime's IsReadVerb).
bool IsRead(const std::vector<std::string>& segments) {
  const std::string& verb = segments.back();  // lower-cased
  auto starts = [&](const std::string& p) { return verb.compare(0, p.size(), p) == 0; };
  auto ends = [&](const std::string& s) {
    return verb.size() >= s.size() && verb.compare(verb.size() - s.size(), s.size(), s) == 0;
  };
  return starts("read") || starts("get") || ends("read");
}

// docs/semantics.md §Administrative units: the actions an AU-scoped assignment can reach.
bool IsMemberAction(const std::vector<std::string>& segments) {
  if (segments.size() < 3 || segments[0] != "microsoft.directory") return false;
  std::string family = segments[1].substr(0, segments[1].find('.'));
  return family == "users" || family == "groups" || family == "devices";
}

// admin-units-restricted-management.md: a restricted unit keeps its devices' BitLocker recovery
// keys from tenant-wide admins and gives them to the unit's own.
bool IsBitLockerKeyRead(const std::vector<std::string>& segments) {
  return segments.size() == 4 && segments[0] == "microsoft.directory" &&
         segments[1] == "bitlockerkeys" && segments[2] == "key" && segments[3] == "read";
}

bool IsMemberKind(TargetKind kind) {
  return kind == TargetKind::kUser || kind == TargetKind::kGroup || kind == TargetKind::kDevice;
}

bool IsKeyword(const std::string& segment) {
  return segment == "allentities" || segment == "allproperties" || segment == "alltasks";
}

}  // namespace

Decision ReferenceEvaluator::Evaluate(const OwnedRequest& request) const {
  if (!runtime::PatternError(request.action).empty()) return Decision::kDeny;
  std::vector<RoleId> target_roles;
  for (const std::string& name : request.target.roles) {
    RoleId id = FindRole(name);
    if (id == kNoRole) return Decision::kDeny;
    target_roles.push_back(id);
  }
  std::vector<Held> held;
  for (const OwnedAssignment& a : request.assignments) {
    RoleId id = FindRole(a.role);
    if (id == kNoRole) return Decision::kDeny;
    std::string admin_unit;
    if (a.scope == "/") {
      // tenant
    } else if (a.scope.rfind("/administrativeUnits/", 0) == 0 &&
               a.scope.size() > std::string("/administrativeUnits/").size() &&
               a.scope.find('/', std::string("/administrativeUnits/").size()) == std::string::npos) {
      admin_unit = a.scope.substr(std::string("/administrativeUnits/").size());
      // A role that cannot be assigned at a unit makes the whole request an error.
      if (!program_.roles[id].admin_unit_scopable) return Decision::kDeny;
    } else {
      return Decision::kDeny;
    }
    held.push_back({id, admin_unit});
  }
  std::vector<std::string> query = Segments(request.action);
  bool keyword = false;
  for (const std::string& segment : query) keyword = keyword || IsKeyword(segment);
  if (!keyword) return Allows(request, request.action, target_roles, held);
  // docs/semantics.md §Keyword queries: every catalog action the query denotes, and its witness
  // (each keyword replaced by a name no catalog or pattern holds) must be allowed.
  for (ActionId id = 0; id < program_.actions.size(); ++id) {
    if (Matches(request.action, program_.actions[id].name) &&
        Allows(request, program_.actions[id].name, target_roles, held) != Decision::kAllow) {
      return Decision::kDeny;
    }
  }
  std::string witness;
  for (size_t i = 0; i < query.size(); ++i) {
    if (i > 0) witness += '/';
    witness += IsKeyword(query[i]) ? std::string("*") : query[i];
  }
  return Allows(request, witness, target_roles, held);
}

Decision ReferenceEvaluator::Allows(const OwnedRequest& request, std::string_view action_text,
                                    const std::vector<RoleId>& target_roles,
                                    const std::vector<Held>& held) const {
  const IrAction* catalog_action = nullptr;
  const std::string action = ToLower(action_text);
  for (ActionId id = 0; id < action_names_.size(); ++id) {
    if (action_names_[id] == action) {
      catalog_action = &program_.actions[id];
      break;
    }
  }
  const std::vector<std::string> segments = Segments(action_text);
  const bool is_read = IsRead(segments);
  for (const Held& h : held) {
    if (!h.admin_unit.empty() &&
        (!Contains(request.target.admin_units, h.admin_unit) || !IsMemberKind(request.target.kind) ||
         !(IsMemberAction(segments) ||
           (request.target.kind == TargetKind::kDevice && IsBitLockerKeyRead(segments))))) {
      continue;
    }
    // A restricted unit: modifications and key reads only through an assignment scoped to a unit
    // named restricted, or, when none is named, to the target's only unit.
    const auto& restricted = request.target.restricted_admin_units;
    if ((request.target.in_restricted_admin_unit || !restricted.empty()) &&
        (!is_read || IsBitLockerKeyRead(segments))) {
      if (h.admin_unit.empty()) continue;
      if (!restricted.empty() && !Contains(restricted, h.admin_unit)) continue;
      if (restricted.empty() && request.target.admin_units.size() != 1) continue;
    }
    bool allowed = false;
    bool excepted = false;
    for (const IrRule& rule : program_.roles[h.role].rules) {
      bool covers = false;
      for (const std::string& pattern : rule.patterns) covers = covers || Matches(pattern, action_text);
      if (!covers) continue;
      bool holds = !rule.condition || Holds(*rule.condition, request, target_roles, h);
      if (!holds) continue;
      (rule.is_except ? excepted : allowed) = true;
    }
    if (!allowed || excepted) continue;
    if (catalog_action != nullptr && catalog_action->intrinsic &&
        !Holds(*catalog_action->intrinsic, request, target_roles, h)) {
      continue;
    }
    return Decision::kAllow;
  }
  return Decision::kDeny;
}

}  // namespace rolec::compiler
