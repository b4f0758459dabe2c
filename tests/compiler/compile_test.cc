// Unit tests of the compile pipeline as a whole: determinism, the stdlib, extends, limits and
// hostile sources ending in clear errors.
#include <string>

#include "compiler/compiler_util.h"
#include "gtest/gtest.h"

namespace rolec::testing {
namespace {

CompileOptions NoStdlib() {
  CompileOptions options;
  options.with_stdlib = false;
  return options;
}

const char* kSmall = R"(module m
action microsoft.directory/users/delete { description "Delete users" }
action microsoft.directory/users/basic/update { description "Update users" }
role "Base" { allow microsoft.directory/users/delete }
role "Derived" extends "Base" { allow microsoft.directory/users/basic/update when target.kind == user }
)";

bool HasCode(const CompileResult& result, const std::string& code) {
  for (const Diagnostic& d : result.diagnostics) {
    if (d.code == code) return true;
  }
  return false;
}

TEST(Compile, SameSourcesGiveSameBytes) {
  CompileResult a = Compile({{"m.role", kSmall}}, NoStdlib());
  CompileResult b = Compile({{"m.role", kSmall}}, NoStdlib());
  ASSERT_TRUE(a.ok()) << FormatAll(a.diagnostics);
  EXPECT_EQ(a.image, b.image);
  EXPECT_FALSE(a.image.empty());
}

TEST(Compile, EverySyntaxErrorIsReportedAndTheNoteStaysWithItsError) {
  // Two files: the diagnostics are sorted by file and position, but the note of the unclosed '{'
  // (on an earlier line than its error) stays right after that error.
  CompileResult result = Compile({{"a.role", "role \"X\" {\n  alow a/b/c\n}\nrole \"Y\" {\n  allow a/b/c\n"},
                                  {"b.role", "rol \"Z\" {}\n"}},
                                 NoStdlib());
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.image.empty());
  ASSERT_EQ(result.diagnostics.size(), 4u) << FormatAll(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].span.line, 2u);  // alow
  EXPECT_EQ(result.diagnostics[1].span.line, 5u);  // expected '}'
  EXPECT_EQ(result.diagnostics[2].severity, Severity::kNote);
  EXPECT_EQ(result.diagnostics[2].span.line, 4u);  // this '{' is not closed
  EXPECT_EQ(result.diagnostics[3].span.file, "b.role");
  EXPECT_EQ(result.diagnostics[3].help, "did you mean 'role'?");
}

TEST(Compile, StandardLibraryWithUserFilesIsDeterministic) {
  const char* custom = "module c\nimport entra\nrole \"Custom\" extends entra.\"Global Reader\" {}\n";
  CompileResult a = Compile({{"c.role", custom}});
  CompileResult b = Compile({{"c.role", custom}});
  ASSERT_TRUE(a.ok()) << FormatAll(a.diagnostics);
  EXPECT_EQ(a.image, b.image);
}

TEST(Compile, StandardLibraryAloneCompilesCleanly) {
  CompileResult result = Compile({});
  EXPECT_TRUE(result.diagnostics.empty()) << FormatAll(result.diagnostics);
  ASSERT_TRUE(result.ok());
  auto policy = Policy::Load(result.image);
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  EXPECT_NE((*policy)->FindRole("Global Administrator"), kNoRole);
  EXPECT_NE((*policy)->FindRole("Helpdesk Administrator"), kNoRole);
  EXPECT_NE((*policy)->FindAction("microsoft.directory/users/password/update"), kNoAction);
}

TEST(Compile, ExtendsCopiesTheBaseRules) {
  CompileResult result = Compile({{"m.role", kSmall}}, NoStdlib());
  ASSERT_TRUE(result.ok()) << FormatAll(result.diagnostics);
  auto policy = Policy::Load(result.image);
  ASSERT_TRUE(policy.ok());
  RoleId derived = (*policy)->FindRole("Derived");
  ASSERT_NE(derived, kNoRole);
  std::vector<ActionId> actions = (*policy)->RoleActions(derived);
  EXPECT_EQ(actions.size(), 2u);
  std::vector<uint32_t> rules = (*policy)->RoleRules(derived);
  ASSERT_EQ(rules.size(), 2u);
  // The inherited rule keeps the base's source location.
  EXPECT_EQ((*policy)->rule(rules[0]).source.line, 4u);
  EXPECT_EQ((*policy)->rule(rules[1]).condition, "target.kind == user");
}

