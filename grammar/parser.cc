// grammar/parser.cc — source text -> AST: PEGTL actions drive a builder, syntax errors become one
// Diagnostic.
//
// Why actions and not a parse tree: the standard library is tens of thousands of lines and must
// parse in milliseconds; building the AST directly while matching costs one pass and no
// intermediate tree. Actions fire only when a rule matches and are attached only to rules that are
// never rewound once matched (tokens under a must<>, or whole alternatives), so the builder never
// sees text that the parse later abandons.
#include "grammar/parser.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <iterator>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <tao/pegtl.hpp>

#include "grammar/bidi.h"
#include "grammar/edit_distance.h"
#include "grammar/grammar.h"
#include "grammar/source_text.h"

namespace rolec::grammar {
namespace {

namespace pegtl = tao::pegtl;
namespace r = rules;

// A condition under construction with the byte range of its source text.
struct PendingCondition {
  ConditionPtr node;
  size_t begin = 0;
  size_t end = 0;
};

// A value under construction; `begin` lets a list find its own items on the stack.
struct PendingValue {
  Value value;
  size_t begin = 0;
};

// The parse state: where the AST is built.
class Builder : public r::ParseContext {
 public:
  Builder(std::string_view text, std::string_view path, size_t max_depth)
      : text_(text), lines_(text) {
    max_nesting_depth = max_depth;
    file.path = std::string(path);
  }

  template <typename ActionInput>
  size_t Begin(const ActionInput& in) const {
    return static_cast<size_t>(in.begin() - text_.data());
  }
  template <typename ActionInput>
  size_t End(const ActionInput& in) const {
    return static_cast<size_t>(in.end() - text_.data());
  }

  // The span of bytes [begin, end). A span over several lines is cut after the last token of its
  // first line, so that a caret run never underlines a trailing comment.
  Span SpanOf(size_t begin, size_t end) const {
    Span span;
    span.file = file.path;
    LineColumn at = lines_.Locate(begin);
    span.line = at.line;
    span.column = at.column;
    size_t line_end = lines_.LineEnd(at.line);
    size_t stop = end <= line_end ? end : LastTokenEnd(begin, line_end);
    span.length = stop > begin ? static_cast<uint32_t>(stop - begin) : 1;
    return span;
  }
  template <typename ActionInput>
  Span SpanOf(const ActionInput& in) const {
    return SpanOf(Begin(in), End(in));
  }

  // Pushes a one-token condition value (string, bool, word) spanning the matched input.
  template <typename ActionInput>
  void PushScalar(const ActionInput& in, Value::Kind kind, std::string text) {
    Value value;
    value.kind = kind;
    value.text = std::move(text);
    value.span = SpanOf(in);
    values.push_back({std::move(value), Begin(in)});
  }

  // --- doc comments

