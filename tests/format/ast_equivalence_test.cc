// tests/format/ast_equivalence_test.cc — ComparableAst ignores layout and nothing else: a check that
// the formatter preserves the AST must be able to fail.
#include "format/ast_equivalence.h"

#include <gtest/gtest.h>

#include "grammar/parser.h"

namespace rolec::format {
namespace {

std::string Comparable(std::string_view text) {
  grammar::ParseResult result = grammar::Parse(text, "x.role");
  EXPECT_NE(result.file, nullptr) << text;
  return result.file ? ComparableAst(*result.file) : "";
}

constexpr char kBase[] =
    "/// Doc.\nrole \"R\" {\n  allow a.b/c/d\n    when (target.kind == user) and target.roles in [\"A\", \"B\"]\n}\n";

TEST(FmtAstEquivalence, LayoutDoesNotCount) {
  EXPECT_EQ(Comparable(kBase),
            Comparable("/// Doc.   \nrole   \"R\"{allow a.b/c/d when ( target.kind==user )\n"
                       "  and   target.roles in [ \"A\" , \"B\" , ] }"));
}

TEST(FmtAstEquivalence, MeaningCounts) {
  const std::string base = Comparable(kBase);
  for (const char* changed : {
           "/// Doc!\nrole \"R\" {\n  allow a.b/c/d\n    when (target.kind == user) and target.roles in [\"A\", \"B\"]\n}\n",
           "role \"R\" {\n  allow a.b/c/d\n    when (target.kind == user) and target.roles in [\"A\", \"B\"]\n}\n",
           "/// Doc.\n\nrole \"R\" {\n  allow a.b/c/d\n    when (target.kind == user) and target.roles in [\"A\", \"B\"]\n}\n",
           "/// Doc.\nrole \"R \" {\n  allow a.b/c/d\n    when (target.kind == user) and target.roles in [\"A\", \"B\"]\n}\n",
           "/// Doc.\nrole \"R\" {\n  allow a.b/c/e\n    when (target.kind == user) and target.roles in [\"A\", \"B\"]\n}\n",
           "/// Doc.\nrole \"R\" {\n  allow a.b/c/d\n    when target.kind == user and target.roles in [\"A\", \"B\"]\n}\n",
           "/// Doc.\nrole \"R\" {\n  allow a.b/c/d\n    when (target.kind != user) and target.roles in [\"A\", \"B\"]\n}\n",
           "/// Doc.\nrole \"R\" {\n  allow a.b/c/d\n    when (target.kind == user) or target.roles in [\"A\", \"B\"]\n}\n",
           "/// Doc.\nrole \"R\" {\n  allow a.b/c/d\n    when (target.kind == user) and target.roles in [\"A \", \"B\"]\n}\n",
           "/// Doc.\nrole \"R\" {\n  except a.b/c/d\n    when (target.kind == user) and target.roles in [\"A\", \"B\"]\n}\n",
       }) {
    EXPECT_NE(Comparable(changed), base) << changed;
  }
}

}  // namespace
}  // namespace rolec::format
