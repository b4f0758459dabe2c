// bench/baseline.cc — the hand-written baseline (see baseline.h).
#include "bench/baseline.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "compiler/stdlib_sources.h"
#include "fmt/format.h"

namespace rolec::bench {
namespace {

using Conjunct = Baseline::Conjunct;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool EqualNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}
std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}
std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}
bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// docs/semantics.md: <namespace>/<entity>/<property path>/<verb>; allEntities matches any entity, an
// entity covers its dotted subtypes, allProperties (the last property segment) any continuation of
// the property segments before it, none included, allTasks any verb; everything else matches itself,
// ASCII case-insensitively.
bool PatternCovers(const std::vector<std::string_view>& p, std::string_view action) {
  std::vector<std::string_view> a = Split(action, '/');
  if (p.size() < 3 || a.size() < 3) return false;
  if (!EqualNoCase(p[0], a[0])) return false;
  std::string_view pe = p[1], ae = a[1];
  if (!EqualNoCase(pe, "allEntities")) {
    bool same = EqualNoCase(pe, ae);
    bool subtype = ae.size() > pe.size() && ae[pe.size()] == '.' && EqualNoCase(ae.substr(0, pe.size()), pe);
    if (!same && !subtype) return false;
  }
  if (!EqualNoCase(p.back(), "allTasks") && !EqualNoCase(p.back(), a.back())) return false;
  // Property path: `allProperties` as its last segment covers any continuation (none included) of
  // the fixed segments before it; otherwise the same segments.
  size_t p_props = p.size() - 3, a_props = a.size() - 3;
  bool open_ended = p_props >= 1 && EqualNoCase(p[p.size() - 2], "allProperties");
  size_t fixed = open_ended ? p_props - 1 : p_props;
  if (open_ended ? a_props < fixed : a_props != fixed) return false;
  for (size_t i = 0; i < fixed; ++i) {
    if (!EqualNoCase(p[2 + i], a[2 + i])) return false;
  }
  return true;
}

void SetBit(RoleMask& mask, uint32_t bit) { mask[bit / 64] |= uint64_t{1} << (bit % 64); }
bool TestBit(const RoleMask& mask, uint32_t bit) { return (mask[bit / 64] >> (bit % 64)) & 1; }

// A role reference as conditions and sets write it: "Name", entra."Name".
std::string_view UnquoteRole(std::string_view ref) {
  ref = Trim(ref);
  size_t dot_quote = ref.find(".\"");
  if (dot_quote != std::string_view::npos) ref = ref.substr(dot_quote + 1);
  if (ref.size() >= 2 && ref.front() == '"' && ref.back() == '"') ref = ref.substr(1, ref.size() - 2);
  return ref;
}

// The builder: parses set definitions and condition texts into bitmask tests.
class ConditionParser {
 public:
  ConditionParser(const Policy& policy, std::vector<RoleMask>& sets) : policy_(policy), sets_(sets) {}

  // `set roles NAME = [ "A", "B", ... ]` definitions of a .role text.
  absl::Status AddSetDefinitions(std::string_view text) {
    constexpr std::string_view kKeyword = "set roles ";
    for (size_t at = text.find(kKeyword); at != std::string_view::npos; at = text.find(kKeyword, at + 1)) {
      if (at > 0 && text[at - 1] != '\n') continue;  // only declarations at the start of a line
      size_t eq = text.find('=', at);
      size_t open = text.find('[', at);
      size_t close = text.find(']', at);
      if (eq == std::string_view::npos || open == std::string_view::npos || close == std::string_view::npos) {
        return absl::InvalidArgumentError("malformed set definition");
      }
      std::string name(Trim(text.substr(at + kKeyword.size(), eq - at - kKeyword.size())));
      absl::StatusOr<int32_t> set = ParseList(text.substr(open + 1, close - open - 1));
      if (!set.ok()) return set.status();
      named_sets_[name] = *set;
    }
    return absl::OkStatus();
  }

