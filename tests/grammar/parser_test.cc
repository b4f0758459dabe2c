// Unit tests of Parse(): AST details the goldens do not isolate, and bad input (deep nesting, huge
// files, garbage, NUL bytes, invalid UTF-8, unterminated strings and comments, the empty file).
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/grammar.h"
#include "grammar/parser.h"
#include "support/golden.h"

namespace rolec::grammar {
namespace {

// Parses `text`, failing the test with the diagnostics if it does not parse.
std::unique_ptr<File> ParseOk(const std::string& text, const ParseOptions& options = {}) {
  ParseResult result = Parse(text, "test.role", options);
  for (const Diagnostic& d : result.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  EXPECT_NE(result.file, nullptr);
  return std::move(result.file);
}

// The errors of `result`, without the notes that go with them.
std::vector<Diagnostic> Errors(const ParseResult& result) {
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == Severity::kError) errors.push_back(d);
  }
  return errors;
}

// The one error of a source that must not parse (a note may follow it).
Diagnostic ParseError(const std::string& text, const ParseOptions& options = {}) {
  ParseResult result = Parse(text, "test.role", options);
  EXPECT_EQ(result.file, nullptr);
  std::vector<Diagnostic> errors = Errors(result);
  EXPECT_EQ(errors.size(), 1u);
  for (const Diagnostic& d : result.diagnostics) {
    if (errors.size() != 1) ADD_FAILURE() << FormatDiagnostic(d);
  }
  if (errors.empty()) return {};
  return errors[0];
}

const RoleDecl& OnlyRole(const File& file) {
  EXPECT_EQ(file.items.size(), 1u);
  return std::get<RoleDecl>(file.items.at(0));
}

// The condition of `role "R" { allow a.b/c/d when <condition> }` (it starts at column 31), kept
// alive with the file it was parsed from.
class When {
 public:
  explicit When(const std::string& condition)
      : file_(ParseOk("role \"R\" { allow a.b/c/d when " + condition + " }")) {}
  const Condition& operator*() const {
    return *std::get<RoleDecl>(file_->items.at(0)).rules.at(0).condition;
  }
  const Condition* operator->() const { return &**this; }

 private:
  std::unique_ptr<File> file_;
};

TEST(Grammar, AnalyzeFindsNoProblems) {
  EXPECT_EQ(tao::pegtl::analyze<rules::file>(1), 0u);
  // The rules recovery resumes with (no loop without progress, no left recursion).
  EXPECT_EQ(tao::pegtl::analyze<rules::resume_prologue>(1), 0u);
  EXPECT_EQ(tao::pegtl::analyze<rules::resume_items>(1), 0u);
  EXPECT_EQ(tao::pegtl::analyze<rules::resume_action_body>(1), 0u);
  EXPECT_EQ(tao::pegtl::analyze<rules::resume_role_body>(1), 0u);
  EXPECT_EQ(tao::pegtl::analyze<rules::resume_test_body>(1), 0u);
}

TEST(Parse, EmptyFileIsAnEmptyModule) {
  std::unique_ptr<File> file = ParseOk("");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->path, "test.role");
  EXPECT_TRUE(file->module.empty());
  EXPECT_TRUE(file->imports.empty());
  EXPECT_TRUE(file->items.empty());
  EXPECT_NE(ParseOk(" \n\t// only a comment\n/* and another */\n"), nullptr);
}

TEST(Parse, SpansAreOneBasedLinesAndByteColumns) {
  std::unique_ptr<File> file = ParseOk("\n  role \"Ab\" extends entra.\"Global Reader\" {\n}\n");
  const RoleDecl& role = OnlyRole(*file);
  EXPECT_EQ(role.span.file, "test.role");
  EXPECT_EQ(role.span.line, 2u);
  EXPECT_EQ(role.span.column, 3u);
  EXPECT_EQ(role.span.length, 9u);  // `role "Ab"`
  EXPECT_EQ(role.name.span.column, 8u);
  EXPECT_EQ(role.name.span.length, 4u);
  ASSERT_EQ(role.extends.size(), 1u);
  EXPECT_EQ(role.extends[0].module, "entra");
  EXPECT_EQ(role.extends[0].text, "Global Reader");
  EXPECT_TRUE(role.extends[0].quoted);
  EXPECT_EQ(role.extends[0].span.column, 21u);
  EXPECT_EQ(role.extends[0].span.length, 21u);
}

