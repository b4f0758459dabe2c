// compiler/names.cc through Compile: cases the goldens do not isolate.
#include <string>

#include "gtest/gtest.h"
#include "rolec/compiler.hpp"
#include "rolec/diagnostic.hpp"

namespace rolec::testing {
namespace {

CompileResult CompileAlone(const std::string& text) {
  CompileOptions options;
  options.with_stdlib = false;
  return Compile({SourceFile{"t.role", text}}, options);
}

TEST(Names, AnEscapedLineBreakInANameKeepsTheMessageOnOneLine) {
  CompileResult result = CompileAlone("role \"a\\nb\" {}\n");
  ASSERT_EQ(result.diagnostics.size(), 1u) << FormatDiagnostic(result.diagnostics[0]);
  const Diagnostic& d = result.diagnostics[0];
  EXPECT_EQ(d.code, "E0220");
  EXPECT_EQ(d.message, "role name 'a\\u{000A}b' contains U+000A, a space or invisible character other than U+0020");
  EXPECT_FALSE(result.ok());
}

TEST(Names, CaseOnlyDifferencesAreNotLookAlikes) {
  // The same name in another case is E0211, not also W0221.
  CompileResult result = CompileAlone("role \"Reader\" {}\nrole \"READER\" {}\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "E0211");
}

TEST(Names, LookAlikesAreOnlyAWarning) {
  CompileResult result = CompileAlone("role \"Reader\" {}\nrole \"R\u0435ader\" {}\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "W0221");
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kWarning);
  EXPECT_TRUE(result.ok());
}

TEST(Names, TheStandardLibraryAloneHasNoNameDiagnostics) {
  CompileResult result = Compile({SourceFile{"t.role", "import entra\n"}}, CompileOptions{});
  for (const Diagnostic& d : result.diagnostics) {
    EXPECT_NE(d.code, "E0220") << FormatDiagnostic(d);
    EXPECT_NE(d.code, "W0221") << FormatDiagnostic(d);
    EXPECT_NE(d.code, "W0110") << FormatDiagnostic(d);
  }
}

}  // namespace
}  // namespace rolec::testing
