// compiler/names.cc — E0220 (spacing of names) and W0221 (confusable names); see names.h.
#include "compiler/names.h"

#include <map>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "compiler/confusables.h"
#include "fmt/format.h"

namespace rolec::compiler {
namespace {

constexpr const char* kSpacingHelp =
    "names are words separated by single plain spaces (U+0020), with none at either end; a name "
    "spaced any other way reads like a different name";

// `name` with every space-like character but U+0020 written as \u{XXXX}, so that the message
// shows where it is (and a tab or a line break from an escape cannot break the message's line).
std::string ShowSpaces(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size();) {
    const size_t at = i;
    const char32_t c = NextCodePoint(name, &i);
    if (c != U' ' && IsNameSpace(c)) {
      out += fmt::format("\\u{{{:04X}}}", static_cast<uint32_t>(c));
    } else {
      out.append(name.substr(at, i - at));
    }
  }
  return out;
}

std::string Problem(const SpacingProblem& p) {
  switch (p.kind) {
    case SpacingProblem::Kind::kLeading:
      return p.code_point == U' ' ? "starts with a space"
                                  : fmt::format("starts with {}, a space", CodePointText(p.code_point));
    case SpacingProblem::Kind::kTrailing:
      return "ends with a space";
    case SpacingProblem::Kind::kDouble:
      return "has two spaces in a row";
    case SpacingProblem::Kind::kOtherSpace:
      break;
  }
  return fmt::format("contains {}, a space or invisible character other than U+0020",
                     CodePointText(p.code_point));
}

// Reports E0220 for `name` if it is badly spaced; true if it was.
bool CheckSpacing(std::string_view what, std::string_view name, const SourceSpan& span,
                  DiagnosticSink& sink) {
  std::optional<SpacingProblem> problem = FindSpacingProblem(name);
  if (!problem) return false;
  sink.Error("E0220", span, fmt::format("{} '{}' {}", what, ShowSpaces(name), Problem(*problem)),
             kSpacingHelp);
  return true;
}

std::string Location(const SourceSpan& span) {
  return fmt::format("{}:{}:{}", span.file, span.line, span.column);
}

// The first declaration of each skeleton, in declaration order.
struct Declared {
  std::string name;       // as written (a set: "module.name" for the stdlib's)
  SourceSpan span;
  bool from_stdlib = false;
};

class NameChecker {
 public:
  NameChecker(const std::vector<ParsedFile>& files, const SymbolTable& symbols, DiagnosticSink& sink)
      : files_(files), symbols_(symbols), sink_(sink) {}

  void Run() {
    for (const RoleSymbol& role : symbols_.roles()) {
      const grammar::Name& name = role.decl->name;
      if (!role.file->from_stdlib && CheckSpacing("role name", name.text, name.span, sink_)) continue;
      Compare("role", name.text, name.span, role.file->from_stdlib, roles_);
    }
    for (const ParsedFile& file : files_) {
      for (const grammar::Item& item : file.ast->items) {
        if (const auto* set = std::get_if<grammar::SetDecl>(&item)) {
          // Set names are identifiers (ASCII letters, digits, '_'): only 0/O, 1/l/I and m/rn apply.
          // A set is compared with the sets of its own module and with the standard library's.
          Seen& stdlib_sets = sets_["entra"];  // std::map: references stay valid
          Seen& same_module = sets_[file.module];
          if (file.from_stdlib) {
            Compare("set", set->name, set->span, true, same_module, nullptr, false,
                    fmt::format("{}.{}", file.module, set->name));
          } else {
            Compare("set", set->name, set->span, false, same_module, &stdlib_sets, file.module == "entra");
          }
        }
        if (file.from_stdlib) continue;
        if (const auto* role = std::get_if<grammar::RoleDecl>(&item)) {
          for (const grammar::Name& base : role->extends) CheckReference(base);
          for (const grammar::RuleDecl& rule : role->rules) CheckCondition(rule.condition.get());
        } else if (const auto* action = std::get_if<grammar::ActionDecl>(&item)) {
          CheckCondition(action->requires_condition.get());
        } else if (const auto* set = std::get_if<grammar::SetDecl>(&item)) {
          for (const grammar::Name& name : set->roles) CheckReference(name);
        } else if (const auto* test = std::get_if<grammar::TestDecl>(&item)) {
          if (!CheckSpacing("test name", test->name, test->span, sink_)) {
            Compare("test", test->name, test->span, false, tests_);
          }
          for (const grammar::Expectation& e : test->expectations) {
            for (const grammar::TestAssignment& a : e.principal) CheckReference(a.role);
            for (const grammar::Name& name : e.target.roles) CheckReference(name);
          }
        }
      }
    }
  }

