// tests/cli/fmt_test.cc — `rolec fmt`: in place, standard input, --check, --diff, exit codes, and
// that the repository's own stdlib/ and examples/ pass `rolec fmt --check`.
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "gtest/gtest.h"

namespace rolec::cli_test {
namespace {

constexpr char kMessy[] = "role   \"R\" { allow a.b/c/d  when context.mfa }";
constexpr char kFormatted[] = "role \"R\" {\n  allow a.b/c/d\n    when context.mfa\n}\n";
constexpr char kBroken[] = "role \"R\" { allow }\n";

TEST(CliFmt, RewritesFilesInPlace) {
  TempDir dir;
  const std::string messy = dir.Write("messy.role", kMessy);
  const std::string formatted = dir.Write("formatted.role", kFormatted);
  ::chmod(messy.c_str(), 0640);
  struct stat before;
  ASSERT_EQ(::stat(formatted.c_str(), &before), 0);
  RunResult result = RunRolec({"fmt", "messy.role", "formatted.role"}, "", dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(ReadAll(messy), kFormatted);
  EXPECT_EQ(ReadAll(formatted), kFormatted);
  struct stat after;
  ASSERT_EQ(::stat(messy.c_str(), &after), 0);
  EXPECT_EQ(after.st_mode & 07777, 0640u) << "the file's permissions are kept";
  ASSERT_EQ(::stat(formatted.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino) << "a formatted file is not rewritten";
  // No temporary file is left behind.
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) files += entry.is_regular_file();
  EXPECT_EQ(files, 2u);
}

TEST(CliFmt, RewritesThroughASymbolicLink) {
  TempDir dir;
  const std::string target = dir.Write("real.role", kMessy);
  std::filesystem::create_symlink("real.role", dir.File("link.role"));
  RunResult result = RunRolec({"fmt", "link.role"}, "", dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::filesystem::is_symlink(dir.File("link.role")));
  EXPECT_EQ(ReadAll(target), kFormatted);
}

TEST(CliFmt, StandardInputToStandardOutput) {
  RunResult result = RunRolec({"fmt", "-"}, kMessy);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, kFormatted);
  RunResult crlf = RunRolec({"fmt", "-"}, "role \"R\" {\r\n  allow a.b/c/d\r\n}\r\n");
  EXPECT_EQ(crlf.out, "role \"R\" {\n  allow a.b/c/d\n}\n");
}

TEST(CliFmt, CheckListsTheFilesThatWouldChangeAndWritesNothing) {
  TempDir dir;
  dir.Write("messy.role", kMessy);
  dir.Write("formatted.role", kFormatted);
  RunResult result = RunRolec({"fmt", "--check", "messy.role", "formatted.role"}, "", dir.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "messy.role\n");
  EXPECT_EQ(ReadAll(dir.File("messy.role")), kMessy);
  RunResult clean = RunRolec({"fmt", "--check", "formatted.role"}, "", dir.path());
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.out, "");
  RunResult stdin_check = RunRolec({"fmt", "--check", "-"}, kMessy);
  EXPECT_EQ(stdin_check.exit_code, 1);
  EXPECT_EQ(stdin_check.out, "<stdin>\n");
}

TEST(CliFmt, DiffPrintsAUnifiedDiff) {
  TempDir dir;
  dir.Write("x.role", "role \"R\" {\n  allow   a.b/c/d\n}\n");
  const std::string expected =
      "--- a/x.role\n+++ b/x.role\n@@ -1,3 +1,3 @@\n role \"R\" {\n-  allow   a.b/c/d\n+  allow a.b/c/d\n }\n";
  RunResult diff = RunRolec({"fmt", "--diff", "x.role"}, "", dir.path());
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_EQ(diff.out, expected);
  RunResult check = RunRolec({"fmt", "--diff", "--check", "x.role"}, "", dir.path());
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_EQ(check.out, expected);
  EXPECT_EQ(ReadAll(dir.File("x.role")), "role \"R\" {\n  allow   a.b/c/d\n}\n");
  RunResult none = RunRolec({"fmt", "--diff", "--check", "-"}, kFormatted);
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "");
}

TEST(CliFmt, SyntaxErrorsAreReportedAndTheFileIsLeftAlone) {
  TempDir dir;
  dir.Write("bad.role", kBroken);
  dir.Write("messy.role", kMessy);
  RunResult result = RunRolec({"fmt", "bad.role", "messy.role"}, "", dir.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("bad.role:1:18: error[E01"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("rolec: error: 'bad.role' has syntax errors; it is not formatted"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(ReadAll(dir.File("bad.role")), kBroken);
  EXPECT_EQ(ReadAll(dir.File("messy.role")), kFormatted) << "the other files are still formatted";
  RunResult check = RunRolec({"fmt", "--check", "bad.role"}, "", dir.path());
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_EQ(check.out, "");
}

TEST(CliFmt, UsageAndFileErrors) {
  RunResult none = RunRolec({"fmt"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("FILE"), std::string::npos) << none.err;
  RunResult missing = RunRolec({"fmt", "/nonexistent/x.role"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot read '/nonexistent/x.role'"), std::string::npos) << missing.err;
  RunResult flag = RunRolec({"fmt", "--chek", "x.role"});
  EXPECT_EQ(flag.exit_code, 1);
  EXPECT_NE(flag.err.find("--check"), std::string::npos) << flag.err;
  RunResult help = RunRolec({"--help"});
  EXPECT_NE(help.out.find("  fmt"), std::string::npos) << help.out;
}

TEST(CliFmt, TheRepositoryIsFormatted) {
  std::vector<std::string> args = {"fmt", "--check"};
  for (const char* dir : {"stdlib", "examples"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(ROLEC_SOURCE_DIR) + "/" + dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".role") args.push_back(entry.path().string());
    }
  }
  ASSERT_GT(args.size(), 140u);
  RunResult result = RunRolec(args);
  EXPECT_EQ(result.exit_code, 0) << "not formatted (run rolec fmt on them):\n" << result.out << result.err;
  EXPECT_EQ(result.out, "");
}

}  // namespace
}  // namespace rolec::cli_test