TEST(Parse, StringEscapesAreDecoded) {
  std::unique_ptr<File> file = ParseOk(R"(role "a\"b\\c\nd\te" { description "é ü 中" })");
  const RoleDecl& role = OnlyRole(*file);
  EXPECT_EQ(role.name.text, "a\"b\\c\nd\te");
  EXPECT_EQ(role.description, "é ü 中");
}

TEST(Parse, KeywordsDoNotMatchIdentifierPrefixes) {
  // `roles` is not `role`; `allowed` is not `allow`; `notx` is not `not`.
  EXPECT_EQ(ParseError("roles \"X\" {}").code, "E0101");
  std::unique_ptr<File> file = ParseOk("role \"X\" { allow allowed when notx and target.orx }");
  const RuleDecl& rule = OnlyRole(*file).rules.at(0);
  ASSERT_EQ(rule.actions.size(), 1u);
  EXPECT_EQ(std::get<Name>(rule.actions[0].value).text, "allowed");
  ASSERT_EQ(rule.condition->kind, Condition::Kind::kAnd);
  EXPECT_EQ(rule.condition->operands[0]->predicate.subject, std::vector<std::string>{"notx"});
}

TEST(Parse, ConditionPrecedenceAndFlattening) {
  When c("a or b and not c and d or e");
  ASSERT_EQ(c->kind, Condition::Kind::kOr);
  ASSERT_EQ(c->operands.size(), 3u);
  const Condition& middle = *c->operands[1];
  ASSERT_EQ(middle.kind, Condition::Kind::kAnd);
  ASSERT_EQ(middle.operands.size(), 3u);
  EXPECT_EQ(middle.operands[1]->kind, Condition::Kind::kNot);
  EXPECT_EQ(middle.text, "b and not c and d");
  EXPECT_EQ(c->text, "a or b and not c and d or e");
}

TEST(Parse, ParenthesesGroupWithoutANode) {
  When c("(a or b) and c");
  ASSERT_EQ(c->kind, Condition::Kind::kAnd);
  ASSERT_EQ(c->operands.size(), 2u);
  EXPECT_EQ(c->operands[0]->kind, Condition::Kind::kOr);
  EXPECT_EQ(c->operands[0]->text, "a or b");
  EXPECT_EQ(c->text, "(a or b) and c");
}

TEST(Parse, ConditionTextCollapsesWhitespaceAndDropsComments) {
  When c("target.roles  \n within   [\"A  B\", // note\n \"C\"] /* x */ and\tcontext.mfa");
  EXPECT_EQ(c->text, "target.roles within [\"A  B\", \"C\"] and context.mfa");
  EXPECT_EQ(c->span.line, 1u);
  EXPECT_EQ(c->span.column, 31u);
}

TEST(Parse, PredicateForms) {
  When is_self("target is self");
  EXPECT_EQ(is_self->predicate.subject, std::vector<std::string>{"target"});
  EXPECT_EQ(is_self->predicate.op, PredicateOp::kIs);
  EXPECT_EQ(is_self->predicate.value->text, "self");

  When owns("principal owns target");
  EXPECT_EQ(owns->predicate.subject, std::vector<std::string>{"principal"});
  EXPECT_EQ(owns->predicate.op, PredicateOp::kOwns);
  EXPECT_EQ(owns->predicate.value->kind, Value::Kind::kIdent);
  EXPECT_EQ(owns->predicate.value->text, "target");

  When bare("context.mfa");
  EXPECT_EQ(bare->predicate.subject, (std::vector<std::string>{"context", "mfa"}));
  EXPECT_EQ(bare->predicate.op, PredicateOp::kNone);
  EXPECT_FALSE(bare->predicate.value.has_value());

  When within("target.roles within entra.\"Global Reader\"");
  EXPECT_EQ(within->predicate.op, PredicateOp::kWithin);
  EXPECT_EQ(within->predicate.value->kind, Value::Kind::kName);
  EXPECT_EQ(within->predicate.value->name.module, "entra");
  EXPECT_EQ(within->predicate.value->name.text, "Global Reader");
  EXPECT_TRUE(within->predicate.value->name.quoted);

  When list("target.kind in [user, \"group\", true, m.x, [y]]");
  const Value& value = *list->predicate.value;
  ASSERT_EQ(value.kind, Value::Kind::kList);
  ASSERT_EQ(value.items.size(), 5u);
  EXPECT_EQ(value.items[0].kind, Value::Kind::kIdent);
  EXPECT_EQ(value.items[1].kind, Value::Kind::kString);
  EXPECT_EQ(value.items[2].kind, Value::Kind::kBool);
  EXPECT_EQ(value.items[3].kind, Value::Kind::kName);
  EXPECT_FALSE(value.items[3].name.quoted);
  EXPECT_EQ(value.items[4].kind, Value::Kind::kList);
  EXPECT_EQ(value.items[4].items.at(0).text, "y");
}

