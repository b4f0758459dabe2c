// tests/cli/shell_words_test.cc — the shell quoting of cli/io.h: ShellWord (the commands that
// print a command line to rerun, e.g. who-can's and least-privileged's `eval` lines) and
// ShellQuoted (the completion script's word lists). Each word is also handed to bash, which must
// read it back as exactly the original bytes.
#include <array>
#include <cstdio>
#include <string>

#include "cli/io.h"
#include "gtest/gtest.h"

namespace rolec::cli_test {
namespace {

using rolec::cli::ShellQuoted;
using rolec::cli::ShellWord;

// What bash makes of `printf %s WORD`.
std::string BashReads(const std::string& word) {
  const std::string command = "bash -c " + ShellQuoted("printf %s " + word);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "<popen failed>";
  std::string out;
  std::array<char, 256> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

TEST(ShellWords, PlainWordsStayAsTheyAre) {
  EXPECT_EQ(ShellWord("microsoft.directory/users/password/update"),
            "microsoft.directory/users/password/update");
  EXPECT_EQ(ShellWord("Helpdesk_Administrator@au-1:x"), "Helpdesk_Administrator@au-1:x");
}

TEST(ShellWords, AnythingElseIsQuoted) {
  EXPECT_EQ(ShellWord("Global Administrator"), "'Global Administrator'");
  EXPECT_EQ(ShellWord(""), "''");
  EXPECT_EQ(ShellWord("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellWord("$(rm -rf /)"), "'$(rm -rf /)'");
  EXPECT_EQ(ShellQuoted("plain"), "'plain'");
}

TEST(ShellWords, BashReadsBackTheOriginal) {
  for (const std::string word :
       {"Global Administrator", "it's", "a\"b", "$HOME", "`id`", "x;y|z&", "*", "back\\slash",
        "tab\there", "multi\nline", "plain-word"}) {
    EXPECT_EQ(BashReads(ShellWord(word)), word) << word;
    EXPECT_EQ(BashReads(ShellQuoted(word)), word) << word;
  }
}

}  // namespace
}  // namespace rolec::cli_test
