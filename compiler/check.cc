#include "compiler/check.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "rolec/request.hpp"
#include "runtime/action_pattern.h"

namespace rolec::compiler {
namespace {

using grammar::PredicateOp;
using grammar::Value;

std::string SubjectText(const std::vector<std::string>& subject) {
  std::string out;
  for (const std::string& part : subject) {
    if (!out.empty()) out += '.';
    out += part;
  }
  return out;
}

std::string_view OpText(PredicateOp op) {
  switch (op) {
    case PredicateOp::kNone: return "";
    case PredicateOp::kEq: return "==";
    case PredicateOp::kNe: return "!=";
    case PredicateOp::kIn: return "in";
    case PredicateOp::kWithin: return "within";
    case PredicateOp::kHas: return "has";
    case PredicateOp::kIs: return "is";
    case PredicateOp::kOwns: return "owns";
  }
  return "?";
}

Cond Leaf(Cond::Kind kind) {
  Cond c;
  c.kind = kind;
  return c;
}

Cond Not(Cond operand) {
  Cond c = Leaf(Cond::Kind::kNot);
  c.operands.push_back(std::move(operand));
  return c;
}

// A value used as a name: a bare identifier, a qualified name or a string (a quoted role name).
std::optional<grammar::Name> ValueAsName(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kName: return value.name;
    case Value::Kind::kIdent: {
      grammar::Name n;
      n.text = value.text;
      n.span = value.span;
      return n;
    }
    case Value::Kind::kString: {
      grammar::Name n;
      n.text = value.text;
      n.quoted = true;
      n.span = value.span;
      return n;
    }
    default: return std::nullopt;
  }
}

const char* kKnownPredicates =
    "target.kind, target.roles, target.role_assignable_group_member, target.restricted_au_role, "
    "target.in_restricted_au, target.role_assignable, target.admin_units, target is self, "
    "principal owns target, scope is tenant|admin_unit, scope.admin_unit, assignment.role in SET, "
    "context.mfa";

const char* kTargetKinds =
    "user, group, device, application, servicePrincipal, administrativeUnit, roleDefinition, other";

class Checker {
 public:
  Checker(const std::vector<ParsedFile>& files, const SymbolTable& symbols, CatalogIndex& catalog,
          DiagnosticSink& sink)
      : files_(files), symbols_(symbols), catalog_(catalog), sink_(sink) {}

  Program Run() {
    CollectStdlibPatterns();
    // Sets first: an action's intrinsic rule may name a role set (`assignment.role in S`).
    DeclareRoleSets();
    CheckActions();
    CheckRoles();
    CheckPrivilegedLabels();
    CheckAdminUnitScopability();
    CheckTests();
    return std::move(program_);
  }

 private:
  // Patterns and namespaces the stdlib's own roles use: Entra publishes many permissions only as
  // patterns (microsoft.directory/auditLogs/allProperties/read, microsoft.office365.serviceHealth/
  // allEntities/allTasks) with no concrete action to list, so using them is no reason to warn.
  void CollectStdlibPatterns() {
    for (const ParsedFile& file : files_) {
      if (!file.from_stdlib) continue;
      for (const grammar::Item& item : file.ast->items) {
        const auto* role = std::get_if<grammar::RoleDecl>(&item);
        if (role == nullptr) continue;
        for (const grammar::RuleDecl& rule : role->rules) {
          for (const grammar::ActionItem& action : rule.actions) {
            const auto* path = std::get_if<grammar::ActionPath>(&action.value);
            if (path == nullptr) continue;
            std::string lower = ToLower(path->text);
            known_namespaces_.insert(lower.substr(0, lower.find('/')));
            known_patterns_.insert(std::move(lower));
          }
        }
      }
    }
  }