TEST(Parse, DocCommentsAttachToTheNextDeclaration) {
  std::unique_ptr<File> file = ParseOk(
      "/// one\n///two\n///   three\nrole \"A\" {}\n"
      "/// not for B: a blank line follows\n\nrole \"B\" {}\n"
      "/// for the set\n   set roles s = []\n"
      "role \"C\" {} /// trailing, not a doc\nrole \"D\" {}\n"
      "//// four slashes\naction a/b/c {}\n");
  ASSERT_EQ(file->items.size(), 6u);
  EXPECT_EQ(std::get<RoleDecl>(file->items[0]).doc, "one\ntwo\n  three");
  EXPECT_EQ(std::get<RoleDecl>(file->items[1]).doc, "");
  EXPECT_EQ(std::get<SetDecl>(file->items[2]).doc, "for the set");
  EXPECT_EQ(std::get<RoleDecl>(file->items[3]).doc, "");
  EXPECT_EQ(std::get<RoleDecl>(file->items[4]).doc, "");
  EXPECT_EQ(std::get<ActionDecl>(file->items[5]).doc, "");
}

TEST(Parse, CrlfLineEndingsAndByteOrderMark) {
  std::unique_ptr<File> file =
      ParseOk("\xEF\xBB\xBF/// doc\r\nrole \"A\" {\r\n  allow a/b/c when\r\n   context.mfa\r\n}\r\n");
  const RoleDecl& role = OnlyRole(*file);
  EXPECT_EQ(role.doc, "doc");
  EXPECT_EQ(role.span.line, 2u);
  EXPECT_EQ(role.rules.at(0).condition->text, "context.mfa");
  EXPECT_EQ(role.rules.at(0).condition->span.line, 4u);
  EXPECT_EQ(role.rules.at(0).condition->span.length, 11u);
}

TEST(Parse, MultiLineSpanStopsAtTheEndOfItsFirstLine) {
  When c("context.mfa\n and target is self");
  EXPECT_EQ(c->span.column, 31u);
  EXPECT_EQ(c->span.length, 11u);
}

TEST(Parse, ErrorsPointAtTheOffendingToken) {
  Diagnostic d = ParseError("role \"X\" {\n  allow a.b/c/d\n  alow a.b/c/d\n}\n");
  EXPECT_EQ(d.code, "E0101");
  EXPECT_EQ(d.span.line, 3u);
  EXPECT_EQ(d.span.column, 3u);
  EXPECT_EQ(d.span.length, 4u);
  EXPECT_EQ(d.source_line, "  alow a.b/c/d");
}

TEST(Parse, ErrorsAtTheEndOfTheFilePointAfterTheLastToken) {
  Diagnostic d = ParseError("role \"X\" {\n  allow a.b/c/d   \n\n\n");
  EXPECT_EQ(d.message, "expected '}' to close the role body");
  EXPECT_EQ(d.span.line, 2u);
  EXPECT_EQ(d.span.column, 16u);
  EXPECT_EQ(d.source_line, "  allow a.b/c/d   ");
}

// --- recovery: every syntax error of a file in one run

const char kThreeErrors[] =
    "role \"X\" {\n"
    "  alow microsoft.directory/users/password/update\n"
    "}\n"
    "rol \"Y\" {\n"
    "  allow microsoft.directory/users/basic/update\n"
    "}\n"
    "role \"Z\" {\n"
    "  allow microsoft.directory/users/basic/update\n";

