// grammar/grammar.h — the PEGTL grammar of the .role language, and every syntax error message.
//
// One struct per production of docs/language.md ("Grammar (EBNF)"), named after it, with the EBNF
// line above it. Helper rules that exist only to give an error a precise message or to give an action
// a distinct type carry the production they serve in their comment.
//
// Error handling follows PEGTL 3.2.7's must_if<> customisation (src/example/pegtl/json_errors.hpp):
// every message lives in the one `error_message<Rule>` table at the end of this file, and `control`
// raises it when a must<> on that rule fails. rolec's control extends must_if's in three ways:
//   - each table entry also carries a stable code (E01xx, docs/diagnostics.md), an optional help line
//     and where to anchor the caret (for which the control remembers where the last `skip` began:
//     the end of the previous token);
//   - a rule with a message is always matched with rewinding, so a failing must<> reports the position
//     where the rule started (the offending token), not wherever a partial match stopped;
//   - nesting (parentheses, `not`, value lists) is counted against ParseContext::max_nesting_depth,
//     so a file of 100,000 '(' fails with E0104 instead of overflowing the stack.
// After a syntax error, grammar/parser.cc resumes the parse further on with one of the resume_*
// rules (end of the "file" section), so one run reports every error.
// Tokens are separated by `skip` (whitespace and comments), written explicitly between tokens, never
// after the last one: a rule's matched text therefore ends at its last token, which is what spans
// and Condition::text need.
//
// This header is included only by grammar/*.cc and the grammar tests: PEGTL stays inside grammar/.
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>

#include <tao/pegtl.hpp>

