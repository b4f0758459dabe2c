// tests/format/layout_test.cc — the layout rules of docs/fmt.md, one at a time, on small sources.
#include <string>

#include <gtest/gtest.h>

#include "format/format.h"
#include "grammar/parser.h"

namespace rolec::format {
namespace {

std::string Fmt(std::string_view text) {
  absl::StatusOr<std::string> out = FormatSource(text, "x.role", nullptr);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : "";
}

TEST(FmtLayout, MetadataKeysArePaddedToTheWidthOfDescription) {
  EXPECT_EQ(Fmt("role \"R\" { id \"i\" description \"d\" privileged true deprecated false "
                "admin_unit_scopable true }"),
            "role \"R\" {\n"
            "  id          \"i\"\n"
            "  description \"d\"\n"
            "  privileged  true\n"
            "  deprecated  false\n"
            "  admin_unit_scopable true\n"
            "}\n");
  EXPECT_EQ(Fmt("action a.b/c/d { description \"d\" privileged true custom_allowed false protected true "
                "requires context.mfa }"),
            "action a.b/c/d {\n"
            "  description \"d\"\n"
            "  privileged  true\n"
            "  custom_allowed false\n"
            "  protected   true\n"
            "  requires    context.mfa\n"
            "}\n");
}

TEST(FmtLayout, ABlankLineBetweenDeclarationsAndAtMostOneKeptInABody) {
  EXPECT_EQ(Fmt("module m\nimport entra\nrole \"A\" {}\nrole \"B\" {\n\n\n  id \"x\"\n\n\n\n  allow a.b/c/d\n}"
                "\n\n\n\nset roles s = []"),
            "module m\nimport entra\n\nrole \"A\" {}\n\nrole \"B\" {\n  id          \"x\"\n\n  allow a.b/c/d\n}\n\n"
            "set roles s = []\n");
}

// The widest line that stays whole is 100 columns.
TEST(FmtLayout, AListStaysOnOneLineUpToOneHundredColumns) {
  const std::string a = "a.b/c/" + std::string(40, 'x');
  const std::string b = "a.b/c/" + std::string(40, 'y');
  // "  allow " (8) + a (46) + ", " (2) + b: 100 columns with b of 44.
  const std::string b44 = b.substr(0, 44);
  EXPECT_EQ(Fmt("role \"R\" { allow " + a + ", " + b44 + " }"),
            "role \"R\" {\n  allow " + a + ", " + b44 + "\n}\n");
  const std::string b45 = b.substr(0, 45);
  EXPECT_EQ(Fmt("role \"R\" { allow " + a + ", " + b45 + " }"),
            "role \"R\" {\n  allow " + a + ",\n        " + b45 + "\n}\n");
}

TEST(FmtLayout, ListsBrokenInTheSourceStayBroken) {
  EXPECT_EQ(Fmt("role \"R\" { allow a.b/c/d,\n e.f/g/h }\nset roles s = [\n\"A\", \"B\"]"),
            "role \"R\" {\n  allow a.b/c/d,\n        e.f/g/h\n}\n\nset roles s = [\n  \"A\",\n  \"B\",\n]\n");
  EXPECT_EQ(Fmt("set roles s = [ \"A\" , \"B\" , ]"), "set roles s = [\"A\", \"B\"]\n");
}

TEST(FmtLayout, ConditionsBreakAtAndOrWithOperandsAligned) {
  EXPECT_EQ(Fmt("role \"R\" { allow a.b/c/d when context.mfa and target is self }"),
            "role \"R\" {\n  allow a.b/c/d\n    when context.mfa and target is self\n}\n");
  EXPECT_EQ(Fmt("role \"R\" { allow a.b/c/d when context.mfa\n or target is self and (scope is tenant or\n"
                " principal owns target) }"),
            "role \"R\" {\n"
            "  allow a.b/c/d\n"
            "    when context.mfa\n"
            "      or target is self\n"
            "         and (scope is tenant\n"
            "              or principal owns target)\n"
            "}\n");
}

TEST(FmtLayout, ExpectationsContinueUnderTheFirstAssignment) {
  const std::string role = "\"" + std::string(40, 'R') + "\"";
  EXPECT_EQ(Fmt("test \"t\" { deny " + role + " microsoft.directory/users/password/update on user { roles [\"A\"] } with mfa }"),
            "test \"t\" {\n"
            "  deny  " + role + " microsoft.directory/users/password/update\n"
            "        on user { roles [\"A\"] } with mfa\n"
            "}\n");
}

TEST(FmtLayout, DocCommentsStayDocumentation) {
  const std::string text = "/// One.\n///\n///   Three, indented.\nrole \"R\" {}\n/// Not attached.\n\nset roles s = []";
  grammar::ParseResult before = grammar::Parse(text, "x.role");
  grammar::ParseResult after = grammar::Parse(Fmt(text), "x.role");
  ASSERT_NE(after.file, nullptr);
  EXPECT_EQ(std::get<grammar::RoleDecl>(after.file->items[0]).doc, "One.\n\n  Three, indented.");
  EXPECT_EQ(std::get<grammar::SetDecl>(after.file->items[1]).doc, "");
  EXPECT_EQ(std::get<grammar::RoleDecl>(before.file->items[0]).doc,
            std::get<grammar::RoleDecl>(after.file->items[0]).doc);
}

TEST(FmtLayout, ATrailingCommentForcesTheRestOntoANewLine) {
  EXPECT_EQ(Fmt("role \"R\" { allow a.b/c/d, // first\n e.f/g/h when context.mfa // why\n and target is self }"),
            "role \"R\" {\n"
            "  allow a.b/c/d,  // first\n"
            "        e.f/g/h\n"
            "    when context.mfa  // why\n"
            "     and target is self\n"
            "}\n");
}

TEST(FmtLayout, EmptyAndCommentOnlySources) {
  EXPECT_EQ(Fmt(""), "");
  EXPECT_EQ(Fmt("\n\n  \n"), "");
  EXPECT_EQ(Fmt("// only\n\n\n// comments   \n"), "// only\n\n// comments\n");
}

TEST(FmtLayout, SyntaxErrorsAreRefusedWithTheParsersDiagnostics) {
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<std::string> out = FormatSource("role \"R\" { allow }", "bad.role", &diagnostics);
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(diagnostics[0].span.file, "bad.role");
  EXPECT_EQ(diagnostics[0].code.substr(0, 3), "E01");
}

TEST(FmtLayout, WarningsOfASourceThatParsesAreReturned) {
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<std::string> out =
      FormatSource("// a bidi control \xE2\x80\xAE in a comment\nrole \"R\" {}\n", "w.role", &diagnostics);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "W0110");
}

}  // namespace
}  // namespace rolec::format