TEST(Recovery, OneRunReportsEverySyntaxError) {
  ParseResult result = Parse(kThreeErrors, "test.role");
  EXPECT_EQ(result.file, nullptr);
  ASSERT_EQ(result.diagnostics.size(), 4u);  // three errors and the note of the unclosed '{'
  const Diagnostic& alow = result.diagnostics[0];
  EXPECT_EQ(alow.severity, Severity::kError);
  EXPECT_EQ(alow.code, "E0101");
  EXPECT_EQ(alow.span.line, 2u);
  EXPECT_EQ(alow.span.column, 3u);
  EXPECT_EQ(alow.help, "did you mean 'allow'?");
  const Diagnostic& rol = result.diagnostics[1];
  EXPECT_EQ(rol.code, "E0101");
  EXPECT_EQ(rol.span.line, 4u);
  EXPECT_EQ(rol.span.column, 1u);
  EXPECT_EQ(rol.message, "expected a declaration: 'role', 'set', 'action' or 'test'");
  EXPECT_EQ(rol.help, "did you mean 'role'?");
  const Diagnostic& unclosed = result.diagnostics[2];
  EXPECT_EQ(unclosed.message, "expected '}' to close the role body");
  EXPECT_EQ(unclosed.span.line, 8u);
  const Diagnostic& note = result.diagnostics[3];
  EXPECT_EQ(note.severity, Severity::kNote);
  EXPECT_EQ(note.message, "this '{' is not closed");
  EXPECT_EQ(note.span.line, 7u);
  EXPECT_EQ(note.span.column, 10u);
  EXPECT_EQ(note.source_line, "role \"Z\" {");
}

TEST(Recovery, MisspeltKeywordsGetDidYouMean) {
  auto help = [](const std::string& text) { return ParseError(text).help; };
  EXPECT_EQ(help("role \"X\" {\n  exept a/b/c\n}\n"), "did you mean 'except'?");
  EXPECT_EQ(help("role \"X\" {\n  Allow a/b/c\n}\n"), "did you mean 'allow'?");
  EXPECT_EQ(help("role \"X\" {\n  descripton \"d\"\n}\n"), "did you mean 'description'?");
  EXPECT_EQ(help("role \"X\" extnds \"Y\" {}\n"), "did you mean 'extends'?");
  EXPECT_EQ(help("action a/b/c {\n  requries true\n}\n"), "did you mean 'requires'?");
  EXPECT_EQ(help("test \"t\" {\n  dny \"R\" a/b/c\n}\n"), "did you mean 'deny'?");
  EXPECT_EQ(help("set actoins x = [a/b/c]\n"), "did you mean 'actions'?");
  EXPECT_EQ(help("tes \"t\" {}\n"), "did you mean 'test'?");
  EXPECT_EQ(help("improt entra\nrole \"X\" {}\n"), "did you mean 'import'?");
  // No suggestion for a word far from every keyword, a short one, or a keyword in the wrong place.
  EXPECT_EQ(help("role \"X\" {\n  grant a/b/c\n}\n"), "");
  EXPECT_EQ(help("role \"X\" {\n  al a/b/c\n}\n"), "");
  EXPECT_EQ(help("role \"X\" {\n  deny a/b/c\n}\n"), "");
  EXPECT_EQ(help("policy \"X\" {}\n"), "every top-level declaration starts with one of these keywords");
}

TEST(Recovery, ATypoInARoleBeforeAValidRoleIsOneError) {
  Diagnostic d = ParseError(
      "role \"X\" {\n  alow a/b/c\n  allow d/e/f when target.kind == user\n}\n"
      "role \"Y\" {\n  allow a/b/c\n}\n");
  EXPECT_EQ(d.span.line, 2u);
  EXPECT_EQ(d.help, "did you mean 'allow'?");
  // Nor does an error inside a statement cascade into the lines that continue it.
  d = ParseError(
      "role \"X\" {\n  allow a/b/c when target.kind == user and\n    target.x in [\n    or (\n"
      "  except d/e/f\n}\nrole \"Y\" {}\n");
  EXPECT_EQ(d.span.line, 4u);
}