  // ---- catalog ----------------------------------------------------------------------------------
  void CheckActions() {
    for (const ActionSymbol& symbol : symbols_.actions()) {
      const grammar::ActionDecl& decl = *symbol.decl;
      IrAction action;
      action.name = decl.path.text;
      action.span = decl.path.span;
      std::string error = runtime::ActionError(decl.path.text);
      if (!error.empty()) {
        sink_.Error("E0202", decl.path.span,
                    fmt::format("catalog action '{}' is malformed: {}", decl.path.text, error),
                    "catalog entries are concrete actions: no allEntities/allProperties/allTasks");
      }
      action.description = decl.description.value_or(decl.doc);
      action.privileged = decl.privileged.value_or(false);
      action.custom_allowed = decl.custom_allowed.value_or(false);
      action.protected_action = decl.protected_action.value_or(false);
      if (decl.requires_condition) {
        action.intrinsic = TypeCondition(*decl.requires_condition, *symbol.file);
        action.intrinsic_text = decl.requires_condition->text;
      }
      program_.actions.push_back(std::move(action));
    }
  }

  // ---- sets -------------------------------------------------------------------------------------
  void DeclareRoleSets() {
    for (const ParsedFile& file : files_) {
      for (const grammar::Item& item : file.ast->items) {
        const auto* set = std::get_if<grammar::SetDecl>(&item);
        if (set == nullptr || set->kind != grammar::SetDecl::Kind::kRoles) continue;
        std::vector<RoleId> members;
        for (const grammar::Name& name : set->roles) {
          RoleId id = symbols_.ResolveRole(name, file, sink_);
          if (id != kNoRole) members.push_back(id);
        }
        named_set_index_[set] = AddRoleSet(fmt::format("{}.{}", file.module, set->name), members);
      }
    }
  }

  uint32_t AddRoleSet(std::string name, std::vector<RoleId> members) {
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    program_.role_sets.push_back({std::move(name), std::move(members)});
    return static_cast<uint32_t>(program_.role_sets.size() - 1);
  }

  // A role set operand: a `set roles` name or a literal list of role references.
  std::optional<uint32_t> RoleSetOperand(const Value& value, const ParsedFile& file) {
    if (value.kind == Value::Kind::kList) {
      std::vector<RoleId> members;
      std::vector<std::string> names;
      bool ok = true;
      for (const Value& item : value.items) {
        std::optional<grammar::Name> name = ValueAsName(item);
        if (!name || !name->quoted) {
          sink_.Error("E0303", item.span, "expected a role name (a string) in a role list",
                      "write role names in quotes: [\"Directory Readers\", entra.\"Guest Inviter\"]");
          ok = false;
          continue;
        }
        RoleId id = symbols_.ResolveRole(*name, file, sink_);
        if (id == kNoRole) {
          ok = false;
          continue;
        }
        members.push_back(id);
        names.push_back(fmt::format("\"{}\"", symbols_.roles()[id].decl->name.text));
      }
      if (!ok) return std::nullopt;
      std::sort(members.begin(), members.end());
      members.erase(std::unique(members.begin(), members.end()), members.end());
      auto it = literal_sets_.find(members);
      if (it != literal_sets_.end()) return it->second;
      std::string label = "[";
      for (size_t i = 0; i < names.size(); ++i) label += (i ? ", " : "") + names[i];
      label += "]";
      uint32_t index = AddRoleSet(label, members);
      literal_sets_.emplace(members, index);
      return index;
    }
    std::optional<grammar::Name> name = ValueAsName(value);
    if (!name || name->quoted) {
      sink_.Error("E0303", value.span, "expected a role set: a 'set roles' name or a [list] of roles",
                  "to test a single role use 'target.roles has \"Role Name\"'");
      return std::nullopt;
    }
    const SetSymbol* set = symbols_.ResolveSet(*name, file, sink_);
    if (set == nullptr) return std::nullopt;
    if (set->decl->kind != grammar::SetDecl::Kind::kRoles) {
      sink_.Error("E0218", name->span,
                  fmt::format("'{}' is a set of actions, but a set of roles is needed here", name->text));
      return std::nullopt;
    }
    return named_set_index_.at(set->decl);
  }

