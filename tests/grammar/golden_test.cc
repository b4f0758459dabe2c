// Golden tests of the parser.
//
// tests/golden/parse/*.role must parse without diagnostics; their AST dump is compared with *.ast.
// tests/golden/syntax/*.role must each fail with exactly one syntax error; the formatted diagnostic,
// with the note that may follow it (an unclosed '{'), is compared with *.err.
// tests/golden/recovery/*.role have several syntax errors, all reported by one parse.
// Every message of the grammar's error table must be produced by some syntax golden and be listed
// in docs/diagnostics.md. ROLEC_UPDATE_GOLDEN=1 rewrites the golden files.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "grammar/ast_dump.h"
#include "grammar/grammar.h"
#include "grammar/parser.h"
#include "support/golden.h"

namespace rolec::grammar {
namespace {

using ::rolec::testing::MatchesGolden;
using ::rolec::testing::ReadFile;
using ::rolec::testing::SourcePath;

// The files of `dir` (relative to the repository root) whose names end in `extension`, sorted,
// as repository-relative paths.
std::vector<std::string> ListFiles(const std::string& dir, const std::string& extension) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(SourcePath(dir), error)) {
    std::string name = entry.path().filename().string();
    if (name.size() > extension.size() &&
        name.compare(name.size() - extension.size(), extension.size(), extension) == 0) {
      files.push_back(dir + "/" + name);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string WithExtension(const std::string& path, const std::string& extension) {
  return path.substr(0, path.rfind('.')) + extension;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class ParseGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ParseGolden, DumpMatches) {
  const std::string& path = GetParam();
  std::string text;
  ASSERT_TRUE(ReadFile(SourcePath(path), &text)) << path;
  ParseResult result = Parse(text, path);
  for (const Diagnostic& d : result.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  ASSERT_NE(result.file, nullptr);
  EXPECT_TRUE(MatchesGolden(DumpAst(*result.file), WithExtension(path, ".ast")));
}

INSTANTIATE_TEST_SUITE_P(Files, ParseGolden,
                         ::testing::ValuesIn(ListFiles("tests/golden/parse", ".role")), TestName);

class SyntaxGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(SyntaxGolden, DiagnosticMatches) {
  const std::string& path = GetParam();
  std::string text;
  ASSERT_TRUE(ReadFile(SourcePath(path), &text)) << path;
  ParseResult result = Parse(text, path);
  EXPECT_EQ(result.file, nullptr);
  ASSERT_FALSE(result.diagnostics.empty());
  const Diagnostic& diagnostic = result.diagnostics[0];
  EXPECT_EQ(diagnostic.severity, Severity::kError);
  EXPECT_EQ(diagnostic.code.rfind("E01", 0), 0u) << diagnostic.code;
  EXPECT_NE(diagnostic.code, "E0100") << "an internal error is not a syntax error";
  std::string formatted = FormatDiagnostic(diagnostic);
  for (size_t i = 1; i < result.diagnostics.size(); ++i) {
    // Only notes of the one error (an unclosed '{') may follow it.
    EXPECT_EQ(result.diagnostics[i].severity, Severity::kNote) << FormatDiagnostic(result.diagnostics[i]);
    formatted += FormatDiagnostic(result.diagnostics[i]);
  }
  EXPECT_TRUE(MatchesGolden(formatted, WithExtension(path, ".err")));
}

INSTANTIATE_TEST_SUITE_P(Files, SyntaxGolden,
                         ::testing::ValuesIn(ListFiles("tests/golden/syntax", ".role")), TestName);

// tests/golden/recovery/*.role have several syntax errors, all reported by one parse (the parser
// resumes after each); every diagnostic, notes included, is compared with *.err.
class RecoveryGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(RecoveryGolden, DiagnosticsMatch) {
  const std::string& path = GetParam();
  std::string text;
  ASSERT_TRUE(ReadFile(SourcePath(path), &text)) << path;
  ParseResult result = Parse(text, path);
  EXPECT_EQ(result.file, nullptr);
  ASSERT_FALSE(result.diagnostics.empty());
  std::string formatted;
  size_t errors = 0;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.severity == Severity::kError) {
      ++errors;
      EXPECT_EQ(diagnostic.code.rfind("E01", 0), 0u) << diagnostic.code;
      EXPECT_NE(diagnostic.code, "E0100") << "an internal error is not a syntax error";
    } else {
      EXPECT_EQ(diagnostic.severity, Severity::kNote);
    }
    formatted += FormatDiagnostic(diagnostic);
  }
  EXPECT_GE(errors, 2u) << "a recovery golden has more than one error";
  EXPECT_TRUE(MatchesGolden(formatted, WithExtension(path, ".err")));
}

INSTANTIATE_TEST_SUITE_P(Files, RecoveryGolden,
                         ::testing::ValuesIn(ListFiles("tests/golden/recovery", ".role")), TestName);

// Every entry of the error table: the ones reachable from the grammar's start rule, plus the ones
// the parser raises around the grammar.
using MessageSet = std::set<const rules::ErrorMessage*>;

template <typename Rule>
struct CollectMessage {
  static void visit(MessageSet& messages) {
    if (rules::error_message<Rule>.message != nullptr) messages.insert(&rules::error_message<Rule>);
  }
};
template <typename Tag>
struct CollectMessage<tao::pegtl::raise<Tag>> {
  static void visit(MessageSet& messages) { messages.insert(&rules::error_message<Tag>); }
};

template <typename... Tags>
void AddTags(tao::pegtl::type_list<Tags...> /*tags*/, MessageSet& messages) {
  (messages.insert(&rules::error_message<Tags>), ...);
}

MessageSet AllMessages() {
  MessageSet messages;
  tao::pegtl::visit<rules::file, CollectMessage>(messages);
  AddTags(rules::extra_error_tags(), messages);
  return messages;
}

// True if `line` is "...error[CODE]: MESSAGE" where "{}" in MESSAGE stands for a number, decimal
// (E0104) or hexadecimal (E0108's code point).
bool HeaderMatches(const std::string& line, const rules::ErrorMessage& error) {
  std::string expected = std::string("error[") + error.code + "]: " + error.message;
  size_t placeholder = expected.find("{}");
  size_t at = line.find("error[");
  if (at == std::string::npos) return false;
  std::string actual = line.substr(at);
  if (placeholder == std::string::npos) return actual == expected;
  std::string before = expected.substr(0, placeholder), after = expected.substr(placeholder + 2);
  if (actual.size() <= before.size() + after.size()) return false;
  if (actual.compare(0, before.size(), before) != 0) return false;
  if (actual.compare(actual.size() - after.size(), after.size(), after) != 0) return false;
  std::string number = actual.substr(before.size(), actual.size() - before.size() - after.size());
  return std::all_of(number.begin(), number.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

TEST(ErrorTable, HasTheExpectedSize) {
  // A guard against the visit missing rules: if this changes, the table changed; update the count
  // together with docs/diagnostics.md and a syntax golden for the new message.
  EXPECT_EQ(AllMessages().size(), 75u);
}

TEST(ErrorTable, EveryMessageIsProducedBySomeSyntaxGolden) {
  std::vector<std::string> headers;
  for (const std::string& path : ListFiles("tests/golden/syntax", ".err")) {
    std::string text;
    ASSERT_TRUE(ReadFile(SourcePath(path), &text)) << path;
    headers.push_back(text.substr(0, text.find('\n')));
  }
  for (const rules::ErrorMessage* error : AllMessages()) {
    bool found = std::any_of(headers.begin(), headers.end(),
                             [&](const std::string& header) { return HeaderMatches(header, *error); });
    EXPECT_TRUE(found) << "no syntax golden produces [" << error->code << "] " << error->message;
  }
}

TEST(ErrorTable, EveryMessageIsDocumented) {
  std::string docs;
  ASSERT_TRUE(ReadFile(SourcePath("docs/diagnostics.md"), &docs));
  for (const rules::ErrorMessage* error : AllMessages()) {
    std::string message = error->message;
    if (size_t placeholder = message.find("{}"); placeholder != std::string::npos) {
      message.replace(placeholder, 2, "N");
    }
    EXPECT_NE(docs.find(std::string("`") + message + "`"), std::string::npos)
        << "docs/diagnostics.md does not list `" << message << "`";
    EXPECT_NE(docs.find(error->code), std::string::npos) << error->code;
  }
}

TEST(ErrorTable, MessagesAreSentencesWithAStableCode) {
  for (const rules::ErrorMessage* error : AllMessages()) {
    std::string code = error->code;
    EXPECT_EQ(code.size(), 5u);
    EXPECT_EQ(code.rfind("E01", 0), 0u) << code;
    std::string message = error->message;
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.find("parse error"), std::string::npos) << message;
    EXPECT_NE(message.back(), '.') << "messages carry no trailing period: " << message;
  }
}

}  // namespace
}  // namespace rolec::grammar