TEST(Recovery, ResumesAtTheNextStatementOfTheBody) {
  ParseResult result = Parse(
      "role \"X\" {\n  alow a/b/c\n  allow d/e/f\n  exept g/h/i\n  id 42\n}\n"
      "action a/b/c {\n  privileged maybe\n  protected 3\n}\n"
      "test \"t\" {\n  allow \"R\" a/b/c on user {\n    owners = 3\n  }\n  deny \"R\" a/b/c\n"
      "  alow \"R\" a/b/c\n}\n",
      "test.role");
  EXPECT_EQ(result.file, nullptr);
  std::vector<Diagnostic> errors = Errors(result);
  ASSERT_EQ(errors.size(), 7u);
  EXPECT_EQ(result.diagnostics.size(), 7u);  // no note: every '{' is closed
  const uint32_t lines[] = {2, 4, 5, 8, 9, 13, 16};
  for (size_t i = 0; i < errors.size(); ++i) {
    EXPECT_EQ(errors[i].span.line, lines[i]) << FormatDiagnostic(errors[i]);
  }
  EXPECT_EQ(errors[1].help, "did you mean 'except'?");
  EXPECT_EQ(errors[4].message, "expected 'true' or 'false' after 'protected'");
}

TEST(Recovery, UnclosedBraceHasANoteAtItsBrace) {
  // At the end of the file.
  ParseResult result = Parse("role \"X\" {\n  allow a/b/c\n", "test.role");
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].message, "expected '}' to close the role body");
  EXPECT_EQ(result.diagnostics[1].severity, Severity::kNote);
  EXPECT_EQ(result.diagnostics[1].message, "this '{' is not closed");
  EXPECT_EQ(result.diagnostics[1].span.line, 1u);
  EXPECT_EQ(result.diagnostics[1].span.column, 10u);
  EXPECT_EQ(FormatDiagnostic(result.diagnostics[1]),
            "test.role:1:10: note: this '{' is not closed\n"
            "  1 | role \"X\" {\n"
            "    |          ^\n");
  // Where the next declaration starts: the error is after the body's last token, and the next
  // declaration is still parsed (its own error is reported).
  result = Parse("test \"t\" {\n  allow \"R\" a/b/c\n\nrole \"Y\" {\n  alow a/b/c\n}\n", "test.role");
  ASSERT_EQ(result.diagnostics.size(), 3u);
  EXPECT_EQ(result.diagnostics[0].message, "expected '}' to close the test body");
  EXPECT_EQ(result.diagnostics[0].span.line, 2u);
  EXPECT_EQ(result.diagnostics[0].span.column, 18u);
  EXPECT_EQ(result.diagnostics[1].span.line, 1u);
  EXPECT_EQ(result.diagnostics[1].span.column, 10u);
  EXPECT_EQ(result.diagnostics[2].span.line, 5u);
  EXPECT_EQ(result.diagnostics[2].help, "did you mean 'allow'?");
  // A test target's '{'.
  result = Parse("test \"t\" {\n  allow \"R\" a/b/c on user { owners [\"o\"]\n", "test.role");
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].message, "expected '}' to close the target");
  EXPECT_EQ(result.diagnostics[1].span.line, 2u);
  EXPECT_EQ(result.diagnostics[1].span.column, 27u);
}

TEST(Recovery, StopsAfterAHundredErrors) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "role \"R" + std::to_string(i) + "\" {\n  alow a/b/c\n}\n";
  ParseResult result = Parse(text, "test.role");
  EXPECT_EQ(result.file, nullptr);
  ASSERT_EQ(result.diagnostics.size(), 101u);
  EXPECT_EQ(Errors(result).size(), 100u);
  EXPECT_EQ(result.diagnostics[99].span.line, 100u * 3u - 1u);
  const Diagnostic& last = result.diagnostics.back();
  EXPECT_EQ(last.severity, Severity::kNote);
  EXPECT_EQ(last.message, "stopped after 100 syntax errors; the rest of the file is not checked");
}

TEST(Recovery, PathologicalInputEndsQuickly) {
  std::string closes, opens, unclosed_roles, keywords;
  for (int i = 0; i < 10000; ++i) {
    closes += "}\n";
    opens += "{\n";
    unclosed_roles += "role \"X\" {\n";
    keywords += "role\n";
  }
  EXPECT_EQ(ParseError(closes).span.line, 1u);
  EXPECT_EQ(ParseError(opens).span.line, 1u);
  EXPECT_EQ(ParseError("role \"X\" {\n" + closes).span.line, 3u);  // the first '}' closes it
  ParseResult result = Parse(unclosed_roles, "test.role");
  EXPECT_EQ(Errors(result).size(), 100u);
  result = Parse(keywords, "test.role");
  EXPECT_EQ(Errors(result).size(), 100u);
  EXPECT_EQ(Parse(std::string(100000, '{'), "test.role").diagnostics.size(), 1u);
}