  // ---- conditions -------------------------------------------------------------------------------
  std::optional<Cond> TypeCondition(const grammar::Condition& c, const ParsedFile& file) {
    using K = grammar::Condition::Kind;
    switch (c.kind) {
      case K::kTrue: return Leaf(Cond::Kind::kTrue);
      case K::kFalse: return Leaf(Cond::Kind::kFalse);
      case K::kNot: {
        std::optional<Cond> operand = TypeCondition(*c.operands.at(0), file);
        if (!operand) return std::nullopt;
        return Not(std::move(*operand));
      }
      case K::kAnd:
      case K::kOr: {
        Cond out = Leaf(c.kind == K::kAnd ? Cond::Kind::kAnd : Cond::Kind::kOr);
        bool ok = true;
        for (const grammar::ConditionPtr& operand : c.operands) {
          std::optional<Cond> typed = TypeCondition(*operand, file);
          if (typed) out.operands.push_back(std::move(*typed));
          else ok = false;
        }
        if (!ok) return std::nullopt;
        return out;
      }
      case K::kPredicate: return TypePredicate(c, file);
    }
    return std::nullopt;
  }

  void OperatorError(const grammar::Condition& c, std::string_view expected) {
    const grammar::Predicate& p = c.predicate;
    sink_.Error("E0302", c.span,
                fmt::format("operator '{}' cannot be used with '{}'",
                            p.op == PredicateOp::kNone ? "(none)" : OpText(p.op), SubjectText(p.subject)),
                fmt::format("write {}", expected));
  }