  // A condition text as written in a rule or an action's `requires`.
  absl::StatusOr<Conjunct> Parse(std::string_view text) {
    std::string normal;  // whitespace runs collapsed to one space
    for (char c : text) {
      bool space = std::isspace(static_cast<unsigned char>(c));
      if (space && (normal.empty() || normal.back() == ' ')) continue;
      normal += space ? ' ' : c;
    }
    std::string_view rest = Trim(normal);
    if (rest.find('(') != std::string_view::npos || rest.find(" or ") != std::string_view::npos) {
      return Unsupported(text);
    }
    Conjunct out;
    while (!rest.empty()) {
      size_t and_at = FindAnd(rest);
      std::string_view atom = Trim(rest.substr(0, and_at));
      rest = and_at == std::string_view::npos ? std::string_view() : rest.substr(and_at + 5);
      bool negated = false;
      while (StartsWith(atom, "not ")) {
        negated = !negated;
        atom = Trim(atom.substr(4));
      }
      absl::Status status = AddAtom(atom, negated, out);
      if (!status.ok()) return Unsupported(text);
    }
    return out;
  }

 private:
  // " and " outside brackets.
  static size_t FindAnd(std::string_view text) {
    int depth = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '[') ++depth;
      if (text[i] == ']') --depth;
      if (depth == 0 && text.substr(i, 5) == " and ") return i;
    }
    return std::string_view::npos;
  }
  static absl::Status Unsupported(std::string_view text) {
    return absl::InvalidArgumentError(fmt::format("the baseline does not model the condition '{}'", text));
  }

public:
  // The whitespace-collapsed text of a condition, as Parse compares it.
  static std::string Normal(std::string_view text) {
    std::string normal;
    for (char c : text) {
      bool space = std::isspace(static_cast<unsigned char>(c));
      if (space && (normal.empty() || normal.back() == ' ' || normal.back() == '(')) continue;
      normal += space ? ' ' : c;
    }
    while (!normal.empty() && normal.back() == ' ') normal.pop_back();
    return normal;
  }

  // The stdlib's protection rule for the matrix whose sets are named `stem`_... (stdlib/generate.py
  // writes it; docs/semantics.md states it), read as four masks. False if `text` is not that rule.
  bool ParseProtection(std::string_view text, Baseline::Protection* out) {
    for (std::string_view stem : {"password_reset", "sensitive_action"}) {
      const std::string rule = fmt::format(
          "(scope is tenant or target.roles within non_administrator_roles) and (target is self or "
          "((assignment.role in {0}_role_assignable_exempt or not target.role_assignable_group_member) "
          "and (assignment.role in {0}_restricted_au_exempt or not target.restricted_au_role) and "
          "(assignment.role in {0}_admin_actors or target.roles within non_administrator_roles)))",
          stem);
      if (Normal(text) != rule) continue;
      const std::string names[] = {std::string(stem) + "_role_assignable_exempt",
                                   std::string(stem) + "_restricted_au_exempt",
                                   std::string(stem) + "_admin_actors", "non_administrator_roles"};
      RoleMask* masks[] = {&out->role_assignable_exempt, &out->restricted_au_exempt, &out->admin_actors,
                           &out->non_administrators};
      for (int i = 0; i < 4; ++i) {
        absl::StatusOr<int32_t> set = RoleSet(names[i]);
        if (!set.ok()) return false;
        *masks[i] = sets_[*set];
      }
      out->active = true;
      return true;
    }
    return false;
  }

  // `scope is tenant or ...`: always true for the tenant-scoped assignments the baseline models.
  static bool IsTenantScopeRule(std::string_view text) {
    return Normal(text) == "scope is tenant or target.roles within non_administrator_roles";
  }