// --- bad input

TEST(BadInput, HundredThousandOpenParenthesesFailCleanly) {
  std::string text = "role \"X\" { allow a/b/c when " + std::string(100000, '(') + " }";
  Diagnostic d = ParseError(text);
  EXPECT_EQ(d.code, "E0104");
  EXPECT_EQ(d.message, "nesting deeper than 64 levels");
  EXPECT_EQ(d.span.column, 29u + 64u);  // the 65th '('
}

TEST(BadInput, DeepNotAndListNestingFailCleanly) {
  std::string nots;
  for (int i = 0; i < 100000; ++i) nots += "not ";
  EXPECT_EQ(ParseError("role \"X\" { allow a/b/c when " + nots + "x }").code, "E0104");
  std::string lists = "role \"X\" { allow a/b/c when t.x in " + std::string(100000, '[') + " }";
  EXPECT_EQ(ParseError(lists).code, "E0104");
}

TEST(BadInput, NestingLimitIsExactAndConfigurable) {
  ParseOptions options;
  options.max_nesting_depth = 3;
  EXPECT_NE(ParseOk("role \"X\" { allow a/b/c when (((x))) and not not not y }", options), nullptr);
  EXPECT_NE(ParseOk("role \"X\" { allow a/b/c when t.x in [[[y]]] }", options), nullptr);
  Diagnostic d = ParseError("role \"X\" { allow a/b/c when ((((x)))) }", options);
  EXPECT_EQ(d.message, "nesting deeper than 3 levels");
  EXPECT_EQ(ParseError("role \"X\" { allow a/b/c when not not not not y }", options).code, "E0104");
  EXPECT_EQ(ParseError("role \"X\" { allow a/b/c when t.x in [[[[y]]]] }", options).code, "E0104");
  // Long flat chains are not nesting.
  std::string chain = "x";
  for (int i = 0; i < 10000; ++i) chain += " and x";
  EXPECT_NE(ParseOk("role \"X\" { allow a/b/c when " + chain + " }", options), nullptr);
}

std::string TenMegabytesOfRoles() {
  std::string text = "module big\nimport entra\n";
  for (int i = 0; text.size() < (10u << 20); ++i) {
    text += "/// Role number " + std::to_string(i) + ".\n";
    text += "role \"Role " + std::to_string(i) + "\" extends entra.\"Global Reader\" {\n";
    text += "  id \"00000000-0000-0000-0000-" + std::to_string(100000000000 + i) + "\"\n";
    text += "  allow microsoft.directory/users/password/update, microsoft.directory/users/delete\n";
    text += "    when target.roles within entra.helpdesk_resettable and not target.in_restricted_au\n";
    text += "  except microsoft.directory/groups.security/members/update when target.kind == group\n";
    text += "}\n";
  }
  return text;
}

TEST(BadInput, TenMegabytesOfValidRolesParse) {
  std::string text = TenMegabytesOfRoles();
  ParseResult result = Parse(text, "big.role");
  ASSERT_TRUE(result.diagnostics.empty()) << FormatDiagnostic(result.diagnostics[0]);
  ASSERT_NE(result.file, nullptr);
  EXPECT_GT(result.file->items.size(), 20000u);
}

TEST(BadInput, TenMegabytesOfGarbageFailWithOneDiagnostic) {
  // A deterministic pseudo-random generator: printable ASCII garbage, then arbitrary bytes.
  uint64_t state = 0x9E3779B97F4A7C15u;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::string printable(10u << 20, ' ');
  for (char& c : printable) c = static_cast<char>(' ' + next() % 95);
  Diagnostic d = ParseError(printable);
  EXPECT_EQ(d.code.rfind("E01", 0), 0u);
  EXPECT_EQ(d.span.line, 1u);

  std::string bytes(10u << 20, '\0');
  for (char& c : bytes) c = static_cast<char>(next());
  const std::string code = ParseError(bytes).code;
  EXPECT_TRUE(code == "E0105" || code == "E0108") << code;  // a bad byte or a control character

  // Garbage that starts like a real file.
  EXPECT_EQ(ParseError("role \"X\" {\n" + printable).code.rfind("E01", 0), 0u);
}