  std::optional<Cond> TypePredicate(const grammar::Condition& c, const ParsedFile& file) {
    const grammar::Predicate& p = c.predicate;
    const std::string subject = SubjectText(p.subject);
    const Value* value = p.value ? &*p.value : nullptr;
    auto flag = [&](Cond::Kind kind, std::string_view usage) -> std::optional<Cond> {
      if (p.op != PredicateOp::kNone) {
        OperatorError(c, usage);
        return std::nullopt;
      }
      return Leaf(kind);
    };
    if (subject == "target.kind") {
      auto kind_of = [&](const Value& v) -> std::optional<TargetKind> {
        TargetKind kind;
        if (v.kind != Value::Kind::kIdent || !ParseTargetKind(v.text, &kind) ||
            kind == TargetKind::kUnspecified) {
          sink_.Error("E0304", v.span, fmt::format("unknown target kind '{}'", v.text),
                      fmt::format("target kinds are: {}", kTargetKinds));
          return std::nullopt;
        }
        return kind;
      };
      if ((p.op == PredicateOp::kEq || p.op == PredicateOp::kNe) && value) {
        std::optional<TargetKind> kind = kind_of(*value);
        if (!kind) return std::nullopt;
        Cond leaf = Leaf(Cond::Kind::kTargetKindIs);
        leaf.target_kind = *kind;
        return p.op == PredicateOp::kEq ? leaf : Not(std::move(leaf));
      }
      if (p.op == PredicateOp::kIn && value && value->kind == Value::Kind::kList && !value->items.empty()) {
        Cond any = Leaf(Cond::Kind::kOr);
        for (const Value& item : value->items) {
          std::optional<TargetKind> kind = kind_of(item);
          if (!kind) return std::nullopt;
          Cond leaf = Leaf(Cond::Kind::kTargetKindIs);
          leaf.target_kind = *kind;
          any.operands.push_back(std::move(leaf));
        }
        if (any.operands.size() == 1) return std::move(any.operands[0]);
        return any;
      }
      OperatorError(c, "'target.kind == user', 'target.kind != group' or 'target.kind in [user, group]'");
      return std::nullopt;
    }
    if (subject == "target.roles") {
      if ((p.op == PredicateOp::kWithin || p.op == PredicateOp::kIn) && value) {
        std::optional<uint32_t> set = RoleSetOperand(*value, file);
        if (!set) return std::nullopt;
        Cond leaf = Leaf(p.op == PredicateOp::kWithin ? Cond::Kind::kTargetRolesWithin
                                                      : Cond::Kind::kTargetRolesAny);
        leaf.index = *set;
        return leaf;
      }
      if (p.op == PredicateOp::kHas && value) {
        std::optional<grammar::Name> name = ValueAsName(*value);
        if (!name || !name->quoted) {
          sink_.Error("E0303", value->span, "expected a role name (a string) after 'has'",
                      "to test a set of roles use 'target.roles in SET' or 'target.roles within SET'");
          return std::nullopt;
        }
        RoleId id = symbols_.ResolveRole(*name, file, sink_);
        if (id == kNoRole) return std::nullopt;
        Cond leaf = Leaf(Cond::Kind::kTargetHasRole);
        leaf.index = id;
        return leaf;
      }
      OperatorError(c, "'target.roles within SET', 'target.roles in SET' or 'target.roles has \"Role\"'");
      return std::nullopt;
    }
    if (subject == "target.role_assignable_group_member")
      return flag(Cond::Kind::kTargetRagMember, "'target.role_assignable_group_member' alone");
    if (subject == "target.restricted_au_role")
      return flag(Cond::Kind::kTargetRestrictedAuRole, "'target.restricted_au_role' alone");
    if (subject == "target.in_restricted_au")
      return flag(Cond::Kind::kTargetInRestrictedAu, "'target.in_restricted_au' alone");
    if (subject == "target.role_assignable")
      return flag(Cond::Kind::kTargetRoleAssignable, "'target.role_assignable' alone");
    if (subject == "context.mfa") return flag(Cond::Kind::kContextMfa, "'context.mfa' alone");
    if (subject == "target.admin_units") {
      if (p.op == PredicateOp::kHas && value && value->kind == Value::Kind::kString) {
        Cond leaf = Leaf(Cond::Kind::kTargetInAdminUnit);
        leaf.text = value->text;
        return leaf;
      }
      OperatorError(c, "'target.admin_units has \"<administrative unit id>\"'");
      return std::nullopt;
    }
    if (subject == "target" && p.op == PredicateOp::kIs) {
      if (value && value->kind == Value::Kind::kIdent && value->text == "self") {
        return Leaf(Cond::Kind::kTargetIsSelf);
      }
      sink_.Error("E0303", value ? value->span : c.span, "expected 'self' after 'target is'");
      return std::nullopt;
    }
    if (subject == "principal" && p.op == PredicateOp::kOwns) {
      if (value && value->kind == Value::Kind::kIdent && value->text == "target") {
        return Leaf(Cond::Kind::kPrincipalOwnsTarget);
      }
      sink_.Error("E0303", value ? value->span : c.span, "expected 'target' after 'principal owns'");
      return std::nullopt;
    }
    if (subject == "scope" && p.op == PredicateOp::kIs) {
      if (value && value->kind == Value::Kind::kIdent && value->text == "tenant") {
        return Leaf(Cond::Kind::kScopeIsTenant);
      }
      if (value && value->kind == Value::Kind::kIdent && value->text == "admin_unit") {
        return Not(Leaf(Cond::Kind::kScopeIsTenant));
      }
      sink_.Error("E0303", value ? value->span : c.span,
                  "expected 'tenant' or 'admin_unit' after 'scope is'");
      return std::nullopt;
    }
    if (subject == "assignment.role") {
      if (p.op == PredicateOp::kIn && value) {
        std::optional<uint32_t> set = RoleSetOperand(*value, file);
        if (!set) return std::nullopt;
        Cond leaf = Leaf(Cond::Kind::kAssignmentRoleIn);
        leaf.index = *set;
        return leaf;
      }
      OperatorError(c, "'assignment.role in SET' (the role of the assignment being evaluated)");
      return std::nullopt;
    }
    if (subject == "scope.admin_unit") {
      if (p.op == PredicateOp::kEq && value && value->kind == Value::Kind::kString) {
        Cond leaf = Leaf(Cond::Kind::kScopeAdminUnitIs);
        leaf.text = value->text;
        return leaf;
      }
      OperatorError(c, "'scope.admin_unit == \"<administrative unit id>\"'");
      return std::nullopt;
    }
    sink_.Error("E0301", c.span, fmt::format("unknown condition '{}'", subject),
                fmt::format("conditions are: {}", kKnownPredicates));
    return std::nullopt;
  }

