// grammar/ast.h — the abstract syntax tree of one .role file, as the parser builds it.
//
// The AST is syntax only: names are unresolved text, conditions are generic predicates
// (`subject op value`) that the compiler's checker types. Every node carries the span of the text it
// came from so that every later diagnostic can point at the source. The grammar is in grammar.h and
// docs/language.md; DumpAst (ast_dump.h) prints a tree for golden tests.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "rolec/diagnostic.hpp"

namespace rolec::grammar {

// Position of a node: file, 1-based line and column, length in bytes on that line.
using Span = SourceSpan;

// A name, possibly qualified by a module: `entra.helpdesk_resettable`, `entra."Global Reader"`,
// `"Contoso Tier1 Helpdesk"`, `password_actions`.
struct Name {
  std::string module;  // "" if unqualified
  std::string text;    // identifier or string contents (unescaped)
  bool quoted = false; // written as a string literal
  Span span;
};

// `microsoft.directory/users/password/update` — the text exactly as written (segments separated by
// '/'; no validation beyond the lexical shape, which the checker does).
struct ActionPath {
  std::string text;
  Span span;
};

// An item of an allow/except list: an action pattern or a reference to a named action set.
struct ActionItem {
  std::variant<ActionPath, Name> value;
};

// A value on the right of a predicate.
struct Value;
using ValueList = std::vector<Value>;
struct Value {
  enum class Kind : uint8_t { kIdent, kString, kName, kList, kBool };
  Kind kind = Kind::kIdent;
  std::string text;   // kIdent: the word; kString: contents; kBool: "true"/"false"
  Name name;          // kName: a qualified name such as entra.helpdesk_resettable or entra."X"
  ValueList items;    // kList
  Span span;
};

// Predicate operators. kNone: a bare attribute (`target.in_restricted_au`, `context.mfa`).
enum class PredicateOp : uint8_t { kNone, kEq, kNe, kIn, kWithin, kHas, kIs, kOwns };

// `subject[.attr]* op value`, e.g. target.kind == user; target.roles within entra.x;
// target is self (subject {"target"}, op kIs, value ident "self");
// principal owns target (subject {"principal"}, op kOwns, value ident "target");
// scope is tenant; context.mfa.
struct Predicate {
  std::vector<std::string> subject;  // {"target","kind"}, {"context","mfa"}, {"scope"}, ...
  PredicateOp op = PredicateOp::kNone;
  std::optional<Value> value;        // absent iff op == kNone
};

struct Condition;
using ConditionPtr = std::unique_ptr<Condition>;
struct Condition {
  enum class Kind : uint8_t { kAnd, kOr, kNot, kTrue, kFalse, kPredicate };
  Kind kind = Kind::kTrue;
  std::vector<ConditionPtr> operands;  // kAnd/kOr: two or more (flattened); kNot: one
  Predicate predicate;                 // kPredicate
  Span span;                           // the whole condition's first token
  std::string text;                    // the source text of this condition, whitespace-normalized
};

struct DocComment {
  std::string text;  // `///` lines joined with '\n', the leading "/// " removed
};

// `action <path> { description "..." privileged true custom_allowed true protected false
//                   requires <condition> }`
struct ActionDecl {
  ActionPath path;
  std::string doc;
  std::optional<std::string> description;
  std::optional<bool> privileged;
  std::optional<bool> custom_allowed;
  std::optional<bool> protected_action;
  ConditionPtr requires_condition;  // intrinsic target rule, may be null
  Span span;
};

// `set roles NAME = [ role, ... ]` / `set actions NAME = [ action item, ... ]`
struct SetDecl {
  enum class Kind : uint8_t { kRoles, kActions };
  Kind kind = Kind::kRoles;
  std::string name;
  std::string doc;
  std::vector<Name> roles;          // kRoles
  std::vector<ActionItem> actions;  // kActions
  Span span;
};

// `allow a, b when <cond>` / `except a when <cond>`
struct RuleDecl {
  bool is_except = false;
  std::vector<ActionItem> actions;
  ConditionPtr condition;  // null if unconditional
  Span span;               // the `allow`/`except` keyword
};

// `role "Name" extends entra."Global Reader" { id "..." description "..." privileged true
//   deprecated false allow ... except ... }`
struct RoleDecl {
  Name name;  // quoted, unqualified
  std::string doc;
  std::vector<Name> extends;
  std::optional<std::string> template_id;
  Span template_id_span;
  std::optional<std::string> description;
  std::optional<bool> privileged;
  Span privileged_span;
  std::optional<bool> deprecated;
  std::optional<bool> admin_unit_scopable;
  Span admin_unit_scopable_span;
  std::vector<RuleDecl> rules;
  Span span;
};

// The target of a test expectation: `on user { roles ["Global Administrator"] role_assignable_group_member
//   restricted_au_role in_restricted_au role_assignable self owned id "bob" admin_units ["au1"]
//   restricted_admin_units ["au2"] owners ["carol"] }`
struct TargetSpec {
  std::string kind;  // "user", "group", ... ("" if no `on` clause)
  Span kind_span;
  std::optional<std::string> id;
  std::vector<Name> roles;
  std::vector<std::string> admin_units;
  std::vector<std::string> restricted_admin_units;  // also units of the target (compiler adds them)
  std::vector<std::string> owners;
  std::vector<std::pair<std::string, Span>> flags;  // bare words, checked by the compiler
};

struct TestAssignment {
  Name role;
  std::string scope = "/";  // `@ "/administrativeUnits/x"`
  Span scope_span;
};

// `allow "Helpdesk Administrator" @ "/", "Directory Readers" microsoft.directory/users/password/update
//    on user { ... } with mfa`
struct Expectation {
  bool expect_allow = false;
  std::vector<TestAssignment> principal;
  ActionPath action;
  TargetSpec target;
  std::vector<std::pair<std::string, Span>> context;  // words after `with`, e.g. "mfa"
  Span span;
};

struct TestDecl {
  std::string name;
  std::vector<Expectation> expectations;
  Span span;
};

struct Import {
  std::string module;
  Span span;
};

using Item = std::variant<ActionDecl, SetDecl, RoleDecl, TestDecl>;

struct File {
  std::string path;
  std::string module;  // from `module NAME`, "" if absent (the compiler then uses "main")
  Span module_span;
  std::vector<Import> imports;
  std::vector<Item> items;
};

}  // namespace rolec::grammar