private:
  absl::StatusOr<int32_t> ParseList(std::string_view members) {
    RoleMask mask{};
    for (std::string_view member : Split(members, ',')) {
      if (Trim(member).empty()) continue;
      std::string name(UnquoteRole(member));
      RoleId id = policy_.FindRole(name);
      if (id == kNoRole) return absl::InvalidArgumentError(fmt::format("unknown role '{}' in a set", name));
      if (id >= kBaselineMaskWords * 64) return absl::InvalidArgumentError("more roles than the baseline's mask");
      SetBit(mask, id);
    }
    sets_.push_back(mask);
    return static_cast<int32_t>(sets_.size() - 1);
  }
  absl::StatusOr<int32_t> RoleSet(std::string_view text) {
    text = Trim(text);
    if (!text.empty() && text.front() == '[' && text.back() == ']') return ParseList(text.substr(1, text.size() - 2));
    if (StartsWith(text, "entra.")) text.remove_prefix(6);
    auto it = named_sets_.find(std::string(text));
    if (it == named_sets_.end()) return absl::InvalidArgumentError(fmt::format("unknown set '{}'", text));
    return it->second;
  }
  static bool KindOf(std::string_view name, uint32_t* kind) {
    TargetKind k;
    if (!ParseTargetKind(Trim(name), &k)) return false;
    *kind = static_cast<uint32_t>(k);
    return true;
  }

  absl::Status AddAtom(std::string_view atom, bool negated, Conjunct& out) {
    static const std::pair<std::string_view, uint32_t> kFlags[] = {
        {"target.role_assignable_group_member", Baseline::kRagMember},
        {"target.role_assignable", Baseline::kRoleAssignable},
        {"target.restricted_au_role", Baseline::kRestrictedAuRole},
        {"target.in_restricted_au", Baseline::kInRestrictedAu},
        {"target is self", Baseline::kSelf},
        {"principal owns target", Baseline::kOwned},
        {"context.mfa", Baseline::kMfa}};
    for (const auto& [name, flag] : kFlags) {
      if (atom == name) {
        (negated ? out.flags_clear : out.flags_set) |= flag;
        return absl::OkStatus();
      }
    }
    if (atom == "true" || atom == "false") {
      out.never |= (atom == "false") != negated;
      return absl::OkStatus();
    }
    if (StartsWith(atom, "target.kind ")) {
      std::string_view rest = atom.substr(12);
      uint32_t kinds = 0, kind = 0;
      if (StartsWith(rest, "== ") && KindOf(rest.substr(3), &kind)) {
        kinds = 1u << kind;
      } else if (StartsWith(rest, "!= ") && KindOf(rest.substr(3), &kind)) {
        kinds = ~(1u << kind);
      } else if (StartsWith(rest, "in [") && rest.back() == ']') {
        for (std::string_view name : Split(rest.substr(4, rest.size() - 5), ',')) {
          if (Trim(name).empty()) continue;
          if (!KindOf(name, &kind)) return Unsupported(atom);
          kinds |= 1u << kind;
        }
      } else {
        return Unsupported(atom);
      }
      kinds &= (1u << kTargetKindCount) - 1;
      if (negated) kinds = ~kinds & ((1u << kTargetKindCount) - 1);
      out.kinds = out.kinds == 0 ? kinds : out.kinds & kinds;
      if (out.kinds == 0) out.never = true;
      return absl::OkStatus();
    }
    if (negated) return Unsupported(atom);  // `not target.roles ...` needs more than one mask test
    if (StartsWith(atom, "target.roles within ") && out.within < 0) {
      absl::StatusOr<int32_t> set = RoleSet(atom.substr(20));
      if (!set.ok()) return set.status();
      out.within = *set;
      return absl::OkStatus();
    }
    if (StartsWith(atom, "target.roles in ") && out.any_of < 0) {
      absl::StatusOr<int32_t> set = RoleSet(atom.substr(16));
      if (!set.ok()) return set.status();
      out.any_of = *set;
      return absl::OkStatus();
    }
    if (StartsWith(atom, "target.roles has ") && out.any_of < 0) {
      absl::StatusOr<int32_t> set = ParseList(atom.substr(17));
      if (!set.ok()) return set.status();
      out.any_of = *set;
      return absl::OkStatus();
    }
    return Unsupported(atom);
  }

  const Policy& policy_;
  std::vector<RoleMask>& sets_;
  std::map<std::string, int32_t> named_sets_;
};

bool Intersects(const RoleMask& a, const RoleMask& b) {
  uint64_t any = 0;
  for (int w = 0; w < kBaselineMaskWords; ++w) any |= a[w] & b[w];
  return any != 0;
}
bool SubsetOf(const RoleMask& a, const RoleMask& b) {
  uint64_t outside = 0;
  for (int w = 0; w < kBaselineMaskWords; ++w) outside |= a[w] & ~b[w];
  return outside == 0;
}

}  // namespace