  // ---- roles ------------------------------------------------------------------------------------
  // Validates one pattern written in a rule or action set; false if it is unusable.
  bool CheckPattern(const grammar::ActionPath& path, const ParsedFile& file) {
    std::string error = runtime::PatternError(path.text);
    if (!error.empty()) {
      sink_.Error("E0202", path.span, fmt::format("malformed action pattern '{}': {}", path.text, error));
      return false;
    }
    if (runtime::IsConcrete(path.text)) {
      if (catalog_.Find(path.text) == kNoAction) {
        std::vector<std::string> suggestions = catalog_.Suggest(path.text);
        sink_.Error("E0201", path.span, fmt::format("unknown action '{}'", path.text),
                    suggestions.empty()
                        ? "declare it with an 'action' declaration, or check the spelling"
                        : fmt::format("did you mean '{}'?", suggestions[0]));
        return false;
      }
    } else if (!file.from_stdlib && !known_patterns_.contains(ToLower(path.text)) &&
               catalog_.Expand(path.text).empty()) {
      std::string lower = ToLower(path.text);
      if (catalog_.HasNamespaceOf(path.text)) {
        sink_.Warning("W0203", path.span,
                      fmt::format("pattern '{}' covers no action in the catalog", path.text),
                      "it still matches actions outside the catalog exactly, at request time");
      } else if (!known_namespaces_.contains(lower.substr(0, lower.find('/')))) {
        sink_.Warning("W0204", path.span,
                      fmt::format("no catalog action is in namespace '{}'",
                                  path.text.substr(0, path.text.find('/'))),
                      "check the namespace's spelling; the pattern is still matched at request time");
      }
    }
    return true;
  }

  // Appends the patterns of an allow/except list, expanding action sets.
  void CollectPatterns(const std::vector<grammar::ActionItem>& items, const ParsedFile& file,
                       bool is_except, std::vector<std::string>& out,
                       std::vector<const grammar::SetDecl*>& visiting) {
    for (const grammar::ActionItem& item : items) {
      if (const auto* path = std::get_if<grammar::ActionPath>(&item.value)) {
        if (CheckPattern(*path, file)) out.push_back(path->text);
        continue;
      }
      const grammar::Name& name = std::get<grammar::Name>(item.value);
      const SetSymbol* set = symbols_.ResolveSet(name, file, sink_);
      if (set == nullptr) continue;
      if (set->decl->kind != grammar::SetDecl::Kind::kActions) {
        sink_.Error("E0218", name.span,
                    fmt::format("'{}' is a set of roles, but a set of actions is needed here", name.text));
        continue;
      }
      if (std::find(visiting.begin(), visiting.end(), set->decl) != visiting.end()) {
        sink_.Error("E0219", name.span, fmt::format("action set '{}' includes itself", name.text));
        continue;
      }
      visiting.push_back(set->decl);
      CollectPatterns(set->decl->actions, *set->file, is_except, out, visiting);
      visiting.pop_back();
    }
  }

