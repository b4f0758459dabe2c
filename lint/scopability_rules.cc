// lint/scopability_rules.cc — au-scopable-without-members and au-tenant-only-permission.
//
// What an assignment at an administrative unit reaches is decision step 1 (docs/semantics.md
// §Administrative units): actions on users, groups and devices (runtime::IsAdminUnitMemberAction)
// and a member device's BitLocker key read (runtime::IsBitLockerKeyRead) — the same functions the
// evaluator calls. Source: admin-units-assign-roles.md, "role permissions apply only when managing
// members of the administrative unit itself, and don't apply to tenant-wide settings or
// configurations", and "any custom role can be assigned with administrative unit scope as long as
// the custom role's permissions include at least one permission relevant to users, groups, or
// devices".
#include "lint/scopability_rules.h"

#include <set>
#include <string>

#include "fmt/format.h"
#include "rolec/analysis.hpp"
#include "runtime/action_pattern.h"

namespace rolec::lint {
namespace {

using compiler::IrRole;
using compiler::IrRule;

bool ReachedAtUnit(std::string_view action) {
  const runtime::ActionSegments segments = runtime::SplitAction(action);
  return runtime::IsAdminUnitMemberAction(segments) || runtime::IsBitLockerKeyRead(segments);
}

bool SameSpan(const SourceSpan& a, const SourceSpan& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column;
}

// What a pattern grants that a unit assignment never reaches: the catalog actions it covers that
// are not on users, groups or devices, of how many; a pattern outside the catalog by its own name.
struct Unreached {
  std::vector<std::string_view> actions;  // first few, for the message
  size_t count = 0;
  size_t of = 0;
};

Unreached UnreachedBy(compiler::Frontend& fe, std::string_view pattern) {
  Unreached out;
  const std::vector<ActionId>& covered = fe.catalog->Expand(pattern);
  if (covered.empty()) {
    out.of = 1;
    if (!ReachedAtUnit(pattern)) {
      out.count = 1;
      out.actions.push_back(pattern);
    }
    return out;
  }
  out.of = covered.size();
  for (ActionId a : covered) {
    const std::string& name = fe.program.actions[a].name;
    if (ReachedAtUnit(name)) continue;
    if (out.count++ < 2) out.actions.push_back(name);
  }
  return out;
}

// Whether the policy's rule written at `span` of `policy_role` can never hold at unit scope.
bool NeverAtUnit(const Policy* policy, RoleId policy_role, const SourceSpan& span) {
  if (policy == nullptr || policy_role == kNoRole) return false;
  for (uint32_t index : policy->RoleRules(policy_role)) {
    const RuleInfo info = policy->rule(index);
    if (info.condition.empty() || info.source.file != span.file || info.source.line != span.line ||
        info.source.column != span.column) {
      continue;
    }
    absl::StatusOr<analysis::ConditionCases> cases = analysis::RuleConditionCases(*policy, index);
    return cases.ok() && cases->unit_of > 0 && cases->unit_true == 0;
  }
  return false;
}

constexpr char kUnitHelp[] =
    "at a unit a role grants only its permissions on the unit's users, groups and devices "
    "(admin-units-assign-roles.md: they \"don't apply to tenant-wide settings or configurations\"); "
    "grant this through a tenant-wide assignment of another role, or keep it out of the role "
    "assigned at units";

}  // namespace

std::vector<RuleFinding> ScopabilityFindings(compiler::Frontend& fe, RoleId id, const Policy* policy,
                                             RoleId policy_role) {
  std::vector<RuleFinding> out;
  const IrRole& role = fe.program.roles[id];
  const compiler::RoleSymbol& symbol = fe.symbols->roles()[id];
  const grammar::RoleDecl& decl = *symbol.decl;
  if (decl.admin_unit_scopable != std::optional<bool>(true)) return out;

  if (!role.admin_unit_scopable) {
    // The compiler's W0503: Entra refuses to assign the role at a unit.
    std::string bases;
    for (RoleId base : symbol.extends) {
      bases += fmt::format("{}'{}'", bases.empty() ? "" : ", ", fe.program.roles[base].name);
    }
    out.push_back(
        {"au-scopable-without-members", decl.admin_unit_scopable_span,
         fmt::format("role '{}' says 'admin_unit_scopable true' but holds no permission on users, groups "
                     "or devices{}, so it cannot be assigned at an administrative unit",
                     role.name, bases.empty() ? "" : fmt::format(" (those it takes from {} included)", bases)),
         "delete `admin_unit_scopable true` (the role is then tenant-only, as rolec already treats it), or "
         "grant the user, group or device permissions its unit administrators need; Entra assigns a "
         "custom role at a unit only if it holds one (admin-units-assign-roles.md)"});
    return out;
  }

  // Scopable, and said so: what of it a unit assignment never reaches. Own grants at the pattern
  // (or the set it came through), inherited ones once per role extended.
  for (const grammar::RuleDecl& rule : decl.rules) {
    if (rule.is_except) continue;
    const IrRule* ir = nullptr;
    for (const IrRule& candidate : role.rules) {
      if (!candidate.is_except && SameSpan(candidate.span, rule.span)) ir = &candidate;
    }
    if (ir == nullptr || NeverAtUnit(policy, policy_role, rule.span)) continue;
    for (const std::string& pattern : ir->patterns) {
      const Unreached unreached = UnreachedBy(fe, pattern);
      if (unreached.count == 0) continue;
      SourceSpan span = rule.span;
      std::string via = " (through an action set)";
      for (const grammar::ActionItem& item : rule.actions) {
        const auto* path = std::get_if<grammar::ActionPath>(&item.value);
        if (path != nullptr && compiler::ToLower(path->text) == compiler::ToLower(pattern)) {
          span = path->span;
          via.clear();
          break;
        }
      }
      if (!via.empty()) {
        for (const grammar::ActionItem& item : rule.actions) {
          if (const auto* name = std::get_if<grammar::Name>(&item.value)) {
            span = name->span;
            break;
          }
        }
      }
      const std::string what =
          unreached.count == unreached.of
              ? fmt::format("'{}'{} does nothing", pattern, via)
              : fmt::format("'{}'{} covers {} catalog actions that do nothing (e.g. '{}')", pattern, via,
                            unreached.count, unreached.actions.front());
      out.push_back({"au-tenant-only-permission", span,
                     fmt::format("{} when role '{}' is assigned at an administrative unit: a unit assignment "
                                 "reaches only the unit's users, groups and devices",
                                 what, role.name),
                     kUnitHelp});
    }
  }
  for (size_t i = 0; i < decl.extends.size() && i < symbol.extends.size(); ++i) {
    const IrRole& base = fe.program.roles[symbol.extends[i]];
    // Distinct catalog actions (and patterns outside the catalog) of the base's allows.
    std::set<std::string> all, unreached;
    for (const IrRule& rule : base.rules) {
      if (rule.is_except) continue;
      for (const std::string& pattern : rule.patterns) {
        const std::vector<ActionId>& covered = fe.catalog->Expand(pattern);
        if (covered.empty()) {
          all.insert(compiler::ToLower(pattern));
          if (!ReachedAtUnit(pattern)) unreached.insert(pattern);
        }
        for (ActionId a : covered) {
          const std::string& name = fe.program.actions[a].name;
          all.insert(compiler::ToLower(name));
          if (!ReachedAtUnit(name)) unreached.insert(name);
        }
      }
    }
    const size_t count = unreached.size(), of = all.size();
    const std::string example = count == 0 ? "" : *unreached.begin();
    if (count == 0) continue;
    out.push_back({"au-tenant-only-permission", decl.extends[i].span,
                   fmt::format("{} of the {} permissions role '{}' takes from '{}' do nothing when it is "
                               "assigned at an administrative unit (e.g. '{}'): a unit assignment reaches "
                               "only the unit's users, groups and devices",
                               count, of, role.name, base.name, example),
                   kUnitHelp});
  }
  return out;
}

}  // namespace rolec::lint
