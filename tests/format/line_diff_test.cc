// tests/format/line_diff_test.cc — UnifiedDiff: the exact shape of a hunk, and on random texts
// that applying the diff to the first text gives the second.
#include "format/line_diff.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rolec::format {
namespace {

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size() - 1;
    lines.push_back(text.substr(start, end - start + 1));
    start = end + 1;
  }
  return lines;
}

// Applies a unified diff (as UnifiedDiff writes it) to `before`; "" and a test failure if the diff
// does not fit `before`.
std::string Apply(const std::string& before, const std::string& diff) {
  const std::vector<std::string> a = Split(before);
  const std::vector<std::string> d = Split(diff);
  std::string out;
  size_t next = 0;  // the next line of `a` not yet copied
  for (size_t i = 2; i < d.size();) {
    size_t a_start = 0, a_count = 0, b_start = 0, b_count = 0;
    EXPECT_EQ(std::sscanf(d[i].c_str(), "@@ -%zu,%zu +%zu,%zu @@", &a_start, &a_count, &b_start, &b_count), 4)
        << d[i];
    size_t first = a_count == 0 ? a_start : a_start - 1;
    for (; next < first; ++next) out += a[next];
    ++i;
    while (i < d.size() && d[i].rfind("@@", 0) != 0) {
      std::string line = d[i].substr(1);
      const bool no_newline = i + 1 < d.size() && d[i + 1].rfind("\\ No newline", 0) == 0;
      if (no_newline) line.pop_back();
      if (d[i][0] == ' ' || d[i][0] == '-') {
        EXPECT_LT(next, a.size());
        if (next < a.size()) EXPECT_EQ(a[next], line) << "context or removed line does not match";
        ++next;
      }
      if (d[i][0] == ' ' || d[i][0] == '+') out += line;
      i += no_newline ? 2 : 1;
    }
  }
  for (; next < a.size(); ++next) out += a[next];
  return out;
}

TEST(FmtLineDiff, EqualTextsHaveNoDiff) { EXPECT_EQ(UnifiedDiff("a\nb\n", "a\nb\n", "a", "b"), ""); }

TEST(FmtLineDiff, OneHunkWithThreeLinesOfContext) {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  const std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  EXPECT_EQ(UnifiedDiff(before, after, "a/x.role", "b/x.role"),
            "--- a/x.role\n+++ b/x.role\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(FmtLineDiff, DistantChangesAreSeparateHunksAndNearOnesMerge) {
  std::string before, after;
  for (int i = 1; i <= 30; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 8 || i == 25 ? "x" : std::to_string(i)) + "\n";
  }
  const std::string diff = UnifiedDiff(before, after, "a", "b");
  EXPECT_NE(diff.find("@@ -1,11 +1,11 @@"), std::string::npos) << diff;  // 2 and 8 merge
  EXPECT_NE(diff.find("@@ -22,7 +22,7 @@"), std::string::npos) << diff;
  EXPECT_EQ(Apply(before, diff), after);
}

TEST(FmtLineDiff, MissingFinalNewlineIsMarked) {
  const std::string diff = UnifiedDiff("a\nb", "a\nb\n", "a", "b");
  EXPECT_EQ(diff, "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  EXPECT_EQ(Apply("a\nb", diff), "a\nb\n");
}

TEST(FmtLineDiff, InsertionIntoAndDeletionOfEverything) {
  EXPECT_EQ(UnifiedDiff("", "a\n", "a", "b"), "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+a\n");
  EXPECT_EQ(UnifiedDiff("a\n", "", "a", "b"), "--- a\n+++ b\n@@ -1,1 +0,0 @@\n-a\n");
}

TEST(FmtLineDiff, RandomEditsRoundTripAndAreShortest) {
  std::mt19937 rng(12);
  for (int round = 0; round < 300; ++round) {
    std::string before, after;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      const std::string line = std::string(1, static_cast<char>('a' + rng() % 4)) + "\n";
      before += line;
      switch (rng() % 4) {
        case 0: break;  // deleted
        case 1: after += line + "new\n"; break;
        default: after += line;
      }
    }
    const std::string diff = UnifiedDiff(before, after, "a", "b");
    EXPECT_EQ(Apply(before, diff), after) << diff;
    // No line is both removed and added back unchanged in the same place: the script is minimal
    // enough that an unchanged pair is never `-x` directly followed by `+x`.
    EXPECT_EQ(diff.find("\n-a\n+a\n"), std::string::npos) << diff;
  }
}

TEST(FmtLineDiff, HugeDifferencesFallBackToACorrectDiff) {
  std::string before, after;
  for (size_t i = 0; i < 3 * kMaxDiffEdits; ++i) {
    before += "old " + std::to_string(i) + "\n";
    after += "new " + std::to_string(i) + "\n";
  }
  const std::string diff = UnifiedDiff(before, after, "a", "b");
  EXPECT_EQ(Apply(before, diff), after);
}

}  // namespace
}  // namespace rolec::format