  void CheckRoles() {
    const auto& symbols = symbols_.roles();
    program_.roles.resize(symbols.size());
    std::vector<bool> done(symbols.size(), false);
    // Roles in extends order first, so that bases are complete; then roles in cycles (own rules only).
    std::vector<RoleId> order = symbols_.roles_in_extends_order();
    std::vector<bool> ordered(symbols.size(), false);
    for (RoleId id : order) ordered[id] = true;
    for (RoleId id = 0; id < symbols.size(); ++id) {
      if (!ordered[id]) order.push_back(id);
    }
    for (RoleId id : order) {
      const RoleSymbol& symbol = symbols[id];
      const grammar::RoleDecl& decl = *symbol.decl;
      IrRole& role = program_.roles[id];
      role.name = decl.name.text;
      role.template_id = decl.template_id.value_or("");
      role.description = decl.description.value_or("");
      role.module = symbol.file->module;
      role.doc = decl.doc;
      role.privileged_label = decl.privileged;
      role.deprecated = decl.deprecated.value_or(false);
      role.from_stdlib = symbol.file->from_stdlib;
      role.span = decl.name.span;
      if (!role.template_id.empty() && !LooksLikeGuid(role.template_id)) {
        sink_.Warning("W0502", decl.template_id_span,
                      fmt::format("template id '{}' is not a GUID", role.template_id),
                      "Entra template ids look like 3f6c1d0a-5b8e-4c1f-9a57-2d4e8b7c9a10");
      }
      for (RoleId base : symbol.extends) {
        if (!done[base]) continue;  // a base in a cycle (already reported)
        for (const IrRule& rule : program_.roles[base].rules) role.rules.push_back(rule);
      }
      for (const grammar::RuleDecl& rule_decl : decl.rules) {
        IrRule rule;
        rule.is_except = rule_decl.is_except;
        rule.span = rule_decl.span;
        std::vector<const grammar::SetDecl*> visiting;
        CollectPatterns(rule_decl.actions, *symbol.file, rule.is_except, rule.patterns, visiting);
        if (rule_decl.condition) {
          rule.condition = TypeCondition(*rule_decl.condition, *symbol.file);
          rule.condition_text = rule_decl.condition->text;
          if (!rule.condition) continue;
        }
        if (rule.patterns.empty()) continue;
        for (const std::string& pattern : rule.patterns) {
          const std::vector<ActionId>& ids = catalog_.Expand(pattern);
          rule.covered.insert(rule.covered.end(), ids.begin(), ids.end());
        }
        std::sort(rule.covered.begin(), rule.covered.end());
        rule.covered.erase(std::unique(rule.covered.begin(), rule.covered.end()), rule.covered.end());
        role.rules.push_back(std::move(rule));
      }
      done[id] = true;
    }
  }

  static bool LooksLikeGuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      bool dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  }

  // DESIGN.md §2: a role is privileged if labelled so or if it holds a privileged permission; the
  // label is checked against the permissions (a warning, since Entra's own labels disagree at times).
  void CheckPrivilegedLabels() {
    for (IrRole& role : program_.roles) {
      std::string privileged_action;
      for (const IrRule& rule : role.rules) {
        if (rule.is_except) continue;
        for (ActionId id : rule.covered) {
          if (program_.actions[id].privileged) {
            privileged_action = program_.actions[id].name;
            break;
          }
        }
        if (!privileged_action.empty()) break;
      }
      role.privileged = role.privileged_label.value_or(false) || !privileged_action.empty();
      if (!role.privileged_label) continue;
      const SourceSpan& span = role.span;
      if (!*role.privileged_label && !privileged_action.empty()) {
        sink_.Warning("W0501", span,
                      fmt::format("role '{}' is labelled 'privileged false' but grants the privileged "
                                  "action '{}'", role.name, privileged_action),
                      "label it 'privileged true', or remove the privileged permission");
      } else if (*role.privileged_label && privileged_action.empty() && !role.from_stdlib) {
        // Built-in roles keep Microsoft's label even where no permission is labelled privileged
        // (docs/stdlib.md lists them); for custom roles the label is expected to follow from them.
        sink_.Warning("W0501", span,
                      fmt::format("role '{}' is labelled 'privileged true' but grants no privileged "
                                  "action", role.name),
                      "remove the label, or check that the intended permissions are granted");
      }
    }
  }