TEST(Compile, TestsOfTheStdlibAreNotReturned) {
  CompileResult result = Compile({{"m.role", std::string(kSmall) + "test \"t\" { allow \"Base\" "
                                                                   "microsoft.directory/users/delete }\n"}},
                                 NoStdlib());
  ASSERT_TRUE(result.ok()) << FormatAll(result.diagnostics);
  ASSERT_EQ(result.tests.size(), 1u);
  EXPECT_EQ(result.tests[0].name, "t");
}

TEST(Compile, OversizedFileIsALimitError) {
  CompileOptions options = NoStdlib();
  options.max_source_bytes = 1024;
  std::string big(4096, ' ');
  CompileResult result = Compile({{"big.role", big}}, options);
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(HasCode(result, "E0601")) << FormatAll(result.diagnostics);
  EXPECT_TRUE(result.image.empty());
}

TEST(Compile, TooManyRolesIsALimitError) {
  CompileOptions options = NoStdlib();
  options.max_roles = 1;
  CompileResult result = Compile({{"m.role", kSmall}}, options);
  EXPECT_TRUE(HasCode(result, "E0601")) << FormatAll(result.diagnostics);
}

TEST(Compile, DeeplyNestedConditionIsAClearError) {
  std::string deep = std::string(kSmall) + "role \"Deep\" { allow microsoft.directory/users/delete when ";
  deep += std::string(100000, '(') + "context.mfa" + std::string(100000, ')') + " }\n";
  CompileResult result = Compile({{"deep.role", deep}}, NoStdlib());
  EXPECT_FALSE(result.ok());
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(result.diagnostics[0].span.file, "deep.role");
  EXPECT_GT(result.diagnostics[0].span.line, 0u);
}

TEST(Compile, TenMegabytesOfGarbageIsAClearError) {
  std::string garbage;
  garbage.reserve(10u << 20);
  uint32_t x = 12345;
  while (garbage.size() < (10u << 20)) {
    x = x * 1103515245u + 12345u;
    garbage.push_back(static_cast<char>(32 + (x >> 16) % 95));
  }
  CompileResult result = Compile({{"garbage.role", garbage}}, NoStdlib());
  EXPECT_FALSE(result.ok());
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_FALSE(result.diagnostics[0].message.empty());
}

TEST(Compile, TenMegabyteValidFileCompiles) {
  std::string text = "module big\naction microsoft.directory/users/delete { description \"Delete users\" }\n";
  int i = 0;
  while (text.size() < (10u << 20)) {
    text += "role \"Generated role " + std::to_string(i++) +
            "\" {\n  description \"A generated role for the size test\"\n"
            "  allow microsoft.directory/users/delete when target.kind == user and not target.role_assignable\n}\n";
  }
  CompileResult result = Compile({{"big.role", text}}, NoStdlib());
  EXPECT_TRUE(result.ok()) << FormatAll(result.diagnostics);
  auto policy = Policy::Load(result.image);
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  EXPECT_EQ((*policy)->role_count(), static_cast<uint32_t>(i));
}

TEST(Compile, ConditionTooLargeForOneChunkIsAnError) {
  std::string text = std::string(kSmall) + "role \"Wide\" { allow microsoft.directory/users/delete when ";
  for (int i = 0; i < 20000; ++i) text += (i ? " or " : "") + std::string("target.admin_units has \"au") + std::to_string(i) + "\"";
  text += " }\n";
  CompileResult result = Compile({{"wide.role", text}}, NoStdlib());
  EXPECT_TRUE(HasCode(result, "E0601")) << FormatAll(result.diagnostics);
  EXPECT_TRUE(result.image.empty());
}

}  // namespace
}  // namespace rolec::testing
