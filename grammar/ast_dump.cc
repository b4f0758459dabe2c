// grammar/ast_dump.cc — DumpAst: the AST as indented text, one node per line.
//
// Shape: `<node> <payload> @line:column+length`, children indented by two spaces under their parent,
// fields in declaration order, optional fields only when present. Strings are quoted with C escapes
// so that every line is plain ASCII-safe text and a golden diff shows exactly what changed.
#include "grammar/ast_dump.h"

#include <string>
#include <string_view>
#include <variant>

#include <fmt/format.h>

namespace rolec::grammar {
namespace {

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string At(const Span& span) { return fmt::format("@{}:{}+{}", span.line, span.column, span.length); }

std::string NameText(const Name& name) {
  std::string out;
  if (!name.module.empty()) out = name.module + ".";
  out += name.quoted ? Quote(name.text) : name.text;
  return out;
}

std::string_view OpName(PredicateOp op) {
  switch (op) {
    case PredicateOp::kNone:
      return "";
    case PredicateOp::kEq:
      return "==";
    case PredicateOp::kNe:
      return "!=";
    case PredicateOp::kIn:
      return "in";
    case PredicateOp::kWithin:
      return "within";
    case PredicateOp::kHas:
      return "has";
    case PredicateOp::kIs:
      return "is";
    case PredicateOp::kOwns:
      return "owns";
  }
  return "?";
}

std::string_view ConditionKindName(Condition::Kind kind) {
  switch (kind) {
    case Condition::Kind::kAnd:
      return "and";
    case Condition::Kind::kOr:
      return "or";
    case Condition::Kind::kNot:
      return "not";
    case Condition::Kind::kTrue:
      return "true";
    case Condition::Kind::kFalse:
      return "false";
    case Condition::Kind::kPredicate:
      return "predicate";
  }
  return "?";
}

class Dumper {
 public:
  std::string Dump(const File& file) {
    Line(0, fmt::format("file {}", Quote(file.path)));
    if (!file.module.empty()) Line(1, fmt::format("module {} {}", file.module, At(file.module_span)));
    for (const Import& import : file.imports) {
      Line(1, fmt::format("import {} {}", import.module, At(import.span)));
    }
    for (const Item& item : file.items) {
      std::visit([this](const auto& decl) { DumpItem(decl); }, item);
    }
    return std::move(out_);
  }