  // docs/semantics.md §Administrative units: a built-in role may be assigned at administrative-unit
  // scope iff the library says so (admin-units-assign-roles.md's list); a custom role iff it holds a
  // permission on users, groups or devices (the same page), unless it says `admin_unit_scopable
  // false`. A custom role declared scopable without such a permission is one Entra would refuse to
  // assign at a unit: a warning, and the role is not scopable (fail closed).
  void CheckAdminUnitScopability() {
    const auto& symbols = symbols_.roles();
    for (RoleId id = 0; id < program_.roles.size(); ++id) {
      IrRole& role = program_.roles[id];
      const grammar::RoleDecl& decl = *symbols[id].decl;
      if (role.from_stdlib) {
        role.admin_unit_scopable = decl.admin_unit_scopable.value_or(false);
        continue;
      }
      // A permission on users, groups or devices: an allow pattern whose namespace is
      // microsoft.directory and whose entity is one of those families, or allEntities.
      bool eligible = false;
      for (const IrRule& rule : role.rules) {
        if (rule.is_except) continue;
        for (const std::string& pattern : rule.patterns) {
          const runtime::ActionSegments segments = runtime::SplitAction(pattern);
          eligible = eligible || runtime::IsAdminUnitMemberAction(segments) ||
                     (segments.count >= 3 &&
                      runtime::EqualsIgnoreCase(segments.part[0], "microsoft.directory") &&
                      runtime::EqualsIgnoreCase(segments.part[1], "allEntities"));
        }
      }
      if (decl.admin_unit_scopable.value_or(false) && !eligible) {
        sink_.Warning("W0503", decl.admin_unit_scopable_span,
                      fmt::format("role '{}' is declared 'admin_unit_scopable true' but holds no "
                                  "permission on users, groups or devices", role.name),
                      "Entra assigns a custom role at administrative-unit scope only if it holds "
                      "one (admin-units-assign-roles.md); rolec treats the role as not scopable");
      }
      role.admin_unit_scopable = eligible && decl.admin_unit_scopable.value_or(true);
    }
  }

  // ---- tests ------------------------------------------------------------------------------------
  void CheckTests() {
    for (const ParsedFile& file : files_) {
      if (file.from_stdlib) continue;
      for (const grammar::Item& item : file.ast->items) {
        const auto* test = std::get_if<grammar::TestDecl>(&item);
        if (test == nullptr) continue;
        TestCase out;
        out.name = test->name;
        out.span = test->span;
        for (const grammar::Expectation& e : test->expectations) {
          std::optional<TestExpectation> expectation = CheckExpectation(e, file);
          if (expectation) out.expectations.push_back(std::move(*expectation));
        }
        program_.tests.push_back(std::move(out));
      }
    }
  }

