// Golden tests of the compiler's diagnostics: every tests/golden/check/*.role is compiled on its own
// and its formatted diagnostics compared with the .err file beside it. Without the stdlib, unless
// the file contains the line "// golden: with-stdlib" (for diagnostics about stdlib names).
#include <string>

#include "compiler/compiler_util.h"
#include "gtest/gtest.h"
#include "support/golden.h"

namespace rolec::testing {
namespace {

class CheckGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(CheckGolden, DiagnosticsMatch) {
  const std::string path = GetParam();
  CompileOptions options;
  std::vector<SourceFile> sources = LoadSources({path});
  options.with_stdlib = sources[0].text.find("\n// golden: with-stdlib\n") != std::string::npos;
  CompileResult result = Compile(sources, options);
  std::string golden = path.substr(0, path.size() - 5) + ".err";
  ExpectMatchesGolden(FormatAll(result.diagnostics), golden);
  // A file with errors never yields an image; a clean one always does.
  EXPECT_EQ(result.ok(), !result.image.empty());
}

std::string Name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(info.param.rfind('/') + 1);
  name = name.substr(0, name.size() - 5);
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, CheckGolden, ::testing::ValuesIn(ListFiles("tests/golden/check", ".role")),
                         Name);

TEST(CheckGolden, CleanFileHasNoDiagnostics) {
  CompileOptions options;
  options.with_stdlib = false;
  CompileResult result = Compile(LoadSources({"tests/golden/check/clean.role"}), options);
  EXPECT_TRUE(result.diagnostics.empty()) << FormatAll(result.diagnostics);
  EXPECT_FALSE(result.image.empty());
}

TEST(CheckGolden, EveryErrorOfAFileInOneRun) {
  CompileOptions options;
  options.with_stdlib = false;
  CompileResult result = Compile(LoadSources({"tests/golden/check/names.role"}), options);
  size_t errors = 0;
  for (const Diagnostic& d : result.diagnostics) errors += d.severity == Severity::kError;
  EXPECT_GE(errors, 8u) << FormatAll(result.diagnostics);
}

}  // namespace
}  // namespace rolec::testing
