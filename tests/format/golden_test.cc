// tests/format/golden_test.cc — tests/golden/fmt/NAME.role (messy inputs: comments everywhere,
// long lists, nested conditions, sets, tests, imports, escapes, CRLF, tabs, trailing whitespace,
// no final newline) formatted must equal NAME.fmt; and NAME.fmt must be a fixed point.
// ROLEC_UPDATE_GOLDEN=1 rewrites the .fmt files.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "format/format.h"
#include "format/format_util.h"
#include "support/golden.h"

namespace rolec::format {
namespace {

std::string Name(const ::testing::TestParamInfo<std::string>& info) {
  return std::filesystem::path(info.param).stem().string();
}

std::vector<std::string> Inputs() {
  std::vector<std::string> out;
  for (const std::string& path : format_test::FilesIn("tests/golden/fmt")) {
    if (std::filesystem::path(path).extension() == ".role") out.push_back(path);
  }
  return out;
}

class FmtGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(FmtGolden, FormatsAsTheGoldenAndIsAFixedPoint) {
  const std::string& path = GetParam();
  std::string text;
  ASSERT_TRUE(rolec::testing::ReadFile(path, &text)) << path;
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<std::string> formatted = FormatSource(text, "in.role", &diagnostics);
  ASSERT_TRUE(formatted.ok()) << formatted.status();
  EXPECT_TRUE(rolec::testing::MatchesGolden(
      *formatted, "tests/golden/fmt/" + std::filesystem::path(path).stem().string() + ".fmt"));
  absl::StatusOr<std::string> again = FormatSource(*formatted, "in.role", nullptr);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, *formatted);
  EXPECT_NE(*formatted, text) << "a golden input should be messy enough to change";
}

INSTANTIATE_TEST_SUITE_P(Files, FmtGolden, ::testing::ValuesIn(Inputs()), Name);

TEST(FmtGoldenSet, CoversTheMessyCases) { EXPECT_GE(Inputs().size(), 10u); }

}  // namespace
}  // namespace rolec::format