TEST(BadInput, NulBytesAreAnError) {
  std::string text = "role \"X\" {}\nrole \"Y";
  text += '\0';
  text += "\" {}\n";
  Diagnostic d = ParseError(text);
  EXPECT_EQ(d.code, "E0105");
  EXPECT_EQ(d.message, "NUL byte in the source");
  EXPECT_EQ(d.span.line, 2u);
  EXPECT_EQ(d.span.column, 8u);
  EXPECT_EQ(d.source_line, "role \"Y?\" {}");
}

TEST(BadInput, InvalidUtf8IsAnError) {
  for (std::string bad : {"\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\x80",
                          "\xE2\x82"}) {
    Diagnostic d = ParseError("// comment " + bad + "\n");
    EXPECT_EQ(d.code, "E0105") << bad.size();
    EXPECT_EQ(d.message, "invalid UTF-8 in the source");
    EXPECT_EQ(d.span.column, 12u);
  }
  // Valid multi-byte UTF-8 in strings and comments is fine.
  EXPECT_NE(ParseOk("// café ✓ 𝄞\nrole \"Café\" {}\n"), nullptr);
}

TEST(BadInput, ControlCharactersAreAnErrorAnywhere) {
  // In a role name: the caret at the ESC itself, the echoed line without it.
  Diagnostic d = ParseError("role \"X\" {}\nrole \"Help\x1b[2Kdesk\" {}\n");
  EXPECT_EQ(d.code, "E0108");
  EXPECT_EQ(d.message, "control character U+001B in the source");
  EXPECT_EQ(d.span.line, 2u);
  EXPECT_EQ(d.span.column, 11u);
  EXPECT_EQ(d.span.length, 1u);
  EXPECT_EQ(FormatDiagnostic(d).find('\x1b'), std::string::npos) << FormatDiagnostic(d);
  // In comments of every kind, in descriptions and test names, between tokens.
  struct Case {
    std::string text;
    std::string message;
    uint32_t line, column;
  };
  for (const Case& c : {
           Case{"// ring\x07\nrole \"X\" {}\n", "control character U+0007 in the source", 1, 8},
           Case{"/* \x1b[1A */ role \"X\" {}", "control character U+001B in the source", 1, 4},
           Case{"/// doc\x08\nrole \"X\" {}", "control character U+0008 in the source", 1, 8},
           Case{"role \"X\" {\n  description \"a\x7f\"\n}",
                "control character U+007F in the source", 2, 17},
           Case{"test \"t\x1b\" {}", "control character U+001B in the source", 1, 8},
           Case{"role \"X\"\f{}", "control character U+000C in the source", 1, 9},
           Case{"role \"X\" {}\r// hidden\n", "control character U+000D in the source", 1, 12},
       }) {
    Diagnostic e = ParseError(c.text);
    EXPECT_EQ(e.code, "E0108") << c.text;
    EXPECT_EQ(e.message, c.message) << c.text;
    EXPECT_EQ(e.span.line, c.line) << c.text;
    EXPECT_EQ(e.span.column, c.column) << c.text;
  }
  // The first bad byte wins, whatever its kind.
  EXPECT_EQ(ParseError("// \x1b \xFF").code, "E0108");
  EXPECT_EQ(ParseError("// \xFF \x1b").code, "E0105");
  // No escape makes a control character other than a line break or a tab: there is no \u, \x
  // or \e.
  for (const char* escape : {"\\u001b", "\\x1b", "\\e", "\\033", "\\r"}) {
    EXPECT_EQ(ParseError(std::string("role \"a") + escape + "\" {}").code, "E0102") << escape;
  }
}

TEST(Parse, TabsAndLineBreaksStayAllowed) {
  // A raw tab inside a string, tabs between tokens, CRLF line ends, and the \n and \t escapes.
  std::unique_ptr<File> file =
      ParseOk("role \"Tab\there\"\t{\r\n\tdescription \"two\\nlines\\tand a tab\"\r\n}\r\n");
  const RoleDecl& role = OnlyRole(*file);
  EXPECT_EQ(role.name.text, "Tab\there");
  ASSERT_TRUE(role.description.has_value());
  EXPECT_EQ(*role.description, "two\nlines\tand a tab");
}