  std::optional<TestExpectation> CheckExpectation(const grammar::Expectation& e, const ParsedFile& file) {
    TestExpectation out;
    bool ok = true;
    out.expected = e.expect_allow ? Decision::kAllow : Decision::kDeny;
    out.span = e.span;
    OwnedRequest& request = out.request;
    request.principal_id = "principal";
    for (const grammar::TestAssignment& a : e.principal) {
      RoleId id = symbols_.ResolveRole(a.role, file, sink_);
      std::string_view admin_unit;
      if (!ParseScope(a.scope, &admin_unit)) {
        sink_.Error("E0403", a.scope_span, fmt::format("malformed scope '{}'", a.scope),
                    "a scope is \"/\" or \"/administrativeUnits/<id>\"");
        ok = false;
      }
      if (id == kNoRole) {
        ok = false;
        continue;
      }
      if (!admin_unit.empty() && !program_.roles[id].admin_unit_scopable) {
        sink_.Warning("W0504", a.scope_span,
                      fmt::format("role '{}' cannot be assigned at administrative-unit scope; this "
                                  "assignment makes the request an error (a deny)",
                                  program_.roles[id].name),
                      program_.roles[id].from_stdlib
                          ? "only the built-in roles listed in admin-units-assign-roles.md can be"
                      : symbols_.roles()[id].decl->admin_unit_scopable == std::optional<bool>(false)
                          ? "the role says 'admin_unit_scopable false'"
                          : "a custom role needs a permission on users, groups or devices");
      }
      request.assignments.push_back({symbols_.roles()[id].decl->name.text, a.scope});
    }
    std::string error = runtime::PatternError(e.action.text);
    if (!error.empty()) {
      sink_.Error("E0202", e.action.span, fmt::format("malformed action '{}': {}", e.action.text, error),
                  "a test asks about an action, or a pattern with keywords in their places");
      ok = false;
    }
    request.action = e.action.text;
    const grammar::TargetSpec& t = e.target;
    if (t.kind.empty()) {
      request.target.kind = TargetKind::kUser;
    } else if (!ParseTargetKind(t.kind, &request.target.kind) ||
               request.target.kind == TargetKind::kUnspecified) {
      sink_.Error("E0304", t.kind_span, fmt::format("unknown target kind '{}'", t.kind),
                  fmt::format("target kinds are: {}", kTargetKinds));
      ok = false;
    }
    if (t.id) request.target.id = *t.id;
    for (const grammar::Name& name : t.roles) {
      RoleId id = symbols_.ResolveRole(name, file, sink_);
      if (id == kNoRole) {
        ok = false;
        continue;
      }
      request.target.roles.push_back(symbols_.roles()[id].decl->name.text);
    }
    request.target.admin_units = t.admin_units;
    // A restricted unit named in a test is one of the target's units, listed there or not.
    request.target.restricted_admin_units = t.restricted_admin_units;
    for (const std::string& unit : t.restricted_admin_units) {
      if (std::find(request.target.admin_units.begin(), request.target.admin_units.end(), unit) ==
          request.target.admin_units.end()) {
        request.target.admin_units.push_back(unit);
      }
    }
    request.target.owners = t.owners;
    for (const auto& [flag, span] : t.flags) {
      if (flag == "role_assignable_group_member") request.target.role_assignable_group_member = true;
      else if (flag == "restricted_au_role") request.target.role_scoped_to_restricted_admin_unit = true;
      else if (flag == "in_restricted_au") request.target.in_restricted_admin_unit = true;
      else if (flag == "role_assignable") request.target.role_assignable = true;
      else if (flag == "self") request.target.id = request.principal_id;
      else if (flag == "owned") request.target.owners.push_back(request.principal_id);
      else {
        sink_.Error("E0401", span, fmt::format("unknown target flag '{}'", flag),
                    "flags are: role_assignable_group_member, restricted_au_role, in_restricted_au, "
                    "role_assignable, self, owned");
        ok = false;
      }
    }
    for (const auto& [word, span] : e.context) {
      if (word == "mfa") {
        request.context.mfa = true;
      } else {
        sink_.Error("E0402", span, fmt::format("unknown context '{}'", word), "the context words are: mfa");
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return out;
  }

  const std::vector<ParsedFile>& files_;
  const SymbolTable& symbols_;
  CatalogIndex& catalog_;
  DiagnosticSink& sink_;
  Program program_;
  absl::flat_hash_map<const grammar::SetDecl*, uint32_t> named_set_index_;
  std::map<std::vector<RoleId>, uint32_t> literal_sets_;
  absl::flat_hash_set<std::string> known_patterns_;    // lower-cased patterns of stdlib rules
  absl::flat_hash_set<std::string> known_namespaces_;  // their namespaces
};

}  // namespace

std::vector<std::string> CatalogNames(const SymbolTable& symbols) {
  std::vector<std::string> names;
  names.reserve(symbols.actions().size());
  for (const ActionSymbol& action : symbols.actions()) names.push_back(action.decl->path.text);
  return names;
}

Program Check(const std::vector<ParsedFile>& files, const SymbolTable& symbols, CatalogIndex& catalog,
              DiagnosticSink& sink) {
  return Checker(files, symbols, catalog, sink).Run();
}

}  // namespace rolec::compiler