namespace rolec::grammar::rules {

namespace pegtl = tao::pegtl;
using pegtl::at;
using pegtl::eof;
using pegtl::if_must;
using pegtl::must;
using pegtl::not_at;
using pegtl::not_one;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::raise;
using pegtl::ranges;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::two;
using pegtl::until;

// ---------------------------------------------------------------------------------------------
// Lexical structure
// ---------------------------------------------------------------------------------------------

// Error tags: not rules of the language, only names for the errors raised with raise<>.
struct unterminated_block_comment {};
struct unterminated_string {};
struct unknown_escape {};
struct short_action_path {};
struct nesting_too_deep {};
struct nul_byte {};
struct invalid_utf8 {};
struct control_character {};
struct bidi_control {};
struct misplaced_module {};
struct misplaced_import {};
struct action_unclosed {};
struct role_unclosed {};
struct test_unclosed {};
struct target_unclosed {};
struct list_unclosed {};

// blank = " " | "\t" | "\r" | "\n" ;   (no other control character gets past Parse's byte check)
struct blank : one<' ', '\t', '\r', '\n'> {};
// doc_comment = "///" { any character but a line break } ;   (but "////" is a line comment)
struct doc_comment : seq<pegtl::string<'/', '/', '/'>, not_at<one<'/'>>, star<not_one<'\n'>>> {};
// line_comment = "//" { any character but a line break } ;
struct line_comment : seq<two<'/'>, star<not_one<'\n'>>> {};
// block_comment = "/*" { any character } "*/" ;   (not nested)
struct block_comment : seq<pegtl::string<'/', '*'>, until<pegtl::string<'*', '/'>>> {};
// comment = doc_comment | line_comment | block_comment ;
struct comment : sor<doc_comment, line_comment, block_comment,
                     seq<at<pegtl::string<'/', '*'>>, raise<unterminated_block_comment>>> {};
// skip = { blank | comment } ;   what may stand between any two tokens
struct skip : star<sor<plus<blank>, comment>> {};

// ident = ( letter | "_" ) { letter | digit | "_" } ;
struct ident : pegtl::identifier {};

// escape = "\" ( '"' | "\" | "n" | "t" ) ;
struct escape : sor<seq<one<'\\'>, one<'"', '\\', 'n', 't'>>, seq<at<one<'\\'>>, raise<unknown_escape>>> {};
// string_char = any character but '"', "\" and line breaks ;
struct string_char : not_one<'"', '\\', '\n', '\r'> {};
// string = '"' { string_char | escape } '"' ;   (on one line)
struct quoted : seq<one<'"'>, star<sor<plus<string_char>, escape>>, one<'"'>> {};
struct string_literal : sor<quoted, seq<at<one<'"'>>, raise<unterminated_string>>> {};

// Keywords are only keywords where the grammar expects them, and never match a prefix of an
// identifier (`roles` is not `role`, `allowed` is not `allow`).
struct kw_module : TAO_PEGTL_KEYWORD("module") {};
struct kw_import : TAO_PEGTL_KEYWORD("import") {};
struct kw_action : TAO_PEGTL_KEYWORD("action") {};
struct kw_set : TAO_PEGTL_KEYWORD("set") {};
struct kw_roles : TAO_PEGTL_KEYWORD("roles") {};
struct kw_actions : TAO_PEGTL_KEYWORD("actions") {};
struct kw_role : TAO_PEGTL_KEYWORD("role") {};
struct kw_extends : TAO_PEGTL_KEYWORD("extends") {};
struct kw_test : TAO_PEGTL_KEYWORD("test") {};
struct kw_id : TAO_PEGTL_KEYWORD("id") {};
struct kw_description : TAO_PEGTL_KEYWORD("description") {};
struct kw_privileged : TAO_PEGTL_KEYWORD("privileged") {};
struct kw_deprecated : TAO_PEGTL_KEYWORD("deprecated") {};
struct kw_admin_unit_scopable : TAO_PEGTL_KEYWORD("admin_unit_scopable") {};
struct kw_custom_allowed : TAO_PEGTL_KEYWORD("custom_allowed") {};
struct kw_protected : TAO_PEGTL_KEYWORD("protected") {};
struct kw_requires : TAO_PEGTL_KEYWORD("requires") {};
struct kw_allow : TAO_PEGTL_KEYWORD("allow") {};
struct kw_except : TAO_PEGTL_KEYWORD("except") {};
struct kw_deny : TAO_PEGTL_KEYWORD("deny") {};
struct kw_when : TAO_PEGTL_KEYWORD("when") {};
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
struct kw_and : TAO_PEGTL_KEYWORD("and") {};
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
struct kw_false : TAO_PEGTL_KEYWORD("false") {};
struct kw_target : TAO_PEGTL_KEYWORD("target") {};
struct kw_principal : TAO_PEGTL_KEYWORD("principal") {};
struct kw_scope : TAO_PEGTL_KEYWORD("scope") {};
struct kw_is : TAO_PEGTL_KEYWORD("is") {};
struct kw_owns : TAO_PEGTL_KEYWORD("owns") {};
struct kw_in : TAO_PEGTL_KEYWORD("in") {};
struct kw_within : TAO_PEGTL_KEYWORD("within") {};
struct kw_has : TAO_PEGTL_KEYWORD("has") {};
struct kw_on : TAO_PEGTL_KEYWORD("on") {};
struct kw_with : TAO_PEGTL_KEYWORD("with") {};
struct kw_admin_units : TAO_PEGTL_KEYWORD("admin_units") {};
struct kw_owners : TAO_PEGTL_KEYWORD("owners") {};
struct kw_restricted_admin_units : TAO_PEGTL_KEYWORD("restricted_admin_units") {};

// bool = "true" | "false" ;
struct boolean : sor<kw_true, kw_false> {};

// path_segment = path_char { path_char } ;   path_char = letter | digit | "_" | "." | "-" ;
struct path_segment : plus<sor<ranges<'a', 'z', 'A', 'Z', '0', '9'>, one<'_', '.', '-'>>> {};
// (after a "/": a segment must follow)
struct path_next_segment : path_segment {};
// action_path = path_segment "/" path_segment "/" path_segment { "/" path_segment } ;
// (No blanks inside. Once "segment/" is seen the text is committed to being a path.)
struct action_path
    : seq<path_segment, one<'/'>, must<path_next_segment>,
          sor<seq<one<'/'>, must<path_next_segment>>, raise<short_action_path>>,
          star<one<'/'>, must<path_next_segment>>> {};

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

// (the quoted role name after "module.")
struct role_ref_member : string_literal {};
// (text that starts like an action path: never a role reference)
struct path_start : seq<path_segment, one<'/'>> {};
// role_ref = string | ident "." string ;   (no blanks around ".")
struct role_ref
    : sor<string_literal, seq<not_at<path_start>, ident, one<'.'>, must<role_ref_member>>> {};
// (the identifier after "module.")
struct name_member : ident {};
// name = [ ident "." ] ident ;   (no blanks around ".")
struct name : seq<ident, opt<one<'.'>, must<name_member>>> {};

// (lists) "[" [ element { "," element } [ "," ] ] "]"
struct list_close : sor<one<']'>, seq<eof, raise<list_unclosed>>> {};
template <typename Element>
struct list_items
    : sor<at<one<']'>>,
          seq<must<Element>, skip, star<one<','>, skip, sor<at<one<']'>>, seq<must<Element>, skip>>>>> {};

// ---------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------

struct condition;
struct not_expr;
struct value;

// op = "==" | "!=" | "in" | "within" | "has" ;
struct op : sor<two<'='>, pegtl::string<'!', '='>, kw_within, kw_in, kw_has> {};

// (the value of a comparison)
struct compared_value : seq<value> {};
// (the "[" of a value list opens a nesting level)
struct value_list_open : one<'['> {};
struct value_list : seq<value_list_open, skip, list_items<value>, must<list_close>> {};
struct value_string : string_literal {};
struct value_bool : boolean {};
struct value_word : ident {};
// (what follows "module." in a value: a role name or a set name)
struct qualified_member : sor<string_literal, ident> {};
struct qualified_value : seq<ident, one<'.'>, must<qualified_member>> {};
// value = "[" [ value { "," value } [ "," ] ] "]" | string | bool | role_ref | name ;
struct value : sor<value_list, value_string, qualified_value, value_bool, value_word> {};

// (an attribute after "." in a subject)
struct attribute : ident {};
// subject = ident { "." ident } ;   (no blanks around ".")
struct subject : seq<ident, star<one<'.'>, must<attribute>>> {};

// (the word after "is")
struct is_word : ident {};
// (the "target" after "principal owns")
struct owned_target : kw_target {};
// "target" "is" ident
struct target_is : if_must<seq<kw_target, skip, kw_is>, skip, is_word> {};
// "principal" "owns" "target"
struct principal_owns : if_must<seq<kw_principal, skip, kw_owns>, skip, owned_target> {};
// "scope" "is" ident
struct scope_is : if_must<seq<kw_scope, skip, kw_is>, skip, is_word> {};
// subject [ op value ]
struct comparison : seq<subject, opt<skip, op, skip, must<compared_value>>> {};
// predicate = "target" "is" ident | "principal" "owns" "target" | "scope" "is" ident
//           | subject [ op value ] ;
struct predicate : sor<target_is, principal_owns, scope_is, comparison> {};

// ("(" opens a nesting level)
struct paren_open : one<'('> {};
struct paren_condition : seq<condition> {};
struct paren_close : one<')'> {};
// "(" condition ")"
struct parenthesized : if_must<paren_open, skip, paren_condition, skip, paren_close> {};
struct condition_true : kw_true {};
struct condition_false : kw_false {};
// primary = "(" condition ")" | "true" | "false" | predicate ;
struct primary : sor<parenthesized, condition_true, condition_false, predicate> {};

// ("not" opens a nesting level)
struct not_keyword : kw_not {};
struct negated : seq<not_expr> {};
// "not" not_expr
struct negation : if_must<not_keyword, skip, negated> {};
// not_expr = "not" not_expr | primary ;
struct not_expr : sor<negation, primary> {};

struct and_operand : seq<not_expr> {};
// and_expr = not_expr { "and" not_expr } ;
struct and_expr : seq<not_expr, star<skip, kw_and, skip, must<and_operand>>> {};

struct or_operand : seq<and_expr> {};
// or_expr = and_expr { "or" and_expr } ;
struct or_expr : seq<and_expr, star<skip, kw_or, skip, must<or_operand>>> {};

// condition = or_expr ;
struct condition : seq<or_expr> {};

// ---------------------------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------------------------

// (a keyword that starts a top-level declaration; where a body item is expected, one means the body
// is missing its "}")
struct top_level_keyword : sor<kw_role, kw_set, kw_action, kw_test, kw_module, kw_import> {};
// (the body of a declaration ends with "}"; at the end of the file, or where a top-level
// declaration starts, "unclosed" is the better message)
template <typename Unclosed>
struct brace_close
    : sor<one<'}'>, seq<eof, raise<Unclosed>>, seq<at<top_level_keyword>, raise<Unclosed>>> {};

struct privileged_value : boolean {};
// "privileged" bool   (in actions and roles)
struct privileged_item : if_must<kw_privileged, skip, privileged_value> {};

// --- action_decl

struct action_keyword : kw_action {};
struct declared_action_path : action_path {};
struct action_description : string_literal {};
struct custom_allowed_value : boolean {};
struct protected_value : boolean {};
struct requires_condition : seq<condition> {};
// action_prop = "description" string | "privileged" bool | "custom_allowed" bool
//             | "protected" bool | "requires" condition ;
struct action_prop : sor<if_must<kw_description, skip, action_description>, privileged_item,
                         if_must<kw_custom_allowed, skip, custom_allowed_value>,
                         if_must<kw_protected, skip, protected_value>,
                         if_must<kw_requires, skip, requires_condition>> {};
struct action_close : brace_close<action_unclosed> {};
// (the "{" of a body: the parser remembers where it is, for the note of an unclosed body)
struct action_open : one<'{'> {};
// (what follows the "{": where recovery resumes after an error inside the body)
struct action_body_rest : seq<star<action_prop, skip>, must<action_close>> {};
struct action_body : seq<action_open, skip, action_body_rest> {};
// action_decl = "action" action_path "{" { action_prop } "}" ;
struct action_decl : if_must<action_keyword, skip, declared_action_path, skip, action_body> {};

// --- set_decl

struct set_keyword : kw_set {};
struct set_name : ident {};
struct set_equals : one<'='> {};
// (an element of a role list: in `set roles` and in a test target's `roles`)
struct listed_role : role_ref {};
struct role_set_list : seq<one<'['>, skip, list_items<listed_role>, must<list_close>> {};
// (an element of an action list)
struct action_set_name : name {};
// action_item = action_path | name ;   (a path has "/"; a name is an action set)
struct action_item : sor<action_path, action_set_name> {};
struct action_set_list : seq<one<'['>, skip, list_items<action_item>, must<list_close>> {};
// "roles" ident "=" "[" [ role_ref { "," role_ref } [ "," ] ] "]"
struct role_set : if_must<kw_roles, skip, set_name, skip, set_equals, skip, role_set_list> {};
// "actions" ident "=" "[" [ action_item { "," action_item } [ "," ] ] "]"
struct action_set : if_must<kw_actions, skip, set_name, skip, set_equals, skip, action_set_list> {};
struct set_kind : sor<role_set, action_set> {};
// set_decl = "set" "roles" ident "=" "[" [ role_ref { "," role_ref } [ "," ] ] "]"
//          | "set" "actions" ident "=" "[" [ action_item { "," action_item } [ "," ] ] "]" ;
struct set_decl : if_must<set_keyword, skip, set_kind> {};

// --- role_decl

struct role_keyword : kw_role {};
struct role_name : string_literal {};
struct extended_role : role_ref {};
// "extends" role_ref { "," role_ref }
struct extends_clause
    : if_must<kw_extends, skip, extended_role, star<skip, one<','>, skip, must<extended_role>>> {};
// action_list = action_item { "," action_item } ;
struct action_list : seq<action_item, star<skip, one<','>, skip, must<action_item>>> {};
struct when_condition : seq<condition> {};
// "when" condition
struct when_clause : if_must<kw_when, skip, when_condition> {};
// "allow" action_list [ "when" condition ]
struct allow_rule : if_must<kw_allow, skip, action_list, opt<skip, when_clause>> {};
// "except" action_list [ "when" condition ]
struct except_rule : if_must<kw_except, skip, action_list, opt<skip, when_clause>> {};
struct role_template_id : string_literal {};
struct role_description : string_literal {};
struct deprecated_value : boolean {};
struct admin_unit_scopable_value : boolean {};
// role_item = "id" string | "description" string | "privileged" bool | "deprecated" bool
//           | "admin_unit_scopable" bool
//           | "allow" action_list [ "when" condition ] | "except" action_list [ "when" condition ] ;
struct role_item : sor<allow_rule, except_rule, if_must<kw_id, skip, role_template_id>,
                       if_must<kw_description, skip, role_description>, privileged_item,
                       if_must<kw_deprecated, skip, deprecated_value>,
                       if_must<kw_admin_unit_scopable, skip, admin_unit_scopable_value>> {};
struct role_close : brace_close<role_unclosed> {};
struct role_open : one<'{'> {};
struct role_body_rest : seq<star<role_item, skip>, must<role_close>> {};
struct role_body : seq<role_open, skip, role_body_rest> {};
// role_decl = "role" string [ "extends" role_ref { "," role_ref } ] "{" { role_item } "}" ;
struct role_decl : if_must<role_keyword, skip, role_name, skip, opt<extends_clause, skip>, role_body> {};

// --- test_decl

struct test_keyword : kw_test {};
struct test_name : string_literal {};
struct expect_allow : kw_allow {};
struct expect_deny : kw_deny {};
struct assigned_role : role_ref {};
struct assignment_scope : string_literal {};
// assignment = role_ref [ "@" string ] ;
struct assignment : seq<assigned_role, opt<skip, one<'@'>, skip, must<assignment_scope>>> {};
struct expected_action : action_path {};
struct target_kind : ident {};
struct target_role_list : seq<one<'['>, skip, list_items<listed_role>, must<list_close>> {};
struct admin_unit_id : string_literal {};
struct admin_unit_list : seq<one<'['>, skip, list_items<admin_unit_id>, must<list_close>> {};
struct owner_id : string_literal {};
struct owner_list : seq<one<'['>, skip, list_items<owner_id>, must<list_close>> {};
struct target_id : string_literal {};
struct target_flag : ident {};
struct target_roles : if_must<kw_roles, skip, target_role_list> {};
struct target_admin_units : if_must<kw_admin_units, skip, admin_unit_list> {};
struct target_owners : if_must<kw_owners, skip, owner_list> {};
struct restricted_admin_unit_list : seq<one<'['>, skip, list_items<admin_unit_id>, must<list_close>> {};
struct target_restricted_admin_units
    : if_must<kw_restricted_admin_units, skip, restricted_admin_unit_list> {};
// target_field = "roles" "[" [ role_ref { "," role_ref } [ "," ] ] "]"
//              | "admin_units" "[" [ string { "," string } [ "," ] ] "]"
//              | "restricted_admin_units" "[" [ string { "," string } [ "," ] ] "]"
//              | "owners" "[" [ string { "," string } [ "," ] ] "]"
//              | "id" string
//              | ident ;
struct target_field : sor<target_roles, target_admin_units, target_restricted_admin_units, target_owners,
                          if_must<kw_id, skip, target_id>, target_flag> {};
struct target_close : brace_close<target_unclosed> {};
struct target_open : one<'{'> {};
struct target_body : seq<target_open, skip, star<target_field, skip>, must<target_close>> {};
// "on" ident [ "{" { target_field } "}" ]
struct target_clause : if_must<kw_on, skip, target_kind, opt<skip, target_body>> {};
struct context_word : ident {};
// "with" ident { "," ident }
struct context_clause
    : if_must<kw_with, skip, context_word, star<skip, one<','>, skip, must<context_word>>> {};
// expectation = ( "allow" | "deny" ) assignment { "," assignment } action_path
//               [ "on" ident [ "{" { target_field } "}" ] ] [ "with" ident { "," ident } ] ;
struct expectation
    : if_must<sor<expect_allow, expect_deny>, skip, assignment,
              star<skip, one<','>, skip, must<assignment>>, skip, expected_action,
              opt<skip, target_clause>, opt<skip, context_clause>> {};
struct test_close : brace_close<test_unclosed> {};
struct test_open : one<'{'> {};
struct test_body_rest : seq<star<expectation, skip>, must<test_close>> {};
struct test_body : seq<test_open, skip, test_body_rest> {};
// test_decl = "test" string "{" { expectation } "}" ;
struct test_decl : if_must<test_keyword, skip, test_name, skip, test_body> {};

// --- file

struct module_name : ident {};
struct import_name : ident {};
// "module" ident
struct module_decl : if_must<kw_module, skip, module_name> {};
// "import" ident
struct import_decl : if_must<kw_import, skip, import_name> {};
// item = { doc_comment } ( action_decl | set_decl | role_decl | test_decl ) ;
// (doc comments are read by `skip`; the parser attaches the run that directly precedes a
// declaration's keyword)
struct item : sor<action_decl, set_decl, role_decl, test_decl> {};
struct end_of_file : eof {};
struct file_end : sor<seq<at<kw_module>, raise<misplaced_module>>,
                      seq<at<kw_import>, raise<misplaced_import>>, must<end_of_file>> {};
// file = [ "module" ident ] { "import" ident } { item } ;
struct file : seq<opt<pegtl::utf8::bom>, skip, opt<module_decl, skip>, star<import_decl, skip>,
                  star<item, skip>, file_end> {};

// --- recovery (grammar/parser.cc): after a syntax error, the parser records it, skips to the start
// of a line where parsing can resume, and parses the rest of the file with one of these. They hold
// no message of their own: every error they raise is one of `file`'s.

// (before the first declaration: imports may still follow)
struct resume_prologue : seq<skip, star<import_decl, skip>, star<item, skip>, file_end> {};
// (at a declaration)
struct resume_items : seq<skip, star<item, skip>, file_end> {};
// (at an item or the "}" of the body the error was in, then the declarations after it)
template <typename BodyRest>
struct resume_body : seq<skip, BodyRest, skip, star<item, skip>, file_end> {};
struct resume_action_body : resume_body<action_body_rest> {};
struct resume_role_body : resume_body<role_body_rest> {};
struct resume_test_body : resume_body<test_body_rest> {};

// ---------------------------------------------------------------------------------------------
// Errors: the one table
// ---------------------------------------------------------------------------------------------

// Where the caret goes. At the end of the file every error points just after the last token.
enum class ErrorAnchor : unsigned char {
  kAtToken,            // at the offending token (where the error was raised)
  kAfterPreviousToken, // like kAtToken, but if the offending token is on a later line than the
                       // token before it, just after that token: "expected '{' after the name"
                       // belongs at the end of the name's line, not on some later line
  kActionPathStart     // at the start of the action path that contains the raise position
};

struct ErrorMessage {
  const char* code = nullptr;
  const char* message = nullptr;  // nullptr: the rule raises no error of its own
  const char* help = nullptr;     // optional "help:" line
  ErrorAnchor anchor = ErrorAnchor::kAtToken;
  // The keywords allowed where the error is raised, separated by spaces (nullptr: none): a word
  // there that is a near miss of one gets "did you mean 'allow'?" as its help line instead.
  const char* keywords = nullptr;
};

// INVARIANT: every rule that a must<> (or raise<>) can fail on has an entry here; control<> checks
// this at compile time. Messages are written sentences; a "{}" is replaced at run time by a
// number (E0104) or a code point in hex (E0108).
// clang-format off
template <typename Rule> inline constexpr ErrorMessage error_message{};

#define ROLEC_SYNTAX_ERROR(rule, anchor, code, message, help) \
  template <>                                                  \
  inline constexpr ErrorMessage error_message<rule>{code, message, help, ErrorAnchor::k##anchor};
#define ROLEC_SYNTAX_ERROR_KEYWORDS(rule, anchor, code, message, help, keywords) \
  template <>                                                                     \
  inline constexpr ErrorMessage error_message<rule>{code, message, help, ErrorAnchor::k##anchor, keywords};

// E0101: a token other than the expected one.
ROLEC_SYNTAX_ERROR(module_name, AfterPreviousToken, "E0101", "expected a module name after 'module'", nullptr)
ROLEC_SYNTAX_ERROR(import_name, AfterPreviousToken, "E0101", "expected a module name after 'import'", nullptr)
ROLEC_SYNTAX_ERROR_KEYWORDS(end_of_file, AtToken, "E0101", "expected a declaration: 'role', 'set', 'action' or 'test'",
                   "every top-level declaration starts with one of these keywords",
                   "role set action test import module")
ROLEC_SYNTAX_ERROR(declared_action_path, AfterPreviousToken, "E0101", "expected an action path after 'action'",
                   "such as microsoft.directory/users/delete")
ROLEC_SYNTAX_ERROR(action_body, AfterPreviousToken, "E0101", "expected '{' to open the action's body", nullptr)
ROLEC_SYNTAX_ERROR(action_description, AfterPreviousToken, "E0101",
                   "expected a string with the action's description after 'description'", nullptr)
ROLEC_SYNTAX_ERROR(privileged_value, AfterPreviousToken, "E0101", "expected 'true' or 'false' after 'privileged'", nullptr)
ROLEC_SYNTAX_ERROR(custom_allowed_value, AfterPreviousToken, "E0101", "expected 'true' or 'false' after 'custom_allowed'",
                   nullptr)
ROLEC_SYNTAX_ERROR(protected_value, AfterPreviousToken, "E0101", "expected 'true' or 'false' after 'protected'", nullptr)
ROLEC_SYNTAX_ERROR(requires_condition, AfterPreviousToken, "E0101", "expected a condition after 'requires'", nullptr)
ROLEC_SYNTAX_ERROR_KEYWORDS(action_close, AtToken, "E0101",
                   "expected 'description', 'privileged', 'custom_allowed', 'protected', 'requires' "
                   "or '}' in the action's body", nullptr,
                   "description privileged custom_allowed protected requires")
ROLEC_SYNTAX_ERROR(action_unclosed, AfterPreviousToken, "E0101", "expected '}' to close the action's body", nullptr)
ROLEC_SYNTAX_ERROR_KEYWORDS(set_kind, AfterPreviousToken, "E0101", "expected 'roles' or 'actions' after 'set'", nullptr,
                   "roles actions")
ROLEC_SYNTAX_ERROR(set_name, AfterPreviousToken, "E0101", "expected the set's name (an identifier)", nullptr)
ROLEC_SYNTAX_ERROR(set_equals, AfterPreviousToken, "E0101", "expected '=' after the set's name", nullptr)
ROLEC_SYNTAX_ERROR(role_set_list, AfterPreviousToken, "E0101", "expected '[' with the set's roles after '='", nullptr)
ROLEC_SYNTAX_ERROR(action_set_list, AfterPreviousToken, "E0101", "expected '[' with the set's actions after '='", nullptr)
ROLEC_SYNTAX_ERROR(listed_role, AtToken, "E0101",
                   "expected a role: a quoted name such as \"Global Reader\" or entra.\"Global Reader\"",
                   nullptr)
ROLEC_SYNTAX_ERROR(list_close, AtToken, "E0101", "expected ',' or ']' in the list", nullptr)
ROLEC_SYNTAX_ERROR(list_unclosed, AtToken, "E0101", "expected ']' to close the list", nullptr)
ROLEC_SYNTAX_ERROR(action_item, AtToken, "E0101",
                   "expected an action path (such as microsoft.directory/users/read) or the name of "
                   "an action set", nullptr)
ROLEC_SYNTAX_ERROR(action_list, AfterPreviousToken, "E0101",
                   "expected an action path or the name of an action set after 'allow' or 'except'",
                   "such as microsoft.directory/users/read")
ROLEC_SYNTAX_ERROR(name_member, AtToken, "E0101", "expected an identifier after '.'", nullptr)
ROLEC_SYNTAX_ERROR(role_ref_member, AtToken, "E0101",
                   "expected a quoted role name after '.', such as entra.\"Global Reader\"", nullptr)
ROLEC_SYNTAX_ERROR(role_name, AfterPreviousToken, "E0101", "expected a string with the role's display name after 'role'",
                   "such as role \"Contoso Helpdesk\" { ... }")
ROLEC_SYNTAX_ERROR(extended_role, AfterPreviousToken, "E0101",
                   "expected a role to extend: a quoted name such as \"Global Reader\" or "
                   "entra.\"Global Reader\"", nullptr)
ROLEC_SYNTAX_ERROR_KEYWORDS(role_body, AfterPreviousToken, "E0101", "expected '{' to open the role body", nullptr,
                   "extends")
ROLEC_SYNTAX_ERROR(role_template_id, AfterPreviousToken, "E0101", "expected a string with the role's template id after 'id'",
                   nullptr)
ROLEC_SYNTAX_ERROR(role_description, AfterPreviousToken, "E0101",
                   "expected a string with the role's description after 'description'", nullptr)
ROLEC_SYNTAX_ERROR(deprecated_value, AfterPreviousToken, "E0101", "expected 'true' or 'false' after 'deprecated'", nullptr)
ROLEC_SYNTAX_ERROR(admin_unit_scopable_value, AfterPreviousToken, "E0101",
                   "expected 'true' or 'false' after 'admin_unit_scopable'", nullptr)
ROLEC_SYNTAX_ERROR(when_condition, AfterPreviousToken, "E0101", "expected a condition after 'when'", nullptr)
ROLEC_SYNTAX_ERROR_KEYWORDS(role_close, AtToken, "E0101",
                   "expected 'allow', 'except', 'id', 'description', 'privileged', 'deprecated', "
                   "'admin_unit_scopable' or '}' "
                   "in the role body", nullptr,
                   "allow except id description privileged deprecated admin_unit_scopable")
ROLEC_SYNTAX_ERROR(role_unclosed, AfterPreviousToken, "E0101", "expected '}' to close the role body", nullptr)
ROLEC_SYNTAX_ERROR(or_operand, AfterPreviousToken, "E0101", "expected a condition after 'or'", nullptr)
ROLEC_SYNTAX_ERROR(and_operand, AfterPreviousToken, "E0101", "expected a condition after 'and'", nullptr)
ROLEC_SYNTAX_ERROR(negated, AfterPreviousToken, "E0101", "expected a condition after 'not'", nullptr)
ROLEC_SYNTAX_ERROR(paren_condition, AfterPreviousToken, "E0101", "expected a condition after '('", nullptr)
ROLEC_SYNTAX_ERROR(paren_close, AfterPreviousToken, "E0101", "expected ')' to close the parenthesised condition", nullptr)
ROLEC_SYNTAX_ERROR(is_word, AfterPreviousToken, "E0101", "expected a word after 'is', such as self, tenant or admin_unit",
                   nullptr)
ROLEC_SYNTAX_ERROR_KEYWORDS(owned_target, AfterPreviousToken, "E0101", "expected 'target' after 'principal owns'",
                   nullptr, "target")
ROLEC_SYNTAX_ERROR(attribute, AtToken, "E0101", "expected an attribute name after '.'", nullptr)
ROLEC_SYNTAX_ERROR(compared_value, AfterPreviousToken, "E0101",
                   "expected a value after the operator: a word, a string, true or false, a name or "
                   "a [list]", nullptr)
ROLEC_SYNTAX_ERROR(value, AtToken, "E0101",
                   "expected a value: a word, a string, true or false, a name or a [list]", nullptr)
ROLEC_SYNTAX_ERROR(qualified_member, AtToken, "E0101", "expected a name or a quoted role name after '.'", nullptr)
ROLEC_SYNTAX_ERROR(test_name, AfterPreviousToken, "E0101", "expected a string with the test's name after 'test'", nullptr)
ROLEC_SYNTAX_ERROR(test_body, AfterPreviousToken, "E0101", "expected '{' to open the test body", nullptr)
ROLEC_SYNTAX_ERROR_KEYWORDS(test_close, AtToken, "E0101", "expected 'allow', 'deny' or '}' in the test body",
                   nullptr, "allow deny")
ROLEC_SYNTAX_ERROR(test_unclosed, AfterPreviousToken, "E0101", "expected '}' to close the test body", nullptr)
ROLEC_SYNTAX_ERROR(assignment, AfterPreviousToken, "E0101",
                   "expected a role assignment: a quoted role name such as \"Global Reader\" or "
                   "entra.\"Global Reader\"", "a scope may follow: \"Role\" @ \"/administrativeUnits/<id>\"")
ROLEC_SYNTAX_ERROR(assignment_scope, AfterPreviousToken, "E0101",
                   "expected a string with the assignment's scope after '@'",
                   "such as \"/\" or \"/administrativeUnits/<id>\"")
ROLEC_SYNTAX_ERROR(expected_action, AfterPreviousToken, "E0101",
                   "expected ',' and another role assignment, or the action path of the expectation",
                   "such as allow \"Helpdesk Administrator\" microsoft.directory/users/password/update")
ROLEC_SYNTAX_ERROR(target_kind, AfterPreviousToken, "E0101", "expected the target's kind after 'on', such as user or group",
                   nullptr)
ROLEC_SYNTAX_ERROR(target_close, AtToken, "E0101",
                   "expected 'roles', 'admin_units', 'restricted_admin_units', 'owners', 'id', a flag or '}' in "
                   "the target",
                   nullptr)
ROLEC_SYNTAX_ERROR(target_unclosed, AfterPreviousToken, "E0101", "expected '}' to close the target", nullptr)
ROLEC_SYNTAX_ERROR(target_role_list, AfterPreviousToken, "E0101", "expected '[' with the target's roles after 'roles'",
                   nullptr)
ROLEC_SYNTAX_ERROR(admin_unit_list, AfterPreviousToken, "E0101",
                   "expected '[' with administrative unit ids after 'admin_units'", nullptr)
ROLEC_SYNTAX_ERROR(restricted_admin_unit_list, AfterPreviousToken, "E0101",
                   "expected '[' with restricted administrative unit ids after 'restricted_admin_units'",
                   nullptr)
ROLEC_SYNTAX_ERROR(admin_unit_id, AtToken, "E0101", "expected a string with an administrative unit's id", nullptr)
ROLEC_SYNTAX_ERROR(owner_list, AfterPreviousToken, "E0101", "expected '[' with the owners' ids after 'owners'", nullptr)
ROLEC_SYNTAX_ERROR(owner_id, AtToken, "E0101", "expected a string with an owner's id", nullptr)
ROLEC_SYNTAX_ERROR(target_id, AfterPreviousToken, "E0101", "expected a string with the target's id after 'id'", nullptr)
ROLEC_SYNTAX_ERROR(context_word, AfterPreviousToken, "E0101", "expected a context word, such as mfa", nullptr)

// E0102: a malformed string literal.
ROLEC_SYNTAX_ERROR(unterminated_string, AtToken, "E0102", "unterminated string",
                   "a string ends with '\"' on the line where it starts")
ROLEC_SYNTAX_ERROR(unknown_escape, AtToken, "E0102", "unknown escape sequence in string",
                   "the escapes are \\\", \\\\, \\n and \\t")

// E0103: a block comment without its end.
ROLEC_SYNTAX_ERROR(unterminated_block_comment, AtToken, "E0103", "unterminated block comment",
                   "a block comment opened with '/*' ends with '*/'; block comments do not nest")

// E0104: nesting deeper than ParseOptions::max_nesting_depth.
ROLEC_SYNTAX_ERROR(nesting_too_deep, AtToken, "E0104", "nesting deeper than {} levels",
                   "split the condition or the list into simpler parts")

// E0105: bytes that are not UTF-8 text.
ROLEC_SYNTAX_ERROR(nul_byte, AtToken, "E0105", "NUL byte in the source", "a .role file is UTF-8 text")
ROLEC_SYNTAX_ERROR(invalid_utf8, AtToken, "E0105", "invalid UTF-8 in the source",
                   "a .role file is UTF-8 text; save it with the UTF-8 encoding")

// E0106: a malformed action path.
ROLEC_SYNTAX_ERROR(path_next_segment, AtToken, "E0106", "expected a path segment after '/'",
                   "segments are letters, digits, '_', '.' and '-'; for any entity, property or verb "
                   "write allEntities, allProperties or allTasks")
template <> inline constexpr ErrorMessage error_message<short_action_path>{
    "E0106", "an action path needs at least three segments separated by '/'",
    "such as microsoft.directory/users/read", ErrorAnchor::kActionPathStart};

// E0107: a declaration out of order.
ROLEC_SYNTAX_ERROR(misplaced_module, AtToken, "E0107",
                   "'module' must come first in the file, before any import or declaration", nullptr)
ROLEC_SYNTAX_ERROR(misplaced_import, AtToken, "E0107", "'import' must come before the first declaration",
                   nullptr)

// E0108: a control character, anywhere in the file (checked with E0105, before parsing). "{}" is
// its code point in four hex digits. No escape of a string produces one either: the escapes are
// \", \\, \n and \t only.
ROLEC_SYNTAX_ERROR(control_character, AtToken, "E0108", "control character U+{} in the source",
                   "a .role file may hold no control character but tab and line breaks, "
                   "not even in a string or a comment; remove it")

// E0109: a bidirectional control character outside strings and comments ("Trojan Source"; checked
// before parsing, grammar/bidi.h). "{}" is its code point. Inside a string or a comment one is the
// warning W0110 instead, which the parser adds without stopping.
ROLEC_SYNTAX_ERROR(bidi_control, AtToken, "E0109",
                   "bidirectional control character U+{} outside a string or a comment",
                   "it reorders how the line is displayed, so the line a reviewer reads is not the "
                   "one rolec reads; remove it")

#undef ROLEC_SYNTAX_ERROR
#undef ROLEC_SYNTAX_ERROR_KEYWORDS
// clang-format on

// Errors that are not raised by a rule of the grammar but by the parser around it (nesting, bytes);
// listed so that tests and docs can enumerate every message.
using extra_error_tags =
    pegtl::type_list<nesting_too_deep, nul_byte, invalid_utf8, control_character, bidi_control>;

// ---------------------------------------------------------------------------------------------
// Control: raising the table's messages, counting nesting
// ---------------------------------------------------------------------------------------------

// The exception a syntax error travels in, from the raise point to Parse(), which turns it into the
// one Diagnostic of the parse. Never leaves grammar/.
struct SyntaxError {
  const ErrorMessage* error = nullptr;
  size_t offset = 0;               // byte offset of the raise position in the source
  size_t previous_token_end = 0;   // byte offset just after the token before it
  std::string message;             // error->message with "{}" filled in
};

// Fills the "{}" of a message template.
inline std::string FormatErrorMessage(const char* message_template, const std::string& filling) {
  std::string message = message_template;
  if (size_t at_placeholder = message.find("{}"); at_placeholder != std::string::npos) {
    message.replace(at_placeholder, 2, filling);
  }
  return message;
}
inline std::string FormatErrorMessage(const char* message_template, size_t number) {
  return FormatErrorMessage(message_template, std::to_string(number));
}

// The part of the parse state that control<> needs: the nesting budget, and where the last `skip`
// began and ended (a skip begins where a token ends, so an error at the end of a skip knows where
// the previous token ended).
struct ParseContext {
  size_t max_nesting_depth = 64;
  size_t nesting_depth = 0;
  size_t skip_begin = 0;
  size_t last_skip_begin = 0;
  size_t last_skip_end = 0;

  size_t PreviousTokenEnd(size_t offset) const {
    return offset == last_skip_end ? last_skip_begin : offset;
  }
};

// Rules that open a nesting level when they match, with the length of their token (so that E0104
// points at the token that went one level too deep), and the rules that close it again.
template <typename Rule> inline constexpr size_t kOpensNesting = 0;
template <> inline constexpr size_t kOpensNesting<paren_open> = 1;
template <> inline constexpr size_t kOpensNesting<value_list_open> = 1;
template <> inline constexpr size_t kOpensNesting<not_keyword> = 3;
template <typename Rule> inline constexpr bool kClosesNesting = false;
template <> inline constexpr bool kClosesNesting<parenthesized> = true;
template <> inline constexpr bool kClosesNesting<value_list> = true;
template <> inline constexpr bool kClosesNesting<negation> = true;
// INVARIANT: once an opener has matched, its construct either succeeds (closing the level) or raises
// (ending the parse): parenthesized and negation are if_must<>, value_list must<>s its ']'.

// Rules that cannot fail (repetitions and options): if_must<> wraps them in must<> too, but they
// never raise, so they need no message.
template <typename RuleT> struct never_fails : std::false_type {};
template <typename... R> struct never_fails<pegtl::internal::opt<R...>> : std::true_type {};
template <typename... R> struct never_fails<pegtl::internal::star<R...>> : std::true_type {};
template <typename Rule> inline constexpr bool kNeverFails = never_fails<typename Rule::rule_t>::value;

template <typename Rule>
struct control : pegtl::normal<Rule> {
  static constexpr bool kHasMessage = error_message<Rule>.message != nullptr;

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    // must<> matches with rewind_mode::dontcare; rewinding a rule that has a message puts the error
    // at the start of that rule (the offending token) instead of where a partial match stopped.
    constexpr pegtl::rewind_mode kMode =
        (kHasMessage && M == pegtl::rewind_mode::dontcare) ? pegtl::rewind_mode::required : M;
    return pegtl::normal<Rule>::template match<A, kMode, Action, Control>(in, st...);
  }

  template <typename ParseInput, typename... States>
  static void start(const ParseInput& in, States&&... st) {
    if constexpr (sizeof...(States) > 0 && std::is_same_v<Rule, skip>) First(st...).skip_begin = Offset(in);
  }

  template <typename ParseInput, typename... States>
  static void success(const ParseInput& in, States&&... st) {
    if constexpr (sizeof...(States) > 0 && std::is_same_v<Rule, skip>) {
      ParseContext& context = First(st...);
      context.last_skip_begin = context.skip_begin;
      context.last_skip_end = Offset(in);
    }
    if constexpr (sizeof...(States) > 0 && (kOpensNesting<Rule> > 0 || kClosesNesting<Rule>)) {
      ParseContext& context = First(st...);
      if constexpr (kOpensNesting<Rule> > 0) {
        if (++context.nesting_depth > context.max_nesting_depth) {
          const ErrorMessage& error = error_message<nesting_too_deep>;
          size_t offset = Offset(in) - kOpensNesting<Rule>;
          throw SyntaxError{&error, offset, offset,
                            FormatErrorMessage(error.message, context.max_nesting_depth)};
        }
      } else {
        --context.nesting_depth;
      }
    }
  }

  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... st) {
    if constexpr (kHasMessage) {
      const ErrorMessage& error = error_message<Rule>;
      size_t offset = Offset(in);
      size_t previous = offset;
      if constexpr (sizeof...(States) > 0) previous = First(st...).PreviousTokenEnd(offset);
      throw SyntaxError{&error, offset, previous, FormatErrorMessage(error.message, 0)};
    } else {
      static_assert(kNeverFails<Rule>, "a rule that must<> can fail on needs an error_message");
      pegtl::normal<Rule>::raise(in, st...);  // unreachable: the rule cannot fail
    }
  }

 private:
  template <typename ParseInput>
  static size_t Offset(const ParseInput& in) {
    return static_cast<size_t>(in.current() - in.begin());
  }
  template <typename State, typename... Rest>
  static ParseContext& First(State& state, Rest&... /*rest*/) {
    return state;
  }
};

}  // namespace rolec::grammar::rules