  // Called for every `///` comment the skipper matches, possibly more than once for the same comment
  // (a rewind re-skips it), so it ignores what it has already seen.
  void NoteDocComment(size_t begin, size_t end) {
    if (begin < doc_scan_end_) return;
    doc_scan_end_ = end;
    // A `///` after a token on the same line is an ordinary comment.
    size_t line_start = begin == 0 ? 0 : text_.rfind('\n', begin - 1) + 1;  // npos + 1 == 0
    if (line_start == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF") line_start = 3;  // the BOM
    if (!OnlyBlanksBetween(line_start, begin)) {
      doc_lines_.clear();
      return;
    }
    if (!doc_lines_.empty() && !IsNextLine(doc_lines_.back().end, begin)) doc_lines_.clear();
    std::string_view line = text_.substr(begin + 3, end - begin - 3);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    doc_lines_.push_back({end, std::string(line)});
  }

  // The documentation of a declaration whose keyword starts at `keyword_begin`: the run of `///`
  // lines that ends on the line directly above the keyword.
  std::string TakeDoc(size_t keyword_begin) {
    std::string doc;
    if (!doc_lines_.empty() && IsNextLine(doc_lines_.back().end, keyword_begin)) {
      for (size_t i = 0; i < doc_lines_.size(); ++i) {
        if (i > 0) doc += '\n';
        doc += doc_lines_[i].text;
      }
    }
    doc_lines_.clear();
    return doc;
  }

  // --- conditions

  void PushCondition(ConditionPtr node, size_t begin, size_t end) {
    node->span = SpanOf(begin, end);
    node->text = NormalizeConditionText(text_.substr(begin, end - begin));
    conditions.push_back({std::move(node), begin, end});
  }

  // Folds the operands of an and/or chain that starts at `begin` into one node (a chain of one
  // operand stays that operand). Operands are the stack entries that start inside the chain:
  // everything below them ended before it.
  void FoldChain(Condition::Kind kind, size_t begin, size_t end) {
    size_t first = conditions.size();
    while (first > 0 && conditions[first - 1].begin >= begin) --first;
    if (conditions.size() - first < 2) return;
    auto node = std::make_unique<Condition>();
    node->kind = kind;
    for (size_t i = first; i < conditions.size(); ++i) {
      node->operands.push_back(std::move(conditions[i].node));
    }
    conditions.resize(first);
    PushCondition(std::move(node), begin, end);
  }

  ConditionPtr PopCondition() {
    // INVARIANT: every condition rule pushes exactly one entry; its wrapper pops it.
    ConditionPtr node = std::move(conditions.back().node);
    conditions.pop_back();
    return node;
  }

  // --- names and strings

  Name MakeName(std::string_view token, Span span) const {
    Name name;
    name.span = std::move(span);
    if (token.front() != '"') {
      size_t dot = token.find('.');
      if (dot == std::string_view::npos) {
        name.text = std::string(token);
        return name;
      }
      name.module = std::string(token.substr(0, dot));
      token.remove_prefix(dot + 1);
    }
    if (token.front() == '"') {
      name.quoted = true;
      name.text = Unescape(token);
    } else {
      name.text = std::string(token);
    }
    return name;
  }

  // Clears the pieces a declaration abandoned by a syntax error may have left behind, so that the
  // parse that resumes after it starts from a clean state (grammar/parser.cc, Recovery).
  void ResetScratch() {
    action_items.clear();
    names.clear();
    strings.clear();
    values.clear();
    conditions.clear();
    when_condition.reset();
    subject.clear();
    op = PredicateOp::kNone;
    is_word.clear();
    assigned_role = Name{};
    assignment_scope.reset();
    expectation = Expectation{};
    nesting_depth = 0;
  }

  const LineIndex& lines() const { return lines_; }

  File file;

  // The body whose "{" has matched and whose "}" has not yet: where recovery resumes after an error
  // inside it, and where the note of an unclosed body points.
  enum class Body { kNone, kAction, kRole, kTest } open_body = Body::kNone;
  size_t open_brace = 0;
  size_t target_brace = 0;     // the "{" of the test target read last
  bool items_started = false;  // a declaration's keyword has been read (imports are over)

  // The declaration under construction (one at a time: declarations do not nest).
  enum class Current { kNone, kAction, kRole } current = Current::kNone;
  ActionDecl action;
  SetDecl set;
  RoleDecl role;
  TestDecl test;
  Expectation expectation;
  size_t decl_begin = 0;
  size_t head_end = 0;  // end of the declaration's name: the declaration's span runs to here

  // Pieces waiting for the rule that contains them.
  std::vector<ActionItem> action_items;
  std::vector<Name> names;
  std::vector<std::string> strings;
  std::vector<PendingValue> values;
  std::vector<PendingCondition> conditions;
  ConditionPtr when_condition;
  std::vector<std::string> subject;
  PredicateOp op = PredicateOp::kNone;
  std::string is_word;
  Span is_word_span;
  Name assigned_role;
  std::optional<std::pair<std::string, Span>> assignment_scope;

 private:
  struct DocLine {
    size_t end;  // offset just past the comment's text (its newline excluded)
    std::string text;
  };

  bool OnlyBlanksBetween(size_t begin, size_t end) const {
    for (size_t i = begin; i < end; ++i) {
      if (text_[i] != ' ' && text_[i] != '\t') return false;
    }
    return true;
  }
  // The end of the last token in [begin, line_end), skipping blanks and comments.
  size_t LastTokenEnd(size_t begin, size_t line_end) const {
    size_t last = begin;
    for (size_t i = begin; i < line_end;) {
      char c = text_[i];
      if (c == '"') {
        size_t j = i + 1;
        while (j < line_end && text_[j] != '"') j += text_[j] == '\\' ? 2 : 1;
        i = last = std::min(j + 1, line_end);
      } else if (c == '/' && i + 1 < line_end && text_[i + 1] == '/') {
        break;
      } else if (c == '/' && i + 1 < line_end && text_[i + 1] == '*') {
        size_t close = text_.find("*/", i + 2);
        if (close == std::string_view::npos || close + 2 > line_end) break;
        i = close + 2;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        ++i;
      } else {
        last = ++i;
      }
    }
    return last;
  }

  // True if `begin` is on the line right after `end`, with only blanks in between.
  bool IsNextLine(size_t end, size_t begin) const {
    int newlines = 0;
    for (size_t i = end; i < begin; ++i) {
      char c = text_[i];
      if (c == '\n') {
        ++newlines;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return newlines == 1;
  }

  std::string_view text_;
  LineIndex lines_;
  std::vector<DocLine> doc_lines_;
  size_t doc_scan_end_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

#define ROLEC_ACTION(rule)    \
  template <>                 \
  struct action<r::rule> {    \
    template <typename Input> \
    static void apply(const Input& in, Builder& b)

#define ROLEC_END_ACTION \
  }                      \
  ;

// --- file

ROLEC_ACTION(doc_comment) { b.NoteDocComment(b.Begin(in), b.End(in)); }
ROLEC_END_ACTION

ROLEC_ACTION(module_name) {
  b.file.module = in.string();
  b.file.module_span = b.SpanOf(in);
}
ROLEC_END_ACTION

ROLEC_ACTION(import_name) { b.file.imports.push_back({in.string(), b.SpanOf(in)}); }
ROLEC_END_ACTION

// --- bodies: where each "{" is, for recovery and for the note of an unclosed one

template <Builder::Body kBody>
struct body_open_action {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.open_body = kBody;
    b.open_brace = b.Begin(in);
  }
};
struct body_rest_action {
  template <typename Input>
  static void apply(const Input& /*in*/, Builder& b) {
    b.open_body = Builder::Body::kNone;
  }
};
template <>
struct action<r::action_open> : body_open_action<Builder::Body::kAction> {};
template <>
struct action<r::role_open> : body_open_action<Builder::Body::kRole> {};
template <>
struct action<r::test_open> : body_open_action<Builder::Body::kTest> {};
template <>
struct action<r::action_body_rest> : body_rest_action {};
template <>
struct action<r::role_body_rest> : body_rest_action {};
template <>
struct action<r::test_body_rest> : body_rest_action {};

ROLEC_ACTION(target_open) { b.target_brace = b.Begin(in); }
ROLEC_END_ACTION

// --- action_decl

ROLEC_ACTION(action_keyword) {
  b.items_started = true;
  b.action = ActionDecl{};
  b.current = Builder::Current::kAction;
  b.decl_begin = b.Begin(in);
  b.action.doc = b.TakeDoc(b.decl_begin);
}
ROLEC_END_ACTION

ROLEC_ACTION(declared_action_path) {
  b.action.path = {in.string(), b.SpanOf(in)};
  b.head_end = b.End(in);
}
ROLEC_END_ACTION

ROLEC_ACTION(action_description) { b.action.description = Unescape(in.string_view()); }
ROLEC_END_ACTION

ROLEC_ACTION(custom_allowed_value) { b.action.custom_allowed = in.string_view() == "true"; }
ROLEC_END_ACTION

ROLEC_ACTION(protected_value) { b.action.protected_action = in.string_view() == "true"; }
ROLEC_END_ACTION

ROLEC_ACTION(requires_condition) { b.action.requires_condition = b.PopCondition(); }
ROLEC_END_ACTION

ROLEC_ACTION(action_decl) {
  b.action.span = b.SpanOf(b.decl_begin, b.head_end);
  b.file.items.emplace_back(std::move(b.action));
  b.current = Builder::Current::kNone;
}
ROLEC_END_ACTION

ROLEC_ACTION(privileged_value) {
  bool value = in.string_view() == "true";
  if (b.current == Builder::Current::kAction) {
    b.action.privileged = value;
  } else {
    b.role.privileged = value;
    b.role.privileged_span = b.SpanOf(in);
  }
}
ROLEC_END_ACTION

// --- set_decl

ROLEC_ACTION(set_keyword) {
  b.items_started = true;
  b.set = SetDecl{};
  b.decl_begin = b.Begin(in);
  b.set.doc = b.TakeDoc(b.decl_begin);
}
ROLEC_END_ACTION

ROLEC_ACTION(set_name) {
  b.set.name = in.string();
  b.head_end = b.End(in);
}
ROLEC_END_ACTION

ROLEC_ACTION(listed_role) { b.names.push_back(b.MakeName(in.string_view(), b.SpanOf(in))); }
ROLEC_END_ACTION

ROLEC_ACTION(action_path) { b.action_items.push_back({ActionPath{in.string(), b.SpanOf(in)}}); }
ROLEC_END_ACTION

ROLEC_ACTION(action_set_name) {
  b.action_items.push_back({b.MakeName(in.string_view(), b.SpanOf(in))});
}
ROLEC_END_ACTION

ROLEC_ACTION(role_set) {
  b.set.kind = SetDecl::Kind::kRoles;
  b.set.roles = std::move(b.names);
  b.names.clear();
}
ROLEC_END_ACTION

ROLEC_ACTION(action_set) {
  b.set.kind = SetDecl::Kind::kActions;
  b.set.actions = std::move(b.action_items);
  b.action_items.clear();
}
ROLEC_END_ACTION

ROLEC_ACTION(set_decl) {
  b.set.span = b.SpanOf(b.decl_begin, b.head_end);
  b.file.items.emplace_back(std::move(b.set));
}
ROLEC_END_ACTION

// --- role_decl

ROLEC_ACTION(role_keyword) {
  b.items_started = true;
  b.role = RoleDecl{};
  b.current = Builder::Current::kRole;
  b.decl_begin = b.Begin(in);
  b.role.doc = b.TakeDoc(b.decl_begin);
}
ROLEC_END_ACTION

ROLEC_ACTION(role_name) {
  b.role.name.text = Unescape(in.string_view());
  b.role.name.quoted = true;
  b.role.name.span = b.SpanOf(in);
  b.head_end = b.End(in);
}
ROLEC_END_ACTION

ROLEC_ACTION(extended_role) { b.role.extends.push_back(b.MakeName(in.string_view(), b.SpanOf(in))); }
ROLEC_END_ACTION

ROLEC_ACTION(role_template_id) {
  b.role.template_id = Unescape(in.string_view());
  b.role.template_id_span = b.SpanOf(in);
}
ROLEC_END_ACTION

ROLEC_ACTION(role_description) { b.role.description = Unescape(in.string_view()); }
ROLEC_END_ACTION

ROLEC_ACTION(deprecated_value) { b.role.deprecated = in.string_view() == "true"; }
ROLEC_END_ACTION

ROLEC_ACTION(admin_unit_scopable_value) {
  b.role.admin_unit_scopable = in.string_view() == "true";
  b.role.admin_unit_scopable_span = b.SpanOf(in);
}
ROLEC_END_ACTION

ROLEC_ACTION(when_condition) { b.when_condition = b.PopCondition(); }
ROLEC_END_ACTION

template <bool kIsExcept>
struct rule_action {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    RuleDecl rule;
    rule.is_except = kIsExcept;
    rule.actions = std::move(b.action_items);
    b.action_items.clear();
    rule.condition = std::move(b.when_condition);
    size_t begin = b.Begin(in);
    rule.span = b.SpanOf(begin, begin + (kIsExcept ? 6 : 5));
    b.role.rules.push_back(std::move(rule));
  }
};
template <>
struct action<r::allow_rule> : rule_action<false> {};
template <>
struct action<r::except_rule> : rule_action<true> {};

ROLEC_ACTION(role_decl) {
  b.role.span = b.SpanOf(b.decl_begin, b.head_end);
  b.file.items.emplace_back(std::move(b.role));
  b.current = Builder::Current::kNone;
}
ROLEC_END_ACTION

// --- conditions

ROLEC_ACTION(condition_true) {
  auto node = std::make_unique<Condition>();
  node->kind = Condition::Kind::kTrue;
  b.PushCondition(std::move(node), b.Begin(in), b.End(in));
}
ROLEC_END_ACTION

ROLEC_ACTION(condition_false) {
  auto node = std::make_unique<Condition>();
  node->kind = Condition::Kind::kFalse;
  b.PushCondition(std::move(node), b.Begin(in), b.End(in));
}
ROLEC_END_ACTION

ROLEC_ACTION(negation) {
  auto node = std::make_unique<Condition>();
  node->kind = Condition::Kind::kNot;
  node->operands.push_back(b.PopCondition());
  b.PushCondition(std::move(node), b.Begin(in), b.End(in));
}
ROLEC_END_ACTION

ROLEC_ACTION(and_expr) { b.FoldChain(Condition::Kind::kAnd, b.Begin(in), b.End(in)); }
ROLEC_END_ACTION

ROLEC_ACTION(or_expr) { b.FoldChain(Condition::Kind::kOr, b.Begin(in), b.End(in)); }
ROLEC_END_ACTION

ROLEC_ACTION(is_word) {
  b.is_word = in.string();
  b.is_word_span = b.SpanOf(in);
}
ROLEC_END_ACTION

// `target is W` / `scope is W`: subject {kSubject}, op kIs, value ident W.
template <const char* kSubject>
struct is_predicate_action {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    auto node = std::make_unique<Condition>();
    node->kind = Condition::Kind::kPredicate;
    node->predicate.subject = {kSubject};
    node->predicate.op = PredicateOp::kIs;
    Value value;
    value.kind = Value::Kind::kIdent;
    value.text = std::move(b.is_word);
    value.span = std::move(b.is_word_span);
    node->predicate.value = std::move(value);
    b.PushCondition(std::move(node), b.Begin(in), b.End(in));
  }
};
inline constexpr char kTargetSubject[] = "target";
inline constexpr char kScopeSubject[] = "scope";
template <>
struct action<r::target_is> : is_predicate_action<kTargetSubject> {};
template <>
struct action<r::scope_is> : is_predicate_action<kScopeSubject> {};

ROLEC_ACTION(owned_target) {
  // `principal owns target`: subject {"principal"}, op kOwns, value ident "target".
  b.is_word = in.string();
  b.is_word_span = b.SpanOf(in);
}
ROLEC_END_ACTION

ROLEC_ACTION(principal_owns) {
  auto node = std::make_unique<Condition>();
  node->kind = Condition::Kind::kPredicate;
  node->predicate.subject = {"principal"};
  node->predicate.op = PredicateOp::kOwns;
  Value value;
  value.kind = Value::Kind::kIdent;
  value.text = std::move(b.is_word);
  value.span = std::move(b.is_word_span);
  node->predicate.value = std::move(value);
  b.PushCondition(std::move(node), b.Begin(in), b.End(in));
}
ROLEC_END_ACTION

ROLEC_ACTION(subject) {
  b.subject.clear();
  std::string_view text = in.string_view();
  for (size_t start = 0;;) {
    size_t dot = text.find('.', start);
    b.subject.emplace_back(text.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
}
ROLEC_END_ACTION

ROLEC_ACTION(op) {
  std::string_view text = in.string_view();
  if (text == "==") {
    b.op = PredicateOp::kEq;
  } else if (text == "!=") {
    b.op = PredicateOp::kNe;
  } else if (text == "in") {
    b.op = PredicateOp::kIn;
  } else if (text == "within") {
    b.op = PredicateOp::kWithin;
  } else {
    b.op = PredicateOp::kHas;
  }
}
ROLEC_END_ACTION

ROLEC_ACTION(comparison) {
  auto node = std::make_unique<Condition>();
  node->kind = Condition::Kind::kPredicate;
  node->predicate.subject = std::move(b.subject);
  b.subject.clear();
  node->predicate.op = b.op;
  if (b.op != PredicateOp::kNone) {
    node->predicate.value = std::move(b.values.back().value);
    b.values.pop_back();
    b.op = PredicateOp::kNone;
  }
  b.PushCondition(std::move(node), b.Begin(in), b.End(in));
}
ROLEC_END_ACTION

// --- values

ROLEC_ACTION(value_string) { b.PushScalar(in, Value::Kind::kString, Unescape(in.string_view())); }
ROLEC_END_ACTION

ROLEC_ACTION(value_bool) { b.PushScalar(in, Value::Kind::kBool, in.string()); }
ROLEC_END_ACTION

ROLEC_ACTION(value_word) { b.PushScalar(in, Value::Kind::kIdent, in.string()); }
ROLEC_END_ACTION

ROLEC_ACTION(qualified_value) {
  Value value;
  value.kind = Value::Kind::kName;
  value.span = b.SpanOf(in);
  value.name = b.MakeName(in.string_view(), value.span);
  b.values.push_back({std::move(value), b.Begin(in)});
}
ROLEC_END_ACTION

ROLEC_ACTION(value_list) {
  // The list's items are the entries that start after its '['.
  size_t begin = b.Begin(in);
  size_t first = b.values.size();
  while (first > 0 && b.values[first - 1].begin > begin) --first;
  Value list;
  list.kind = Value::Kind::kList;
  list.span = b.SpanOf(in);
  for (size_t i = first; i < b.values.size(); ++i) list.items.push_back(std::move(b.values[i].value));
  b.values.resize(first);
  b.values.push_back({std::move(list), begin});
}
ROLEC_END_ACTION

// --- test_decl

ROLEC_ACTION(test_keyword) {
  b.items_started = true;
  b.test = TestDecl{};
  b.decl_begin = b.Begin(in);
}
ROLEC_END_ACTION

ROLEC_ACTION(test_name) {
  b.test.name = Unescape(in.string_view());
  b.head_end = b.End(in);
}
ROLEC_END_ACTION

template <bool kAllow>
struct expect_action {
  template <typename Input>
  static void apply(const Input& /*in*/, Builder& b) {
    b.expectation = Expectation{};
    b.expectation.expect_allow = kAllow;
  }
};
template <>
struct action<r::expect_allow> : expect_action<true> {};
template <>
struct action<r::expect_deny> : expect_action<false> {};

ROLEC_ACTION(assigned_role) { b.assigned_role = b.MakeName(in.string_view(), b.SpanOf(in)); }
ROLEC_END_ACTION

ROLEC_ACTION(assignment_scope) { b.assignment_scope.emplace(Unescape(in.string_view()), b.SpanOf(in)); }
ROLEC_END_ACTION

ROLEC_ACTION(assignment) {
  TestAssignment assignment;
  assignment.role = std::move(b.assigned_role);
  if (b.assignment_scope) {
    assignment.scope = std::move(b.assignment_scope->first);
    assignment.scope_span = std::move(b.assignment_scope->second);
    b.assignment_scope.reset();
  }
  b.expectation.principal.push_back(std::move(assignment));
}
ROLEC_END_ACTION

ROLEC_ACTION(expected_action) { b.expectation.action = {in.string(), b.SpanOf(in)}; }
ROLEC_END_ACTION

ROLEC_ACTION(target_kind) {
  b.expectation.target.kind = in.string();
  b.expectation.target.kind_span = b.SpanOf(in);
}
ROLEC_END_ACTION

ROLEC_ACTION(target_roles) {
  auto& roles = b.expectation.target.roles;
  roles.insert(roles.end(), std::make_move_iterator(b.names.begin()),
               std::make_move_iterator(b.names.end()));
  b.names.clear();
}
ROLEC_END_ACTION

ROLEC_ACTION(admin_unit_id) { b.strings.push_back(Unescape(in.string_view())); }
ROLEC_END_ACTION

ROLEC_ACTION(owner_id) { b.strings.push_back(Unescape(in.string_view())); }
ROLEC_END_ACTION

template <std::vector<std::string> TargetSpec::*kField>
struct string_list_action {
  template <typename Input>
  static void apply(const Input& /*in*/, Builder& b) {
    auto& field = b.expectation.target.*kField;
    field.insert(field.end(), std::make_move_iterator(b.strings.begin()),
                 std::make_move_iterator(b.strings.end()));
    b.strings.clear();
  }
};
template <>
struct action<r::target_admin_units> : string_list_action<&TargetSpec::admin_units> {};
template <>
struct action<r::target_owners> : string_list_action<&TargetSpec::owners> {};
template <>
struct action<r::target_restricted_admin_units>
    : string_list_action<&TargetSpec::restricted_admin_units> {};

ROLEC_ACTION(target_id) { b.expectation.target.id = Unescape(in.string_view()); }
ROLEC_END_ACTION

ROLEC_ACTION(target_flag) { b.expectation.target.flags.emplace_back(in.string(), b.SpanOf(in)); }
ROLEC_END_ACTION

ROLEC_ACTION(context_word) { b.expectation.context.emplace_back(in.string(), b.SpanOf(in)); }
ROLEC_END_ACTION

ROLEC_ACTION(expectation) {
  b.expectation.span = b.SpanOf(in);
  b.test.expectations.push_back(std::move(b.expectation));
}
ROLEC_END_ACTION

ROLEC_ACTION(test_decl) {
  b.test.span = b.SpanOf(b.decl_begin, b.head_end);
  b.file.items.emplace_back(std::move(b.test));
}
ROLEC_END_ACTION

#undef ROLEC_ACTION
#undef ROLEC_END_ACTION

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

bool IsPathChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// How many bytes the caret run of an error at `offset` covers: the word or string that starts
// there, else one character.
size_t TokenLength(std::string_view text, size_t offset) {
  if (offset >= text.size()) return 1;
  char c = text[offset];
  if (IsPathChar(c) || c == '/') {
    if (c == '/' && offset + 1 < text.size() && (text[offset + 1] == '/' || text[offset + 1] == '*')) {
      return 2;  // a comment opener
    }
    size_t end = offset;
    while (end < text.size() && (IsPathChar(text[end]) || text[end] == '/')) ++end;
    return end - offset;
  }
  if (c == '"') {
    size_t end = offset + 1;
    while (end < text.size() && text[end] != '"' && text[end] != '\n' && text[end] != '\r') {
      end += text[end] == '\\' && end + 1 < text.size() && text[end + 1] != '\n' ? 2 : 1;
    }
    if (end < text.size() && text[end] == '"') ++end;
    return end - offset;
  }
  if (c == '\\') return offset + 1 < text.size() && text[offset + 1] != '\n' ? 2 : 1;
  return Utf8SequenceLength(text, offset);
}

// The diagnostic of a syntax error raised at `offset`; `previous_token_end` is where the token
// before it ended (equal to `offset` if unknown).
Diagnostic MakeDiagnostic(std::string_view text, const LineIndex& lines, std::string_view path,
                          size_t offset, size_t previous_token_end, const rules::ErrorMessage& error,
                          std::string message) {
  size_t length = 1;
  bool at_end = offset >= text.size();
  if (at_end && previous_token_end == offset) {
    // No token boundary known: step back over trailing whitespace.
    previous_token_end = text.size();
    while (previous_token_end > 0 && std::strchr(" \t\r\n\f\v", text[previous_token_end - 1]) != nullptr) {
      --previous_token_end;
    }
  }
  if (at_end || (error.anchor == rules::ErrorAnchor::kAfterPreviousToken &&
                 lines.Locate(previous_token_end).line < lines.Locate(offset).line)) {
    offset = previous_token_end;  // just after the previous token; length 1
  } else {
    if (error.anchor == rules::ErrorAnchor::kActionPathStart) {
      while (offset > 0 && (IsPathChar(text[offset - 1]) || text[offset - 1] == '/')) --offset;
    }
    length = TokenLength(text, offset);
  }
  LineColumn at = lines.Locate(offset);
  Diagnostic diagnostic;
  diagnostic.severity = Severity::kError;
  diagnostic.code = error.code;
  diagnostic.message = std::move(message);
  diagnostic.help = error.help != nullptr ? error.help : "";
  diagnostic.span.file = std::string(path);
  diagnostic.span.line = at.line;
  diagnostic.span.column = at.column;
  size_t line_end = lines.LineEnd(at.line);
  diagnostic.span.length = static_cast<uint32_t>(
      std::max<size_t>(1, std::min(length, line_end > offset ? line_end - offset : 1)));
  diagnostic.source_line = SanitizeUtf8(text.substr(offset - (at.column - 1), line_end - (offset - (at.column - 1))));
  return diagnostic;
}
Diagnostic MakeDiagnostic(std::string_view text, std::string_view path, size_t offset,
                          size_t previous_token_end, const rules::ErrorMessage& error,
                          std::string message) {
  return MakeDiagnostic(text, LineIndex(text), path, offset, previous_token_end, error,
                        std::move(message));
}

// ---------------------------------------------------------------------------------------------
// Keyword suggestions
// ---------------------------------------------------------------------------------------------

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The identifier-like word that starts at `offset` ("" if none).
std::string_view WordAt(std::string_view text, size_t offset) {
  if (offset >= text.size() || !IsWordChar(text[offset]) || (text[offset] >= '0' && text[offset] <= '9')) {
    return {};
  }
  size_t end = offset;
  while (end < text.size() && IsWordChar(text[end])) ++end;
  return text.substr(offset, end - offset);
}

// The keyword of `keywords` (separated by spaces) that `word` is a near miss of: within an edit
// distance of 2 and of a third of the word's length (so `rol` -> `role`, but `st` is nobody's
// typo), case aside. "" if none, or if `word` is one of them exactly (then it is misplaced, not
// misspelt).
std::string_view SuggestKeyword(std::string_view word, std::string_view keywords) {
  if (word.empty()) return {};
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const size_t bound = std::min<size_t>(2, word.size() / 3);
  std::string_view best;
  size_t best_distance = bound + 1;
  while (!keywords.empty()) {
    size_t space = keywords.find(' ');
    std::string_view keyword = keywords.substr(0, space);
    keywords = space == std::string_view::npos ? std::string_view() : keywords.substr(space + 1);
    if (keyword == word) return {};
    size_t distance = EditDistance(lower, keyword, bound);
    if (distance < best_distance) {
      best = keyword;
      best_distance = distance;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Recovery
// ---------------------------------------------------------------------------------------------
//
// After a syntax error the parser skips to the start of a line where it can resume, and parses the
// rest of the file from there, so that one run reports every syntax error. It resumes only where a
// line's first token starts a statement:
//   - inside the body the error was in (counting '{' and '}' from the body's own '{', outside
//     strings and comments): a line that starts with one of that body's keywords, or with the '}'
//     that closes it;
//   - anywhere: a line that starts with a top-level keyword (then the body, if any, is left).
// The first such line at or after the error, and after where the failed parse began, so each step
// moves forward. Everything skipped is unparsed: one typo is one error, never a cascade of errors
// about the lines after it. The file of a parse with an error is still null.

constexpr size_t kMaxSyntaxErrors = 100;

enum class ResumeMode { kPrologue, kItems, kActionBody, kRoleBody, kTestBody };

struct ResumePoint {
  size_t offset = 0;
  ResumeMode mode = ResumeMode::kItems;
};

constexpr std::string_view kTopLevelKeywords[] = {"role", "set", "action", "test", "module", "import"};
constexpr std::string_view kActionBodyKeywords[] = {"description", "privileged", "custom_allowed",
                                                    "protected", "requires"};
constexpr std::string_view kRoleBodyKeywords[] = {"allow", "except", "id", "description", "privileged",
                                                  "deprecated", "admin_unit_scopable"};
constexpr std::string_view kTestBodyKeywords[] = {"allow", "deny"};

template <size_t N>
bool IsOneOf(std::string_view word, const std::string_view (&keywords)[N]) {
  return std::find(std::begin(keywords), std::end(keywords), word) != std::end(keywords);
}

bool IsBodyKeyword(Builder::Body body, std::string_view word) {
  switch (body) {
    case Builder::Body::kAction:
      return IsOneOf(word, kActionBodyKeywords);
    case Builder::Body::kRole:
      return IsOneOf(word, kRoleBodyKeywords);
    case Builder::Body::kTest:
      return IsOneOf(word, kTestBodyKeywords);
    case Builder::Body::kNone:
      break;
  }
  return false;
}

ResumeMode BodyMode(Builder::Body body) {
  switch (body) {
    case Builder::Body::kAction:
      return ResumeMode::kActionBody;
    case Builder::Body::kRole:
      return ResumeMode::kRoleBody;
    default:
      return ResumeMode::kTestBody;
  }
}

// Where to resume, at or after `resume_from`, after an error in a parse that began at `parse_begin`.
// `body` is the body open at the error (kNone: none) and `scan_from` where to start counting braces:
// just after that body's '{' (or, when the failed parse itself resumed inside it, where that parse
// began, at depth 1). std::nullopt: nowhere, the error was the last.
std::optional<ResumePoint> FindResumePoint(std::string_view text, size_t resume_from,
                                           size_t parse_begin, Builder::Body body, size_t scan_from,
                                           bool prologue) {
  int depth = 1;  // braces open, counting the body's own (meaningful only while `body` is open)
  bool line_start = false;
  const ResumeMode top_mode = prologue ? ResumeMode::kPrologue : ResumeMode::kItems;
  for (size_t i = scan_from; i < text.size();) {
    if (line_start) {
      line_start = false;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
      if (i >= text.size()) break;
      if (i > parse_begin && i >= resume_from) {
        std::string_view word = WordAt(text, i);
        if (IsOneOf(word, kTopLevelKeywords)) return ResumePoint{i, top_mode};
        if (body != Builder::Body::kNone && depth == 1 &&
            (text[i] == '}' || IsBodyKeyword(body, word))) {
          return ResumePoint{i, BodyMode(body)};
        }
      }
    }
    const char c = text[i];
    if (c == '\n') {
      line_start = true;
      ++i;
    } else if (c == '"') {  // a string: to its closing quote, or the end of its line
      ++i;
      while (i < text.size() && text[i] != '"' && text[i] != '\n') i += text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n' ? 2 : 1;
      if (i < text.size() && text[i] == '"') ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t close = text.find("*/", i + 2);
      if (close == std::string_view::npos) break;  // unterminated: it runs to the end of the file
      i = close + 2;  // (a line that starts inside the comment starts no statement)
    } else {
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) body = Builder::Body::kNone;  // the body closed: only top-level
      ++i;
    }
  }
  return std::nullopt;
}

Diagnostic InternalError(std::string_view path, const std::string& what) {
  Diagnostic diagnostic;
  diagnostic.code = "E0100";
  diagnostic.message = fmt::format("internal parser error: {}", what);
  diagnostic.span.file = std::string(path);
  diagnostic.span.line = 1;
  diagnostic.span.column = 1;
  diagnostic.help = "this is a bug in rolec; please report it with the file that caused it";
  return diagnostic;
}

}  // namespace

ParseResult Parse(std::string_view text, std::string_view path, const ParseOptions& options) {
  ParseResult result;
  // Bytes first: the grammar assumes UTF-8 text without NULs (strings and comments may hold any
  // UTF-8), and a caret under a broken byte must still print as text. Control characters are
  // refused here too, wherever they are, so that no name, string or comment of a hostile file can
  // carry one to a terminal or a CI log.
  if (std::optional<InvalidByte> bad = FindInvalidByte(text)) {
    using Kind = InvalidByte::Kind;
    const rules::ErrorMessage& error =
        bad->kind == Kind::kNul       ? rules::error_message<rules::nul_byte>
        : bad->kind == Kind::kControl ? rules::error_message<rules::control_character>
                                      : rules::error_message<rules::invalid_utf8>;
    std::string message = error.message;
    if (bad->kind == Kind::kControl) {
      message = rules::FormatErrorMessage(
          error.message, fmt::format("{:04X}", static_cast<unsigned char>(text[bad->offset])));
    }
    result.diagnostics.push_back(
        MakeDiagnostic(text, path, bad->offset, bad->offset, error, std::move(message)));
    result.diagnostics.back().span.length = 1;
    return result;
  }
  // Bidirectional controls (Trojan Source): an error between tokens, a warning in a string or a
  // comment; the warnings stay with the file's other diagnostics whether or not it parses.
  // At most kMaxBidiWarnings warnings: a file full of them must not cost a diagnostic (and a copy
  // of its line) per character.
  constexpr size_t kMaxBidiWarnings = 10;
  const std::vector<BidiControl> bidi_controls = FindBidiControls(text);
  size_t bidi_warnings = 0;
  for (const BidiControl& bidi : bidi_controls) {
    const std::string code_point = fmt::format("{:04X}", static_cast<uint32_t>(bidi.code_point));
    if (bidi.where == BidiControl::Where::kCode) {
      const rules::ErrorMessage& error = rules::error_message<rules::bidi_control>;
      result.diagnostics.clear();
      result.diagnostics.push_back(MakeDiagnostic(text, path, bidi.offset, bidi.offset, error,
                                                  rules::FormatErrorMessage(error.message, code_point)));
      result.diagnostics.back().span.length = static_cast<uint32_t>(BidiControlLength(text, bidi.offset));
      return result;
    }
    if (bidi_warnings == kMaxBidiWarnings) continue;  // still looking for an E0109
    ++bidi_warnings;
    Diagnostic warning = MakeDiagnostic(text, path, bidi.offset, bidi.offset,
                                        rules::error_message<rules::bidi_control>, "");
    warning.severity = Severity::kWarning;
    warning.code = "W0110";
    warning.message = fmt::format("bidirectional control character U+{} ({}) in a {}", code_point,
                                  BidiControlName(bidi.code_point),
                                  bidi.where == BidiControl::Where::kString ? "string" : "comment");
    warning.help =
        "it reorders how the rest of the line is displayed, so the line may not read as what it "
        "is; remove it unless the text needs it";
    warning.span.length = static_cast<uint32_t>(BidiControlLength(text, bidi.offset));
    result.diagnostics.push_back(std::move(warning));
  }
  if (bidi_controls.size() > kMaxBidiWarnings && !result.diagnostics.empty()) {
    result.diagnostics.back().help += fmt::format(
        " ({} more bidirectional control characters in this file are not listed)",
        bidi_controls.size() - kMaxBidiWarnings);
  }
  try {
    Builder builder(text, path, options.max_nesting_depth);
    pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(text.data(), text.size(),
                                                                           std::string(path));
    // The first parse reads the whole file; after each syntax error, one resumes further on
    // (Recovery, above) until the end of the file or kMaxSyntaxErrors errors.
    std::optional<ResumePoint> resume;
    size_t parse_begin = 0;
    size_t syntax_errors = 0;
    for (;;) {
      try {
        in.restart();
        in.bump(parse_begin);
        // INVARIANT: each of these either matches the rest of the input or raises (they end in
        // file_end).
        bool matched = false;
        switch (resume ? resume->mode : ResumeMode::kPrologue) {
          case ResumeMode::kPrologue:
            matched = resume ? pegtl::parse<r::resume_prologue, action, r::control>(in, builder)
                             : pegtl::parse<r::file, action, r::control>(in, builder);
            break;
          case ResumeMode::kItems:
            matched = pegtl::parse<r::resume_items, action, r::control>(in, builder);
            break;
          case ResumeMode::kActionBody:
            matched = pegtl::parse<r::resume_action_body, action, r::control>(in, builder);
            break;
          case ResumeMode::kRoleBody:
            matched = pegtl::parse<r::resume_role_body, action, r::control>(in, builder);
            break;
          case ResumeMode::kTestBody:
            matched = pegtl::parse<r::resume_test_body, action, r::control>(in, builder);
            break;
        }
        if (!matched) {
          result.diagnostics.push_back(InternalError(path, "the grammar did not match"));
          return result;
        }
        break;
      } catch (const r::SyntaxError& error) {
        result.diagnostics.push_back(MakeDiagnostic(text, builder.lines(), path, error.offset,
                                                    error.previous_token_end, *error.error,
                                                    error.message));
        if (error.error->keywords != nullptr) {
          std::string_view suggestion = SuggestKeyword(WordAt(text, error.offset), error.error->keywords);
          if (!suggestion.empty()) {
            result.diagnostics.back().help = fmt::format("did you mean '{}'?", suggestion);
          }
        }
        const bool target_unclosed = error.error == &r::error_message<r::target_unclosed>;
        const bool unclosed = target_unclosed || error.error == &r::error_message<r::role_unclosed> ||
                              error.error == &r::error_message<r::action_unclosed> ||
                              error.error == &r::error_message<r::test_unclosed>;
        if (unclosed) {
          const size_t brace = target_unclosed ? builder.target_brace : builder.open_brace;
          Diagnostic note = MakeDiagnostic(text, builder.lines(), path, brace, brace,
                                           r::error_message<r::role_unclosed>, "this '{' is not closed");
          note.severity = Severity::kNote;
          note.code.clear();
          note.help.clear();
          note.span.length = 1;
          result.diagnostics.push_back(std::move(note));
        }
        if (++syntax_errors == kMaxSyntaxErrors) {
          // At the last error: the file is not checked after it.
          Diagnostic note = result.diagnostics.back();
          note.severity = Severity::kNote;
          note.code.clear();
          note.help.clear();
          note.message = fmt::format(
              "stopped after {} syntax errors; the rest of the file is not checked", kMaxSyntaxErrors);
          result.diagnostics.push_back(std::move(note));
          break;
        }
        // Braces count from the open body's '{'; or, if that '{' is before where this parse began
        // (it resumed inside the body, at depth 1 of it), from there.
        const size_t scan_from = builder.open_body == Builder::Body::kNone || builder.open_brace < parse_begin
                                     ? parse_begin
                                     : builder.open_brace + 1;
        // Resuming at the token the error was raised at would report it again, unless the error is
        // not about that token: a missing '}' before it, or a missing token at the end of the line
        // before it.
        const bool at_line_before =
            error.error->anchor == r::ErrorAnchor::kAfterPreviousToken &&
            builder.lines().Locate(error.previous_token_end).line < builder.lines().Locate(error.offset).line;
        const size_t resume_from = unclosed || at_line_before ? error.offset : error.offset + 1;
        resume = FindResumePoint(text, resume_from, parse_begin, builder.open_body, scan_from,
                                 !builder.items_started);
        if (!resume || resume->offset <= parse_begin) break;  // (never: each step moves forward)
        parse_begin = resume->offset;
        builder.ResetScratch();
        if (resume->mode == ResumeMode::kPrologue || resume->mode == ResumeMode::kItems) {
          builder.open_body = Builder::Body::kNone;
        }
      }
    }
    if (syntax_errors == 0) result.file = std::make_unique<File>(std::move(builder.file));
  } catch (const pegtl::parse_error& error) {
    result.diagnostics.push_back(InternalError(path, error.what()));
  } catch (const std::bad_alloc&) {
    result.diagnostics.push_back(InternalError(path, "out of memory"));
  }
  return result;
}

std::string SourceLine(std::string_view text, uint32_t line) {
  if (line == 0) return "";
  size_t begin = 0;
  for (uint32_t current = 1; current < line; ++current) {
    size_t newline = text.find('\n', begin);
    if (newline == std::string_view::npos) return "";
    begin = newline + 1;
  }
  size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  return std::string(text.substr(begin, end - begin));
}

}  // namespace rolec::grammar
