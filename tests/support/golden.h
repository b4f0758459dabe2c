// tests/support/golden.h — golden-file comparison for the text dumps of every stage.
//
//   rolec::testing::ExpectMatchesGolden(DumpAst(*file), "tests/golden/parse/role.ast");
//
// Paths are relative to the repository root (ROLEC_SOURCE_DIR). On a mismatch the test fails with a
// line diff; with ROLEC_UPDATE_GOLDEN=1 in the environment the golden file is rewritten instead.
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace rolec::testing {

inline std::string SourcePath(const std::string& relative) {
  return std::string(ROLEC_SOURCE_DIR) + "/" + relative;
}

inline bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

inline std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A minimal line diff: '-' expected, '+' actual, for the first differing region(s).
inline std::string LineDiff(const std::string& expected, const std::string& actual) {
  std::vector<std::string> e = SplitLines(expected), a = SplitLines(actual);
  std::ostringstream out;
  size_t i = 0, j = 0, shown = 0;
  while ((i < e.size() || j < a.size()) && shown < 40) {
    if (i < e.size() && j < a.size() && e[i] == a[j]) {
      ++i, ++j;
      continue;
    }
    if (i < e.size()) out << "-" << (i + 1) << ": " << e[i++] << "\n", ++shown;
    if (j < a.size()) out << "+" << (j + 1) << ": " << a[j++] << "\n", ++shown;
  }
  return out.str();
}

inline bool UpdateGolden() {
  const char* v = std::getenv("ROLEC_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// `golden` is relative to the repository root.
inline void ExpectMatchesGolden(const std::string& actual, const std::string& golden) {
  const std::string path = SourcePath(golden);
  if (UpdateGolden()) {
    std::ofstream out(path, std::ios::binary);
    out << actual;
    ASSERT_TRUE(static_cast<bool>(out)) << "cannot write " << path;
    return;
  }
  std::string expected;
  ASSERT_TRUE(ReadFile(path, &expected))
      << "missing golden file " << golden << " (run with ROLEC_UPDATE_GOLDEN=1 to create it)";
  EXPECT_EQ(expected, actual) << "golden mismatch for " << golden
                              << " (ROLEC_UPDATE_GOLDEN=1 rewrites it):\n"
                              << LineDiff(expected, actual);
}

}  // namespace rolec::testing