TEST(BadInput, UnterminatedStringAndComment) {
  Diagnostic string = ParseError("role \"X {}\n");
  EXPECT_EQ(string.code, "E0102");
  EXPECT_EQ(string.message, "unterminated string");
  EXPECT_EQ(string.span.column, 6u);
  EXPECT_EQ(string.span.length, 5u);
  EXPECT_EQ(ParseError("role \"X").code, "E0102");
  EXPECT_EQ(ParseError("role \"X\\").code, "E0102");

  Diagnostic comment = ParseError("role \"X\" {}\n  /* never closed\n\n");
  EXPECT_EQ(comment.code, "E0103");
  EXPECT_EQ(comment.span.line, 2u);
  EXPECT_EQ(comment.span.column, 3u);
  EXPECT_EQ(comment.span.length, 2u);
  EXPECT_EQ(ParseError("role \"X\" { allow a/b/c when /* x").code, "E0103");
}

TEST(BadInput, ShortActionPathsPointAtThePath) {
  Diagnostic d = ParseError("role \"X\" { allow a/b when x }");
  EXPECT_EQ(d.code, "E0106");
  EXPECT_EQ(d.span.column, 18u);
  EXPECT_EQ(d.span.length, 3u);
  EXPECT_EQ(ParseError("action a/b {}").code, "E0106");
  EXPECT_EQ(ParseError("test \"t\" { allow \"R\" a/b }").code, "E0106");
  EXPECT_EQ(ParseError("role \"X\" { allow a//b/c }").code, "E0106");
  EXPECT_EQ(ParseError("role \"X\" { allow a/b/ }").code, "E0106");
}

// Every prefix of a real file, and deterministic random edits of it, either parse or give at most
// one error per edit (recovery must not cascade: a prefix is one error, three edits at most three),
// each with a sane position, and notes only after an error: never a crash, a hang or an exception.
void ExpectParsesOrSaneErrors(const std::string& text, size_t max_errors) {
  ParseResult result = Parse(text, "mutant.role");
  if (result.file != nullptr) {
    EXPECT_TRUE(result.diagnostics.empty());
    return;
  }
  const std::vector<Diagnostic> errors = Errors(result);
  ASSERT_GE(errors.size(), 1u) << text;
  EXPECT_LE(errors.size(), max_errors) << text;
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kError);
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == Severity::kError) {
      EXPECT_EQ(d.code.rfind("E01", 0), 0u) << d.code;
      EXPECT_NE(d.code, "E0100") << d.message << "\n" << text;
    } else {
      EXPECT_EQ(d.severity, Severity::kNote);
    }
    EXPECT_GE(d.span.line, 1u);
    EXPECT_GE(d.span.column, 1u);
    EXPECT_GE(d.span.length, 1u);
    EXPECT_FALSE(FormatDiagnostic(d).empty());
  }
}

TEST(Robustness, PrefixesAndEditsOfRealFiles) {
  uint64_t state = 0x2545F4914F6CDD1Du;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const std::string kBytes = "{}[]()\"\\/*,.=@ \n\tabz_09-";
  for (const char* name : {"first_file", "conditions", "tests", "comments"}) {
    std::string text;
    ASSERT_TRUE(rolec::testing::ReadFile(
        rolec::testing::SourcePath(std::string("tests/golden/parse/") + name + ".role"), &text));
    for (size_t length = 0; length <= text.size(); length += 7) {
      ExpectParsesOrSaneErrors(text.substr(0, length), 1);
    }
    for (int round = 0; round < 300; ++round) {
      std::string mutant = text;
      for (int edit = 0; edit < 3; ++edit) {
        size_t at = next() % (mutant.size() + 1);
        char byte = kBytes[next() % kBytes.size()];
        switch (next() % 3) {
          case 0:
            mutant.insert(at, 1, byte);
            break;
          case 1:
            if (at < mutant.size()) mutant.erase(at, 1);
            break;
          default:
            if (at < mutant.size()) mutant[at] = byte;
        }
      }
      ExpectParsesOrSaneErrors(mutant, 3);
    }
  }
}

}  // namespace
}  // namespace rolec::grammar
