// format/printer.cc — Print: the layout rules of docs/fmt.md over the token stream.
//
// Two halves: a line writer (Emit, StartLine, Blank) that places tokens and their comments, and a
// recursive descent over the grammar (File, Role, Set, Action, Test, conditions) that decides where
// lines break. A construct that can be laid out on one line or broken over several stays on one
// line only if it fits in kLineWidth, holds no comment, and was on one line in the source (so a
// list or a condition the author broke stays broken, as gofmt keeps a composite literal).
#include "format/printer.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "fmt/format.h"

namespace rolec::format {
namespace {

// How a token is separated from what precedes it on its line.
constexpr int kNoSpace = -1;
constexpr int kSpace = -2;
// (any value >= 0: pad with spaces up to that column, at least one space)

// The column where role and action metadata values start: keys are padded to the width of
// `description`.
constexpr int kKeyWidth = 11;

int Width(std::string_view text) {
  int width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

// A condition as the descent reads it: a chain of operands joined by one operator (`and` or `or`,
// flattened as the parser flattens it), a negation, a parenthesized condition or a predicate.
struct CondNode {
  enum class Kind { kChain, kNot, kParen, kAtom };
  Kind kind = Kind::kAtom;
  size_t first = 0;  // token index of the first token
  size_t last = 0;   // token index of the last token
  std::vector<CondNode> operands;
  std::vector<size_t> ops;  // kChain: the operator token before operands[k + 1]
};

class Printer {
 public:
  explicit Printer(const std::vector<Token>& tokens) : t_(tokens) {}

  absl::StatusOr<std::string> Run() {
    File();
    if (!error_.empty()) {
      return absl::InternalError(fmt::format("the formatter cannot lay out line {}: {}",
                                             t_[std::min(i_, t_.size() - 1)].line, error_));
    }
    return std::move(out_);
  }

 private:
  // ----------------------------------------------------------------------------------------------
  // The line writer.

  // The current column: the width of the line after its last line break (a block comment printed
  // inline may span lines).
  int Col() const {
    if (line_.empty()) return line_indent_;
    const size_t newline = line_.rfind('\n');
    return Width(newline == std::string::npos ? std::string_view(line_)
                                              : std::string_view(line_).substr(newline + 1));
  }

  // The column where a token emitted with `sep` would start.
  int ColAfter(int sep) const {
    if (line_.empty()) return line_indent_;
    if (sep == kNoSpace) return Col();
    if (sep == kSpace) return Col() + 1;
    return std::max(sep, Col() + 1);
  }

  void Flush() {
    if (!deferred_trailing_.empty()) {
      if (line_.empty()) line_.assign(static_cast<size_t>(line_indent_), ' ');
      line_ += "  " + deferred_trailing_;
      deferred_trailing_.clear();
      deferred_ends_line_ = false;
    }
    if (line_.empty()) return;
    while (!line_.empty() && line_.back() == ' ') line_.pop_back();
    out_ += line_;
    out_ += '\n';
    line_.clear();
  }

  void StartLine(int indent) {
    Flush();
    line_indent_ = std::max(indent, 0);
  }

  // Ensures one blank line before what comes next (none at the start of the file).
  void Blank() {
    Flush();
    if (!out_.empty() && !(out_.size() >= 2 && out_.compare(out_.size() - 2, 2, "\n\n") == 0)) {
      out_ += '\n';
    }
  }

  void CommentLine(int indent, const std::string& text) {
    Flush();
    out_.append(static_cast<size_t>(indent), ' ');
    out_ += text;
    out_ += '\n';
  }

  // Places token `k`: its leading comments on lines of their own (at `comment_indent` if the token
  // starts a line and that is >= 0, else at the token's indentation), its inline comments just
  // before it, its trailing comments at the end of its line. `cont` is the indentation of the new
  // line a comment forces in the middle of a construct.
  void Emit(size_t k, int sep, int cont, int comment_indent = -1) {
    const Token& token = t_[k];
    std::vector<Comment> leading = std::move(pending_leading_);
    pending_leading_.clear();
    leading.insert(leading.end(), token.leading.begin(), token.leading.end());
    const bool glue = sep == kNoSpace && leading.empty() && token.inline_before.empty();
    if (!leading.empty()) {
      int indent = cont;
      if (line_.empty() && deferred_trailing_.empty()) {
        indent = comment_indent >= 0 ? comment_indent : line_indent_;
        cont = line_indent_;
      }
      Flush();
      for (size_t c = 0; c < leading.size(); ++c) {
        if (c > 0 && leading[c].blank_before) Blank();
        CommentLine(indent, leading[c].text);
      }
      if (token.blank_before && !token.leading.empty()) Blank();
      line_indent_ = cont;
    } else if (!deferred_trailing_.empty() && !glue) {
      Flush();
      line_indent_ = cont;
    }
    if (line_.empty()) {
      line_.assign(static_cast<size_t>(line_indent_), ' ');
    } else if (sep == kSpace || (sep == kNoSpace && !token.inline_before.empty())) {
      line_ += ' ';
    } else if (sep >= 0) {
      line_.append(static_cast<size_t>(std::max(1, sep - Col())), ' ');
    }
    for (const Comment& c : token.inline_before) line_ += c.text + " ";
    line_ += token.text;
    for (const Comment& c : token.trailing) {
      if (deferred_ends_line_) {
        // After a `//` comment nothing more fits on the line (a glued `,` brought a second
        // trailing comment): this one goes on a line of its own before the next token, as the
        // leading comment it will be when the output is read again.
        pending_leading_.push_back(c);
        pending_leading_.back().blank_before = false;
        continue;
      }
      if (!deferred_trailing_.empty()) deferred_trailing_ += ' ';
      deferred_trailing_ += c.text;
      deferred_ends_line_ = c.text.compare(0, 2, "//") == 0;
    }
  }

  // Text the source did not have (a comma the layout adds): no comments, glued like a token.
  void EmitText(std::string_view text) {
    if (line_.empty()) line_.assign(static_cast<size_t>(line_indent_), ' ');
    line_ += text;
  }

  // ----------------------------------------------------------------------------------------------
  // Token ranges.

  bool At(std::string_view text) const { return t_[i_].Is(text); }
  bool AtKind(Token::Kind kind) const { return t_[i_].kind == kind; }
  bool AtEnd() const { return t_[i_].kind == Token::Kind::kEnd; }

  bool Fail(std::string_view what) {
    if (error_.empty()) {
      error_ = fmt::format("expected {}, found '{}'", what, AtEnd() ? "end of file" : t_[i_].text);
    }
    return false;
  }

  // Consumes the current token if it is `text`.
  bool Take(std::string_view text, size_t* k) {
    if (!At(text)) return Fail(fmt::format("'{}'", text));
    *k = i_++;
    return true;
  }
  bool TakeKind(Token::Kind kind, std::string_view what, size_t* k) {
    if (!AtKind(kind)) return Fail(what);
    *k = i_++;
    return true;
  }

  // A comment anywhere between the first and the last token of [a, b].
  bool HasComments(size_t a, size_t b) const {
    for (size_t k = a; k <= b; ++k) {
      if (k > a && t_[k].HasComments()) return true;
      if (k < b && !t_[k].trailing.empty()) return true;
    }
    return false;
  }

  bool SameLine(size_t a, size_t b) const { return t_[a].line == t_[b].line; }

  // A blank line in the source before token k (or before its first leading comment).
  bool BlankBefore(size_t k) const {
    return t_[k].leading.empty() ? t_[k].blank_before : t_[k].leading.front().blank_before;
  }

  static bool IsOpen(const Token& t) { return t.Is("(") || t.Is("["); }
  static bool IsClose(const Token& t) { return t.Is(")") || t.Is("]") || t.Is(","); }

  // The separator of token k from token k - 1 when a range is printed on one line.
  int FlatSep(size_t k) const {
    if (IsClose(t_[k]) || IsOpen(t_[k - 1])) return kNoSpace;
    if (t_[k - 1].Is("{") && t_[k].Is("}")) return kNoSpace;
    return kSpace;
  }

  int FlatWidth(size_t a, size_t b) const {
    int width = 0;
    for (size_t k = a; k <= b; ++k) {
      if (k > a && k < b && t_[k].Is(",") && t_[k + 1].Is("]")) continue;  // dropped (EmitFlat)
      width += Width(t_[k].text);
      if (k > a && FlatSep(k) == kSpace) ++width;
    }
    return width;
  }

  // Prints [a, b] on one line (unless a comment forces a break), without the trailing comma of a
  // bracketed list (`[a, b,]` -> `[a, b]`) when that comma holds no comment.
  void EmitFlat(size_t a, size_t b, int sep, int cont) {
    for (size_t k = a; k <= b; ++k) {
      if (k > a && k < b && t_[k].Is(",") && t_[k + 1].Is("]") && !t_[k].HasComments() &&
          t_[k].trailing.empty()) {
        continue;
      }
      Emit(k, k == a ? sep : FlatSep(k), cont);
    }
  }

  // Whether [a, b] may be printed on one line starting with `sep` at the current position.
  bool FitsFlat(size_t a, size_t b, int sep, int suffix = 0) const {
    return !HasComments(a, b) && SameLine(a, b) &&
           ColAfter(sep) + FlatWidth(a, b) + suffix <= kLineWidth && deferred_trailing_.empty();
  }

  // ----------------------------------------------------------------------------------------------
  // File and declarations.

  void File() {
    bool header = false;
    size_t k = 0;
    if (At("module")) {
      Emit(i_++, kNoSpace, 4);
      if (!TakeKind(Token::Kind::kWord, "a module name", &k)) return;
      Emit(k, kSpace, 4);
      header = true;
    }
    while (At("import")) {
      if (header && BlankBefore(i_)) Blank();
      StartLine(0);
      Emit(i_++, kNoSpace, 4);
      if (!TakeKind(Token::Kind::kWord, "a module name", &k)) return;
      Emit(k, kSpace, 4);
      header = true;
    }
    bool first = true;
    while (!AtEnd()) {
      if (header || !first) Blank();
      StartLine(0);
      if (!Declaration()) return;
      first = false;
    }
    const Token& end = t_[i_];
    for (const Comment& c : pending_leading_) CommentLine(0, c.text);
    pending_leading_.clear();
    for (size_t c = 0; c < end.leading.size(); ++c) {
      if (end.leading[c].blank_before) Blank();
      CommentLine(0, end.leading[c].text);
    }
    Flush();
  }

  bool Declaration() {
    if (At("role")) return Role();
    if (At("set")) return Set();
    if (At("action")) return Action();
    if (At("test")) return Test();
    return Fail("a declaration (role, set, action or test)");
  }

  // `{` items `}` at `indent`; `item` prints one item at indent + 2.
  template <typename Item>
  bool Body(int indent, Item item) {
    size_t open = 0;
    if (!Take("{", &open)) return false;
    Emit(open, kSpace, indent + 2);
    if (At("}") && !t_[i_].HasComments()) {
      Emit(i_++, kNoSpace, indent);
      return true;
    }
    bool first = true;
    while (!At("}")) {
      if (AtEnd()) return Fail("'}'");
      if (!first && BlankBefore(i_)) Blank();
      StartLine(indent + 2);
      if (!(this->*item)(indent + 2)) return false;
      first = false;
    }
    StartLine(indent);
    Emit(i_++, kNoSpace, indent, indent + 2);
    return true;
  }

  // `key value` with the value at the metadata column.
  bool KeyValue(int indent, Token::Kind value_kind, std::string_view what) {
    size_t key = i_++;
    size_t value = 0;
    Emit(key, kNoSpace, indent + 4);
    if (!TakeKind(value_kind, what, &value)) return false;
    Emit(value, indent + kKeyWidth + 1, indent + 4);
    return true;
  }

  bool IsBool() const { return At("true") || At("false"); }

  bool Role() {
    Emit(i_++, kNoSpace, 4);
    size_t k = 0;
    if (!TakeKind(Token::Kind::kString, "a role name", &k)) return false;
    Emit(k, kSpace, 4);
    if (At("extends")) {
      Emit(i_++, kSpace, 4);
      if (!RoleRef(&k)) return false;
      Emit(k, kSpace, 4);
      while (At(",")) {
        Emit(i_++, kNoSpace, 4);
        if (!RoleRef(&k)) return false;
        Emit(k, kSpace, 4);
      }
    }
    return Body(0, &Printer::RoleItem);
  }

  bool RoleRef(size_t* k) {
    if (AtKind(Token::Kind::kString) || AtKind(Token::Kind::kWord)) {
      *k = i_++;
      return true;
    }
    return Fail("a role reference");
  }

  bool RoleItem(int indent) {
    if (At("allow") || At("except")) return Rule(indent);
    if (At("id") || At("description")) return KeyValue(indent, Token::Kind::kString, "a string");
    if (At("privileged") || At("deprecated") || At("admin_unit_scopable")) {
      return KeyValue(indent, Token::Kind::kWord, "true or false");
    }
    return Fail("a role item");
  }

  // `allow a, b` / `except a` and its `when` on the next line.
  bool Rule(int indent) {
    size_t keyword = i_++;
    Emit(keyword, kNoSpace, indent + 4);
    const int item_col = indent + Width(t_[keyword].text) + 1;
    std::vector<size_t> items;
    std::vector<size_t> commas;
    if (!AtKind(Token::Kind::kWord)) return Fail("an action or an action set");
    items.push_back(i_++);
    while (At(",")) {
      commas.push_back(i_++);
      if (!AtKind(Token::Kind::kWord)) return Fail("an action or an action set");
      items.push_back(i_++);
    }
    if (FitsFlat(items.front(), items.back(), kSpace)) {
      EmitFlat(items.front(), items.back(), kSpace, item_col);
    } else {
      for (size_t n = 0; n < items.size(); ++n) {
        if (n > 0) StartLine(item_col);
        Emit(items[n], n == 0 ? kSpace : kNoSpace, item_col);
        if (n < commas.size()) Emit(commas[n], kNoSpace, item_col);
      }
    }
    if (At("when")) {
      StartLine(indent + 2);
      Emit(i_++, kNoSpace, indent + 6);
      CondNode condition;
      if (!Condition(&condition)) return false;
      PrintCondition(condition, true, 0, kSpace);
    }
    return true;
  }

  bool Set() {
    Emit(i_++, kNoSpace, 4);
    size_t k = 0;
    if (!At("roles") && !At("actions")) return Fail("'roles' or 'actions'");
    Emit(i_++, kSpace, 4);
    if (!TakeKind(Token::Kind::kWord, "a set name", &k)) return false;
    Emit(k, kSpace, 4);
    if (!Take("=", &k)) return false;
    Emit(k, kSpace, 4);
    return List(0, kSpace);
  }

  // `[ item, ... ]` of single-token items (role references, action items, strings): on one line,
  // or one item per line at indent + 2, each with a comma, and `]` at `indent`.
  bool List(int indent, int sep) {
    size_t open = 0;
    if (!Take("[", &open)) return false;
    std::vector<size_t> items;
    std::vector<size_t> commas;
    while (!At("]")) {
      if (!AtKind(Token::Kind::kWord) && !AtKind(Token::Kind::kString)) return Fail("a list item");
      items.push_back(i_++);
      if (At(",")) {
        commas.push_back(i_++);
      } else if (!At("]")) {
        return Fail("',' or ']'");
      }
    }
    size_t close = i_++;
    bool flat = !HasComments(open, close) && SameLine(open, close) && deferred_trailing_.empty();
    if (flat) {
      int width = 2;
      for (size_t n = 0; n < items.size(); ++n) width += Width(t_[items[n]].text) + (n > 0 ? 2 : 0);
      flat = ColAfter(sep) + width <= kLineWidth;
    }
    if (flat) {  // the trailing comma, if any, is dropped (it holds no comment: HasComments)
      Emit(open, sep, indent + 2);
      for (size_t n = 0; n < items.size(); ++n) {
        Emit(items[n], n == 0 ? kNoSpace : kSpace, indent + 2);
        if (n + 1 < items.size()) Emit(commas[n], kNoSpace, indent + 2);
      }
      Emit(close, kNoSpace, indent);
      return true;
    }
    Emit(open, sep, indent + 2);
    for (size_t n = 0; n < items.size(); ++n) {
      StartLine(indent + 2);
      Emit(items[n], kNoSpace, indent + 4);
      if (n < commas.size()) {
        Emit(commas[n], kNoSpace, indent + 2);
      } else {
        EmitText(",");
      }
    }
    StartLine(indent);
    Emit(close, kNoSpace, indent, indent + 2);
    return true;
  }

  bool Action() {
    Emit(i_++, kNoSpace, 4);
    size_t k = 0;
    if (!TakeKind(Token::Kind::kWord, "an action path", &k)) return false;
    Emit(k, kSpace, 4);
    return Body(0, &Printer::ActionItem);
  }

  bool ActionItem(int indent) {
    if (At("description")) return KeyValue(indent, Token::Kind::kString, "a string");
    if (At("privileged") || At("custom_allowed") || At("protected")) {
      return KeyValue(indent, Token::Kind::kWord, "true or false");
    }
    if (At("requires")) {
      Emit(i_++, kNoSpace, indent + 4);
      CondNode condition;
      if (!Condition(&condition)) return false;
      PrintCondition(condition, true, 0, indent + kKeyWidth + 1);
      return true;
    }
    return Fail("an action property");
  }

  bool Test() {
    Emit(i_++, kNoSpace, 4);
    size_t k = 0;
    if (!TakeKind(Token::Kind::kString, "a test name", &k)) return false;
    Emit(k, kSpace, 4);
    return Body(0, &Printer::Expectation);
  }

  // A token range [first, last] of an expectation.
  struct Segment {
    size_t first = 0;
    size_t last = 0;
  };

  // `allow A @ "/s", B ACTION on KIND { fields } with mfa`: the keyword padded to `allow `, the
  // assignments, then the action, the `on` clause and the `with` clause each on the same line if
  // they fit, else on a continuation line under the first assignment.
  bool Expectation(int indent) {
    if (!At("allow") && !At("deny")) return Fail("'allow', 'deny' or '}'");
    const int cont = indent + 6;
    Emit(i_++, kNoSpace, cont);
    // Assignments.
    std::vector<Segment> assignments;
    std::vector<size_t> commas;
    while (true) {
      Segment a;
      if (!RoleRef(&a.first)) return false;
      a.last = a.first;
      if (At("@")) {
        ++i_;
        if (!AtKind(Token::Kind::kString)) return Fail("a scope string");
        a.last = i_++;
      }
      assignments.push_back(a);
      if (!At(",")) break;
      commas.push_back(i_++);
    }
    if (FitsFlat(assignments.front().first, assignments.back().last, cont)) {
      EmitFlat(assignments.front().first, assignments.back().last, cont, cont);
    } else {
      for (size_t n = 0; n < assignments.size(); ++n) {
        if (n > 0) StartLine(cont);
        EmitFlat(assignments[n].first, assignments[n].last, n == 0 ? cont : kNoSpace, cont);
        if (n < commas.size()) Emit(commas[n], kNoSpace, cont);
      }
    }
    // The action.
    size_t action = 0;
    if (!TakeKind(Token::Kind::kWord, "an action path", &action)) return false;
    Continue(action, action, cont);
    Emit(action, kSpace, cont);
    // `on KIND [{ ... }]`.
    if (At("on")) {
      size_t on = i_++;
      size_t kind = 0;
      if (!TakeKind(Token::Kind::kWord, "a target kind", &kind)) return false;
      size_t open = 0;
      size_t close = kind;
      std::vector<Segment> fields;
      if (At("{")) {
        open = i_++;
        while (!At("}")) {
          Segment f;
          if (!AtKind(Token::Kind::kWord)) return Fail("a target field or '}'");
          f.first = f.last = i_++;
          const Token& word = t_[f.first];
          if ((word.Is("roles") || word.Is("admin_units") || word.Is("restricted_admin_units") ||
               word.Is("owners")) &&
              At("[")) {
            while (!At("]")) {
              if (AtEnd()) return Fail("']'");
              ++i_;
            }
            f.last = i_++;
          } else if (word.Is("id") && AtKind(Token::Kind::kString)) {
            f.last = i_++;
          }
          fields.push_back(f);
        }
        close = i_++;
      }
      Continue(on, close, cont, open == 0 || SameLine(open, close));
      Emit(on, kSpace, cont);
      Emit(kind, kSpace, cont);
      if (open != 0) TargetBody(open, close, fields, cont);
    }
    // `with word, ...`.
    if (At("with")) {
      size_t with = i_;
      ++i_;
      if (!AtKind(Token::Kind::kWord)) return Fail("a context word");
      ++i_;
      while (At(",")) {
        ++i_;
        if (!AtKind(Token::Kind::kWord)) return Fail("a context word");
        ++i_;
      }
      Continue(with, i_ - 1, cont);
      EmitFlat(with, i_ - 1, kSpace, cont + 4);
    }
    return true;
  }

  // Starts a continuation line at `cont` unless [a, b] fits on the current line: it has no
  // comment, it is not broken itself (`whole`: a target body that stays on one line), and it ends
  // within kLineWidth. Where the segment's tokens were in the source does not matter.
  void Continue(size_t a, size_t b, int cont, bool whole = true) {
    const bool fits = whole && !HasComments(a, b) && deferred_trailing_.empty() &&
                      ColAfter(kSpace) + FlatWidth(a, b) <= kLineWidth;
    if (!fits) StartLine(cont);
  }

  // `{ roles [...] flag }` on one line, or one field per line at cont + 2 and `}` at cont.
  void TargetBody(size_t open, size_t close, const std::vector<Segment>& fields, int cont) {
    if (FitsFlat(open, close, kSpace)) {
      EmitFlat(open, close, kSpace, cont + 2);
      return;
    }
    Emit(open, kSpace, cont + 2);
    for (const Segment& f : fields) {
      StartLine(cont + 2);
      EmitFlat(f.first, f.last, kNoSpace, cont + 4);
    }
    StartLine(cont);
    Emit(close, kNoSpace, cont, cont + 2);
  }

  // ----------------------------------------------------------------------------------------------
  // Conditions: or_expr / and_expr / not_expr / primary, as grammar.h reads them.

  bool Condition(CondNode* node) { return Chain(node, "or"); }

  bool Chain(CondNode* node, std::string_view op) {
    CondNode first;
    if (!(op == "or" ? Chain(&first, "and") : Not(&first))) return false;
    if (!At(op)) {
      *node = std::move(first);
      return true;
    }
    node->kind = CondNode::Kind::kChain;
    node->first = first.first;
    node->operands.push_back(std::move(first));
    while (At(op)) {
      node->ops.push_back(i_++);
      CondNode next;
      if (!(op == "or" ? Chain(&next, "and") : Not(&next))) return false;
      node->operands.push_back(std::move(next));
    }
    node->last = node->operands.back().last;
    return true;
  }

  bool Not(CondNode* node) {
    if (!At("not")) return Primary(node);
    node->kind = CondNode::Kind::kNot;
    node->first = i_++;
    CondNode operand;
    if (!Not(&operand)) return false;
    node->last = operand.last;
    node->operands.push_back(std::move(operand));
    return true;
  }

  bool Primary(CondNode* node) {
    node->first = i_;
    if (At("(")) {
      ++i_;
      node->kind = CondNode::Kind::kParen;
      CondNode inner;
      if (!Condition(&inner)) return false;
      node->operands.push_back(std::move(inner));
      if (!Take(")", &node->last)) return false;
      return true;
    }
    node->kind = CondNode::Kind::kAtom;
    if (!AtKind(Token::Kind::kWord)) return Fail("a condition");
    const Token& word = t_[i_++];
    if (word.Is("true") || word.Is("false")) {
      node->last = i_ - 1;
      return true;
    }
    if ((word.Is("target") && At("is")) || (word.Is("scope") && At("is")) ||
        (word.Is("principal") && At("owns"))) {
      ++i_;
      if (!AtKind(Token::Kind::kWord)) return Fail("a word");
      node->last = i_++;
      return true;
    }
    if (AtKind(Token::Kind::kOperator) || At("in") || At("within") || At("has")) {
      ++i_;
      if (!Value()) return false;
    }
    node->last = i_ - 1;
    return true;
  }

  bool Value() {
    if (AtKind(Token::Kind::kString) || AtKind(Token::Kind::kWord)) {
      ++i_;
      return true;
    }
    if (!At("[")) return Fail("a value");
    ++i_;
    while (!At("]")) {
      if (!Value()) return false;
      if (At(",")) {
        ++i_;
      } else if (!At("]")) {
        return Fail("',' or ']'");
      }
    }
    ++i_;
    return true;
  }

  // Prints `node` at the current position (after `sep`). `top`: the whole condition of a `when` or
  // `requires`, whose operators, when broken, are right-aligned before its operand column; inside
  // parentheses and in operands an operator starts its line at the operand column. `suffix`: the
  // width of what must follow on the same line (closing parentheses).
  void PrintCondition(const CondNode& node, bool top, int suffix, int sep) {
    const int col = ColAfter(sep);
    switch (node.kind) {
      case CondNode::Kind::kAtom:
        EmitFlat(node.first, node.last, sep, col + 4);
        return;
      case CondNode::Kind::kNot:
        Emit(node.first, sep, col + 4);
        PrintCondition(node.operands[0], false, suffix, kSpace);
        return;
      case CondNode::Kind::kParen:
        Emit(node.first, sep, col + 1);
        PrintCondition(node.operands[0], false, suffix + 1, kNoSpace);
        Emit(node.last, kNoSpace, col);
        return;
      case CondNode::Kind::kChain:
        break;
    }
    if (FitsFlat(node.first, node.last, sep, suffix)) {
      EmitFlat(node.first, node.last, sep, col + 4);
      return;
    }
    for (size_t n = 0; n < node.operands.size(); ++n) {
      const int operand_suffix = n + 1 == node.operands.size() ? suffix : 0;
      if (n == 0) {
        PrintCondition(node.operands[0], false, operand_suffix, sep);
        continue;
      }
      const size_t op = node.ops[n - 1];
      const int op_width = Width(t_[op].text);
      StartLine(top ? col - op_width - 1 : col);
      Emit(op, kNoSpace, col);
      PrintCondition(node.operands[n], false, operand_suffix, kSpace);
    }
  }

  const std::vector<Token>& t_;
  size_t i_ = 0;
  std::string error_;
  std::string out_;
  std::string line_;
  int line_indent_ = 0;
  std::string deferred_trailing_;  // the trailing comments of the current line
  bool deferred_ends_line_ = false;  // deferred_trailing_ ends with a `//` comment
  std::vector<Comment> pending_leading_;  // trailing comments that did not fit: see Emit
};

}  // namespace

absl::StatusOr<std::string> Print(const std::vector<Token>& tokens) {
  if (tokens.empty()) return absl::InternalError("the formatter got no tokens");
  return Printer(tokens).Run();
}

}  // namespace rolec::format