 private:
  using Seen = absl::flat_hash_map<std::string, Declared>;

  // Warns (W0221) if `name`'s skeleton is that of an earlier name in `seen` (or in `also`) that is
  // a different name; records `name` otherwise. The standard library's names are only recorded.
  // `shown` is how the name is quoted in another name's warning ("entra.x" for a stdlib set).
  void Compare(std::string_view what, const std::string& name, const SourceSpan& span, bool from_stdlib,
               Seen& seen, const Seen* also = nullptr, bool also_is_seen = false,
               std::string shown = "") {
    std::string skeleton = Skeleton(name);
    const Declared* other = nullptr;
    if (auto it = seen.find(skeleton); it != seen.end()) other = &it->second;
    if (other == nullptr && also != nullptr && !also_is_seen) {
      if (auto it = also->find(skeleton); it != also->end()) other = &it->second;
    }
    if (other == nullptr) {
      seen.emplace(std::move(skeleton), Declared{shown.empty() ? name : shown, span, from_stdlib});
      return;
    }
    if (from_stdlib) return;
    std::string_view bare = other->name;
    if (other->from_stdlib && what == "set") bare.remove_prefix(bare.find('.') + 1);
    std::optional<FirstDifference> diff = FindFirstDifference(name, bare);
    if (!diff) return;  // the same name (E0211/E0215 if both are declarations)
    std::string where = other->from_stdlib
                            ? fmt::format("the standard library {} '{}'", what, other->name)
                            : fmt::format("{} '{}' declared at {}", what, other->name, Location(other->span));
    std::string at = fmt::format("{} here, {} there", diff->a == 0 ? "the end" : CodePointText(diff->a),
                                 diff->b == 0 ? "the end" : CodePointText(diff->b));
    sink_.Warning("W0221", span, fmt::format("{} '{}' looks like {}", what, name, where),
                  fmt::format("the names differ only by look-alike characters, first at character {}: "
                              "{}; if they are different {}s, give this one a name that reads "
                              "differently",
                              diff->index + 1, at, what));
  }

  void CheckReference(const grammar::Name& name) {
    if (name.quoted) CheckSpacing("role reference", name.text, name.span, sink_);
  }

  // Role references in conditions: qualified role names anywhere, and strings compared with
  // `target.roles` or `assignment.role` (a string elsewhere is an id or a scope, not a name).
  void CheckCondition(const grammar::Condition* condition) {
    if (condition == nullptr) return;
    for (const grammar::ConditionPtr& operand : condition->operands) CheckCondition(operand.get());
    if (condition->kind != grammar::Condition::Kind::kPredicate || !condition->predicate.value) return;
    const std::vector<std::string>& subject = condition->predicate.subject;
    const bool names_roles = subject.size() == 2 && ((subject[0] == "target" && subject[1] == "roles") ||
                                                     (subject[0] == "assignment" && subject[1] == "role"));
    CheckValue(*condition->predicate.value, names_roles);
  }

  void CheckValue(const grammar::Value& value, bool names_roles) {
    switch (value.kind) {
      case grammar::Value::Kind::kName:
        CheckReference(value.name);
        break;
      case grammar::Value::Kind::kString:
        if (names_roles) CheckSpacing("role reference", value.text, value.span, sink_);
        break;
      case grammar::Value::Kind::kList:
        for (const grammar::Value& item : value.items) CheckValue(item, names_roles);
        break;
      default:
        break;
    }
  }

  const std::vector<ParsedFile>& files_;
  const SymbolTable& symbols_;
  DiagnosticSink& sink_;
  Seen roles_;
  Seen tests_;
  std::map<std::string, Seen> sets_;  // by module
};

}  // namespace

void CheckNames(const std::vector<ParsedFile>& files, const SymbolTable& symbols, DiagnosticSink& sink) {
  NameChecker(files, symbols, sink).Run();
}

}  // namespace rolec::compiler