absl::StatusOr<Baseline> Baseline::Build(const Policy& policy, const std::vector<std::string_view>& set_sources) {
  if (policy.role_count() > kBaselineMaskWords * 64) {
    return absl::InvalidArgumentError(fmt::format("the baseline handles up to {} roles, the policy has {}",
                                                  kBaselineMaskWords * 64, policy.role_count()));
  }
  Baseline b;
  b.policy_ = &policy;
  ConditionParser parser(policy, b.sets_);
  for (std::string_view source : set_sources) {
    absl::Status status = parser.AddSetDefinitions(source);
    if (!status.ok()) return status;
  }

  const uint32_t actions = policy.action_count();
  b.entries_.resize(actions);
  // Actions by lower-cased namespace, so a pattern is matched against its namespace only.
  std::map<std::string, std::vector<uint32_t>> by_namespace;
  for (uint32_t a = 0; a < actions; ++a) {
    ActionInfo info = policy.action(a);
    b.index_.emplace(info.name, a);
    std::string ns(info.name.substr(0, info.name.find('/')));
    for (char& c : ns) c = Lower(c);
    by_namespace[ns].push_back(a);
    if (parser.ParseProtection(info.intrinsic_rule, &b.entries_[a].protection) ||
        ConditionParser::IsTenantScopeRule(info.intrinsic_rule)) {
      // modelled: a protection, or a rule that holds at tenant scope
    } else if (!info.intrinsic_rule.empty()) {
      absl::StatusOr<Conjunct> intrinsic = parser.Parse(info.intrinsic_rule);
      if (!intrinsic.ok()) return intrinsic.status();
      b.entries_[a].has_intrinsic = true;
      b.entries_[a].intrinsic = *intrinsic;
    }
  }

  // Roles share many patterns (extends copies the base's rules): expand each distinct one once.
  std::map<std::string, std::vector<uint32_t>, std::less<>> expansions;
  auto Expand = [&](std::string_view pattern) -> const std::vector<uint32_t>& {
    auto cached = expansions.find(pattern);
    if (cached != expansions.end()) return cached->second;
    std::vector<uint32_t> covered;
    std::string ns(pattern.substr(0, pattern.find('/')));
    for (char& c : ns) c = Lower(c);
    auto candidates = by_namespace.find(ns);
    if (candidates != by_namespace.end()) {
      std::vector<std::string_view> segments = Split(pattern, '/');
      for (uint32_t a : candidates->second) {
        if (PatternCovers(segments, policy.action(a).name)) covered.push_back(a);
      }
    }
    return expansions.emplace(std::string(pattern), std::move(covered)).first->second;
  };

  b.covered_.resize(policy.role_count());
  for (RoleId role = 0; role < policy.role_count(); ++role) {
    // Per covered action: the allow and except conditions of this role's rules that cover it.
    std::map<uint32_t, RoleGrant> grants;
    std::map<uint32_t, bool> unconditional;
    for (uint32_t rule_index : policy.RoleRules(role)) {
      RuleInfo rule = policy.rule(rule_index);
      Conjunct condition;
      if (!rule.condition.empty()) {
        absl::StatusOr<Conjunct> parsed = parser.Parse(rule.condition);
        if (!parsed.ok()) return parsed.status();
        condition = *parsed;
      }
      for (std::string_view pattern : rule.patterns) {
        for (uint32_t a : Expand(pattern)) {
          RoleGrant& grant = grants[a];
          grant.role = role;
          (rule.is_except ? grant.excepts : grant.allows).push_back(condition);
          if (!rule.is_except && rule.condition.empty()) unconditional[a] = true;
        }
      }
    }
    for (auto& [action, grant] : grants) {
      if (grant.allows.empty()) continue;  // excepted but never allowed
      b.covered_[role].push_back(action);
      if (unconditional[action] && grant.excepts.empty()) {
        SetBit(b.entries_[action].outright, role);
      } else {
        b.entries_[action].conditional.push_back(std::move(grant));
      }
    }
  }
  return b;
}

absl::StatusOr<Baseline> Baseline::BuildForStdlib(const Policy& policy) {
  std::vector<std::string_view> sources;
  for (const compiler::EmbeddedSource& source : compiler::StdlibSources()) sources.push_back(source.text);
  return Build(policy, sources);
}

