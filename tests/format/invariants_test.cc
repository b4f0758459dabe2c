// tests/format/invariants_test.cc — the formatter's two invariants on every .role file of the
// repository (stdlib/, examples/, tests/: decision tables, golden inputs, generated tests) and every
// input of the fuzz corpus and regressions that parses:
//   idempotent      — fmt(fmt(x)) == fmt(x);
//   AST-preserving  — parse(fmt(x)) and parse(x) have the same AST (ast_equivalence.h: the dump
//                     tests/golden/parse compares, without spans), doc comments included, and the
//                     same comments in the same order.
// Sources with a syntax error are refused with the parser's diagnostics. And the repository stays
// formatted: every file of stdlib/ and examples/ is already a fixed point.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "format/ast_equivalence.h"
#include "format/format.h"
#include "format/format_util.h"
#include "format/lexer.h"
#include "grammar/parser.h"
#include "support/golden.h"

namespace rolec::format {
namespace {

struct Counts {
  size_t parsed = 0;
  size_t refused = 0;
  size_t changed = 0;
};

// Checks both invariants on one source (or that it is refused, if it does not parse).
void CheckInvariants(const std::string& path, Counts* counts) {
  std::string text;
  ASSERT_TRUE(rolec::testing::ReadFile(path, &text)) << path;
  grammar::ParseResult source = grammar::Parse(text, "x.role");
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<std::string> formatted = FormatSource(text, "x.role", &diagnostics);
  if (source.file == nullptr) {
    EXPECT_EQ(formatted.status().code(), absl::StatusCode::kInvalidArgument) << path;
    EXPECT_TRUE(HasErrors(diagnostics)) << path;
    ++counts->refused;
    return;
  }
  ++counts->parsed;
  ASSERT_TRUE(formatted.ok()) << path << ": " << formatted.status();
  counts->changed += *formatted != text;
  // AST-preserving (FormatSource checks this itself; the test does not rely on it).
  grammar::ParseResult output = grammar::Parse(*formatted, "x.role");
  ASSERT_NE(output.file, nullptr) << path;
  EXPECT_EQ(ComparableAst(*output.file), ComparableAst(*source.file)) << path;
  absl::StatusOr<std::vector<Token>> in_tokens = Lex(text);
  absl::StatusOr<std::vector<Token>> out_tokens = Lex(*formatted);
  ASSERT_TRUE(in_tokens.ok() && out_tokens.ok()) << path;
  EXPECT_EQ(CommentStream(*out_tokens), CommentStream(*in_tokens)) << path;
  // Idempotent.
  absl::StatusOr<std::string> again = FormatSource(*formatted, "x.role", nullptr);
  ASSERT_TRUE(again.ok()) << path << ": " << again.status();
  EXPECT_EQ(*again, *formatted) << path << " is not formatted to a fixed point";
  // Canonical text: no carriage return, no tab outside strings and comments, no trailing blank,
  // exactly one final newline (or nothing at all).
  EXPECT_EQ(formatted->find('\r'), std::string::npos) << path;
  EXPECT_EQ(formatted->find(" \n"), std::string::npos) << path;
  if (!formatted->empty()) {
    EXPECT_EQ(formatted->back(), '\n') << path;
    EXPECT_NE(formatted->substr(formatted->size() - std::min<size_t>(2, formatted->size())), "\n\n")
        << path;
  }
}

TEST(FmtInvariants, EveryRoleFileOfTheRepository) {
  Counts counts;
  std::set<std::string> seen;
  for (const char* dir : {"stdlib", "examples", "tests"}) {
    for (const std::string& path : format_test::RoleFilesUnder(dir)) {
      if (!seen.insert(path).second) continue;
      CheckInvariants(path, &counts);
    }
  }
  // The decision tables, the parse goldens, the check goldens, the stdlib and its tests parse; the
  // syntax goldens do not.
  EXPECT_GT(counts.parsed, 180u);
  EXPECT_GT(counts.refused, 50u);
  EXPECT_GT(counts.changed, 20u);
}

TEST(FmtInvariants, EveryFuzzCorpusInputThatParses) {
  Counts counts;
  for (const char* dir : {"tests/fuzz/corpus/fuzz_parse_compile", "tests/fuzz/regressions/fuzz_parse_compile"}) {
    for (const std::string& path : format_test::FilesIn(dir)) CheckInvariants(path, &counts);
  }
  EXPECT_GE(counts.parsed, 15u);
  EXPECT_GT(counts.refused, 10u);
}

// The repository stays formatted (the stdlib generator emits the layout; `rolec fmt --check` in
// tests/cli checks the same through the command).
TEST(FmtInvariants, StdlibAndExamplesAreFormatted) {
  size_t files = 0;
  for (const char* dir : {"stdlib", "examples"}) {
    for (const std::string& path : format_test::RoleFilesUnder(dir)) {
      std::string text;
      ASSERT_TRUE(rolec::testing::ReadFile(path, &text)) << path;
      absl::StatusOr<std::string> formatted = FormatSource(text, path, nullptr);
      ASSERT_TRUE(formatted.ok()) << path << ": " << formatted.status();
      EXPECT_TRUE(*formatted == text) << path << " is not formatted: run `rolec fmt " << path << "`";
      ++files;
    }
  }
  EXPECT_GT(files, 140u);
}

}  // namespace
}  // namespace rolec::format