 private:
  void Line(int depth, std::string_view text) {
    out_.append(static_cast<size_t>(depth) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }

  void Doc(int depth, const std::string& doc) {
    if (!doc.empty()) Line(depth, fmt::format("doc {}", Quote(doc)));
  }

  void DumpItem(const ActionDecl& action) {
    Line(1, fmt::format("action {} {}", action.path.text, At(action.span)));
    Doc(2, action.doc);
    Line(2, fmt::format("path {} {}", action.path.text, At(action.path.span)));
    if (action.description) Line(2, fmt::format("description {}", Quote(*action.description)));
    if (action.privileged) Line(2, fmt::format("privileged {}", *action.privileged));
    if (action.custom_allowed) Line(2, fmt::format("custom_allowed {}", *action.custom_allowed));
    if (action.protected_action) Line(2, fmt::format("protected {}", *action.protected_action));
    if (action.requires_condition) {
      Line(2, "requires");
      DumpCondition(3, *action.requires_condition);
    }
  }

  void DumpItem(const SetDecl& set) {
    bool roles = set.kind == SetDecl::Kind::kRoles;
    Line(1, fmt::format("set {} {} {}", roles ? "roles" : "actions", set.name, At(set.span)));
    Doc(2, set.doc);
    for (const Name& role : set.roles) Line(2, fmt::format("role {} {}", NameText(role), At(role.span)));
    for (const ActionItem& action : set.actions) DumpActionItem(2, action);
  }

  void DumpItem(const RoleDecl& role) {
    Line(1, fmt::format("role {} {}", Quote(role.name.text), At(role.span)));
    Doc(2, role.doc);
    Line(2, fmt::format("name {} {}", NameText(role.name), At(role.name.span)));
    for (const Name& base : role.extends) {
      Line(2, fmt::format("extends {} {}", NameText(base), At(base.span)));
    }
    if (role.template_id) {
      Line(2, fmt::format("id {} {}", Quote(*role.template_id), At(role.template_id_span)));
    }
    if (role.description) Line(2, fmt::format("description {}", Quote(*role.description)));
    if (role.privileged) {
      Line(2, fmt::format("privileged {} {}", *role.privileged, At(role.privileged_span)));
    }
    if (role.deprecated) Line(2, fmt::format("deprecated {}", *role.deprecated));
    if (role.admin_unit_scopable) {
      Line(2, fmt::format("admin_unit_scopable {}", *role.admin_unit_scopable));
    }
    for (const RuleDecl& rule : role.rules) {
      Line(2, fmt::format("{} {}", rule.is_except ? "except" : "allow", At(rule.span)));
      for (const ActionItem& action : rule.actions) DumpActionItem(3, action);
      if (rule.condition) {
        Line(3, "when");
        DumpCondition(4, *rule.condition);
      }
    }
  }

  void DumpItem(const TestDecl& test) {
    Line(1, fmt::format("test {} {}", Quote(test.name), At(test.span)));
    for (const Expectation& expectation : test.expectations) {
      Line(2, fmt::format("expect {} {}", expectation.expect_allow ? "allow" : "deny",
                          At(expectation.span)));
      for (const TestAssignment& assignment : expectation.principal) {
        std::string scope;
        if (assignment.scope_span.line > 0) {
          scope = fmt::format(" scope {} {}", Quote(assignment.scope), At(assignment.scope_span));
        }
        Line(3, fmt::format("assignment {} {}{}", NameText(assignment.role), At(assignment.role.span),
                            scope));
      }
      Line(3, fmt::format("action {} {}", expectation.action.text, At(expectation.action.span)));
      const TargetSpec& target = expectation.target;
      if (!target.kind.empty()) {
        Line(3, fmt::format("target {} {}", target.kind, At(target.kind_span)));
        if (target.id) Line(4, fmt::format("id {}", Quote(*target.id)));
        for (const Name& role : target.roles) {
          Line(4, fmt::format("role {} {}", NameText(role), At(role.span)));
        }
        for (const std::string& unit : target.admin_units) Line(4, fmt::format("admin_unit {}", Quote(unit)));
        for (const std::string& unit : target.restricted_admin_units) {
          Line(4, fmt::format("restricted_admin_unit {}", Quote(unit)));
        }
        for (const std::string& owner : target.owners) Line(4, fmt::format("owner {}", Quote(owner)));
        for (const auto& [flag, span] : target.flags) Line(4, fmt::format("flag {} {}", flag, At(span)));
      }
      for (const auto& [word, span] : expectation.context) {
        Line(3, fmt::format("context {} {}", word, At(span)));
      }
    }
  }

  void DumpActionItem(int depth, const ActionItem& item) {
    if (const auto* path = std::get_if<ActionPath>(&item.value)) {
      Line(depth, fmt::format("action {} {}", path->text, At(path->span)));
    } else {
      const Name& name = std::get<Name>(item.value);
      Line(depth, fmt::format("set {} {}", NameText(name), At(name.span)));
    }
  }

  void DumpCondition(int depth, const Condition& condition) {
    std::string head(ConditionKindName(condition.kind));
    if (condition.kind == Condition::Kind::kPredicate) {
      std::string subject;
      for (const std::string& part : condition.predicate.subject) {
        if (!subject.empty()) subject += '.';
        subject += part;
      }
      head += " " + subject;
      if (condition.predicate.op != PredicateOp::kNone) {
        head += " ";
        head += OpName(condition.predicate.op);
      }
    }
    Line(depth, fmt::format("{} {} {}", head, Quote(condition.text), At(condition.span)));
    if (condition.kind == Condition::Kind::kPredicate && condition.predicate.value) {
      DumpValue(depth + 1, *condition.predicate.value);
    }
    for (const ConditionPtr& operand : condition.operands) DumpCondition(depth + 1, *operand);
  }

  void DumpValue(int depth, const Value& value) {
    switch (value.kind) {
      case Value::Kind::kIdent:
        Line(depth, fmt::format("value ident {} {}", value.text, At(value.span)));
        break;
      case Value::Kind::kString:
        Line(depth, fmt::format("value string {} {}", Quote(value.text), At(value.span)));
        break;
      case Value::Kind::kBool:
        Line(depth, fmt::format("value bool {} {}", value.text, At(value.span)));
        break;
      case Value::Kind::kName:
        Line(depth, fmt::format("value name {} {}", NameText(value.name), At(value.span)));
        break;
      case Value::Kind::kList:
        Line(depth, fmt::format("value list {}", At(value.span)));
        for (const Value& item : value.items) DumpValue(depth + 1, item);
        break;
    }
  }

  std::string out_;
};

}  // namespace

std::string DumpAst(const File& file) { return Dumper().Dump(file); }

}  // namespace rolec::grammar