absl::StatusOr<BaselineRequest> Baseline::Prepare(const OwnedRequest& request) const {
  BaselineRequest r;
  for (const OwnedAssignment& assignment : request.assignments) {
    if (assignment.scope != "/") return absl::InvalidArgumentError("the baseline models tenant scope only");
    RoleId id = policy_->FindRole(assignment.role);
    if (id == kNoRole) return absl::InvalidArgumentError(fmt::format("unknown role '{}'", assignment.role));
    SetBit(r.principal, id);
  }
  const OwnedTarget& t = request.target;
  if (!t.admin_units.empty() || !t.owners.empty()) {
    return absl::InvalidArgumentError("the baseline does not model administrative units or owners");
  }
  for (const std::string& name : t.roles) {
    RoleId id = policy_->FindRole(name);
    if (id == kNoRole) return absl::InvalidArgumentError(fmt::format("unknown role '{}'", name));
    SetBit(r.target_roles, id);
  }
  r.target_kind = static_cast<uint8_t>(t.kind);
  r.target_flags = (t.role_assignable_group_member ? kRagMember : 0) | (t.role_assignable ? kRoleAssignable : 0) |
                   (t.role_scoped_to_restricted_admin_unit ? kRestrictedAuRole : 0) |
                   (t.in_restricted_admin_unit ? kInRestrictedAu : 0) |
                   (!t.id.empty() && t.id == request.principal_id ? kSelf : 0) | (request.context.mfa ? kMfa : 0);
  if (t.in_restricted_admin_unit) {
    return absl::InvalidArgumentError("the baseline does not model restricted administrative units");
  }
  r.action = request.action;
  auto it = index_.find(std::string_view(request.action));
  r.action_id = it == index_.end() ? 0xFFFFFFFFu : it->second;
  return r;
}

bool Baseline::Holds(const Conjunct& c, const BaselineRequest& r) const {
  if (c.never) return false;
  if ((r.target_flags & c.flags_set) != c.flags_set || (r.target_flags & c.flags_clear) != 0) return false;
  if (c.kinds != 0 && !((c.kinds >> r.target_kind) & 1)) return false;
  if (c.within >= 0 && !SubsetOf(r.target_roles, sets_[c.within])) return false;
  if (c.any_of >= 0 && !Intersects(r.target_roles, sets_[c.any_of])) return false;
  return true;
}

RoleMask Baseline::Permitted(const Protection& p, const BaselineRequest& r) const {
  RoleMask permitted;
  permitted.fill(~uint64_t{0});
  if (!p.active || (r.target_flags & kSelf) != 0) return permitted;
  auto keep = [&](const RoleMask& mask) {
    for (int w = 0; w < kBaselineMaskWords; ++w) permitted[w] &= mask[w];
  };
  if ((r.target_flags & kRagMember) != 0) keep(p.role_assignable_exempt);
  if ((r.target_flags & kRestrictedAuRole) != 0) keep(p.restricted_au_exempt);
  if (!SubsetOf(r.target_roles, p.non_administrators)) keep(p.admin_actors);
  return permitted;
}

bool Baseline::Decide(uint32_t action, const BaselineRequest& r) const {
  const Entry& e = entries_[action];
  if (e.has_intrinsic && !Holds(e.intrinsic, r)) return false;
  RoleMask principal = r.principal;
  if (e.protection.active) {
    const RoleMask permitted = Permitted(e.protection, r);
    for (int w = 0; w < kBaselineMaskWords; ++w) principal[w] &= permitted[w];
  }
  if (Intersects(principal, e.outright)) return true;
  for (const RoleGrant& g : e.conditional) {
    if (!TestBit(principal, g.role)) continue;
    bool allowed = false;
    for (const Conjunct& c : g.allows) allowed = allowed || Holds(c, r);
    if (!allowed) continue;
    bool excepted = false;
    for (const Conjunct& c : g.excepts) excepted = excepted || Holds(c, r);
    if (!excepted) return true;
  }
  return false;
}

bool Baseline::Check(const BaselineRequest& request) const {
  auto it = index_.find(request.action);
  // Outside the catalog: the workload only sends catalog actions, so no slow path is needed.
  if (it == index_.end()) return false;
  return Decide(it->second, request);
}

bool Baseline::CheckId(const BaselineRequest& request) const {
  if (request.action_id >= entries_.size()) return false;
  return Decide(request.action_id, request);
}

std::vector<uint32_t> Baseline::CoveredActions(RoleId role) const {
  return role < covered_.size() ? covered_[role] : std::vector<uint32_t>{};
}

}  // namespace rolec::bench
