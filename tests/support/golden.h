// tests/support/golden.h — golden-file comparison for the text dumps of every stage (header-only).
//
//   rolec::testing::ExpectMatchesGolden(DumpAst(*file), "tests/golden/parse/role.ast");
//   EXPECT_TRUE(rolec::testing::MatchesGolden(text, "tests/golden/syntax/x.err")) << "context";
//
// Paths are relative to the repository root (ROLEC_SOURCE_DIR). A golden file holds the expected
// text of a dump (AST, diagnostics, disassembly). On a mismatch the test fails with a line diff
// (`-` golden, `+` actual, three lines of context around each change). With the environment variable
// ROLEC_UPDATE_GOLDEN=1 the golden file is rewritten with the actual text instead and the check
// passes: review the change with `git diff` before committing it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::testing {

inline std::string SourcePath(const std::string& relative) {
  return std::string(ROLEC_SOURCE_DIR) + "/" + relative;
}

inline bool UpdateGolden() {
  const char* value = std::getenv("ROLEC_UPDATE_GOLDEN");
  return value != nullptr && std::string_view(value) == "1";
}

// The whole file, or false if it cannot be read.
inline bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  text->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

inline bool WriteTextFile(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return static_cast<bool>(out);
}

// The lines of `text`, without their newlines.
inline std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t newline = text.find('\n', start);
    if (newline == std::string::npos) newline = text.size();
    lines.push_back(text.substr(start, newline - start));
    start = newline + 1;
  }
  return lines;
}

namespace golden_internal {

inline std::vector<std::string_view> SplitLineViews(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, newline - start));
    start = newline + 1;
  }
  return lines;
}

struct Edit {
  char kind;  // ' ' same, '-' only in the golden, '+' only in the actual text
  std::string_view line;
};

// A line diff: common prefix and suffix, then an LCS of the middle (or, if the middle is too large
// for a quadratic table, all of it removed and added).
inline std::vector<Edit> DiffLines(const std::vector<std::string_view>& a,
                                   const std::vector<std::string_view>& b) {
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
  std::vector<Edit> edits;
  for (size_t i = 0; i < prefix; ++i) edits.push_back({' ', a[i]});
  if (n * m <= 4'000'000) {
    // lcs[i][j]: the LCS length of a[prefix+i..] and b[prefix+j..].
    std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        lcs[i][j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1][j + 1] + 1
                                                   : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        edits.push_back({' ', a[prefix + i]});
        ++i;
        ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        edits.push_back({'-', a[prefix + i++]});  // removals first, as diff -u shows them
      } else {
        edits.push_back({'+', b[prefix + j++]});
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) edits.push_back({'-', a[prefix + i]});
    for (size_t j = 0; j < m; ++j) edits.push_back({'+', b[prefix + j]});
  }
  for (size_t i = a.size() - suffix; i < a.size(); ++i) edits.push_back({' ', a[i]});
  return edits;
}

}  // namespace golden_internal

// A unified-style diff of two texts: hunks of changed lines with `context` lines around them.
inline std::string LineDiff(std::string_view golden, std::string_view actual, size_t context = 3) {
  using golden_internal::Edit;
  std::vector<std::string_view> a = golden_internal::SplitLineViews(golden);
  std::vector<std::string_view> b = golden_internal::SplitLineViews(actual);
  std::vector<Edit> edits = golden_internal::DiffLines(a, b);
  std::ostringstream out;
  // Line numbers before each edit, to head each hunk.
  std::vector<size_t> golden_line(edits.size() + 1, 1), actual_line(edits.size() + 1, 1);
  for (size_t k = 0; k < edits.size(); ++k) {
    golden_line[k + 1] = golden_line[k] + (edits[k].kind != '+');
    actual_line[k + 1] = actual_line[k] + (edits[k].kind != '-');
  }
  // Group changes into hunks: changes closer than 2 * context lines share a hunk.
  std::vector<size_t> changes;
  for (size_t k = 0; k < edits.size(); ++k) {
    if (edits[k].kind != ' ') changes.push_back(k);
  }
  for (size_t c = 0; c < changes.size();) {
    size_t last = c;
    while (last + 1 < changes.size() && changes[last + 1] - changes[last] <= 2 * context) ++last;
    size_t begin = changes[c] >= context ? changes[c] - context : 0;
    size_t end = std::min(edits.size(), changes[last] + context + 1);
    out << "@@ golden line " << golden_line[begin] << ", actual line " << actual_line[begin] << " @@\n";
    for (size_t i = begin; i < end; ++i) out << edits[i].kind << ' ' << edits[i].line << '\n';
    c = last + 1;
  }
  if (out.str().empty() && golden != actual) {
    out << "(the texts differ only in a trailing newline)\n";
  }
  return out.str();
}

// Compares `actual` with the golden file `golden` (relative to the repository root), or rewrites the
// file when ROLEC_UPDATE_GOLDEN=1.
inline ::testing::AssertionResult MatchesGolden(std::string_view actual, const std::string& golden) {
  const std::string path = SourcePath(golden);
  std::string expected;
  bool exists = ReadFile(path, &expected);
  if (UpdateGolden()) {
    if (exists && expected == actual) return ::testing::AssertionSuccess();
    if (!WriteTextFile(path, actual)) {
      return ::testing::AssertionFailure() << "cannot write golden file " << path;
    }
    return ::testing::AssertionSuccess();
  }
  if (!exists) {
    return ::testing::AssertionFailure()
           << "missing golden file " << golden
           << " (run the test with ROLEC_UPDATE_GOLDEN=1 to create it); actual text:\n"
           << actual;
  }
  if (expected == actual) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "golden file " << golden
         << " differs (- golden, + actual; ROLEC_UPDATE_GOLDEN=1 rewrites it):\n"
         << LineDiff(expected, actual);
}

inline void ExpectMatchesGolden(const std::string& actual, const std::string& golden) {
  EXPECT_TRUE(MatchesGolden(actual, golden));
}

}  // namespace rolec::testing
