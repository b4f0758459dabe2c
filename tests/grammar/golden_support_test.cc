// Tests of tests/support/golden.h, which every layer's golden tests use: the diff must show what
// changed, and a comparison must fail on any difference.
#include <string>

#include <gtest/gtest.h>

#include "support/golden.h"

namespace rolec::testing {
namespace {

TEST(LineDiff, ShowsChangedLinesWithContext) {
  std::string golden = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
  std::string actual = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n";
  EXPECT_EQ(LineDiff(golden, actual),
            "@@ golden line 2, actual line 2 @@\n"
            "  2\n  3\n  4\n- 5\n+ five\n  6\n  7\n  8\n");
}

TEST(LineDiff, InsertionsDeletionsAndSeparateHunks) {
  std::string golden = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
  std::string actual = "a\nb\nnew\nc\nd\ne\nf\ng\nh\ni\nj\nl\n";
  EXPECT_EQ(LineDiff(golden, actual, 1),
            "@@ golden line 2, actual line 2 @@\n  b\n+ new\n  c\n"
            "@@ golden line 10, actual line 11 @@\n  j\n- k\n  l\n");
}

TEST(LineDiff, TrailingNewlineIsADifference) {
  EXPECT_EQ(LineDiff("a\n", "a"), "(the texts differ only in a trailing newline)\n");
  EXPECT_EQ(LineDiff("same\n", "same\n"), "");
}

TEST(SplitLines, DropsNewlines) {
  EXPECT_EQ(SplitLines("a\n\nb"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_TRUE(SplitLines("").empty());
}

TEST(MatchesGolden, FailsOnADifferenceAndOnAMissingFile) {
  if (UpdateGolden()) GTEST_SKIP() << "comparisons always pass while goldens are being rewritten";
  EXPECT_TRUE(MatchesGolden("module only\n", "tests/golden/parse/module_only.role"));
  ::testing::AssertionResult different =
      MatchesGolden("module other\n", "tests/golden/parse/module_only.role");
  EXPECT_FALSE(different);
  EXPECT_NE(std::string(different.message()).find("- module only\n+ module other"), std::string::npos)
      << different.message();
  EXPECT_FALSE(MatchesGolden("x", "tests/golden/parse/no_such_file.ast"));
}

}  // namespace
}  // namespace rolec::testing
