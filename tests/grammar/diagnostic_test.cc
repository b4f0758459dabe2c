// Tests of the diagnostic printer (grammar/diagnostic.cc): the exact gcc/clang shape, carets under
// tabs and multi-byte characters, long lines, and HasErrors/SeverityName.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rolec/diagnostic.hpp"

namespace rolec {
namespace {

Diagnostic Make(uint32_t line, uint32_t column, uint32_t length, std::string source_line,
                std::string help = "") {
  Diagnostic d;
  d.code = "E0201";
  d.message = "unknown action 'microsoft.directory/users/pasword/update'";
  d.span = {"contoso.role", line, column, length};
  d.source_line = std::move(source_line);
  d.help = std::move(help);
  return d;
}

// The formatted diagnostic without its first line.
std::string Body(const Diagnostic& d) {
  std::string text = FormatDiagnostic(d);
  return text.substr(text.find('\n') + 1);
}

TEST(FormatDiagnostic, HasTheCompilerShape) {
  Diagnostic d = Make(12, 9, 40, "  allow microsoft.directory/users/pasword/update",
                      "did you mean 'microsoft.directory/users/password/update'?");
  EXPECT_EQ(FormatDiagnostic(d),
            "contoso.role:12:9: error[E0201]: unknown action 'microsoft.directory/users/pasword/update'\n"
            "  12 |   allow microsoft.directory/users/pasword/update\n"
            "     |         ^" + std::string(39, '~') + "\n"
            "help: did you mean 'microsoft.directory/users/password/update'?\n");
}

TEST(FormatDiagnostic, GutterWidthFollowsTheLineNumber) {
  EXPECT_EQ(FormatDiagnostic(Make(7, 1, 1, "x")),
            "contoso.role:7:1: error[E0201]: unknown action 'microsoft.directory/users/pasword/update'\n"
            "  7 | x\n"
            "    | ^\n");
  EXPECT_EQ(Body(Make(12345, 2, 2, "xyz")),
            "  12345 | xyz\n"
            "        |  ^~\n");
}

TEST(FormatDiagnostic, SeveritiesAndOptionalParts) {
  Diagnostic d = Make(3, 1, 1, "");
  d.severity = Severity::kWarning;
  d.code.clear();
  EXPECT_EQ(FormatDiagnostic(d),
            "contoso.role:3:1: warning: unknown action 'microsoft.directory/users/pasword/update'\n"
            "  3 |\n"
            "    | ^\n");
  d.severity = Severity::kNote;
  d.span.line = 0;
  d.message = "no location";
  EXPECT_EQ(FormatDiagnostic(d), "contoso.role: note: no location\n");
}

TEST(FormatDiagnostic, CaretPastTheEndOfTheLine) {
  EXPECT_EQ(Body(Make(1, 5, 1, "abc")), "  1 | abc\n    |     ^\n");
}

TEST(FormatDiagnostic, TabsAreRepeatedAndMultiByteCharactersCountOnce) {
  // "\té" then "xyz": the caret under x must follow a tab and one column for the two-byte é.
  std::string line = "\t\xC3\xA9xyz";
  EXPECT_EQ(Body(Make(1, 4, 3, line)), "  1 | " + line + "\n    | \t ^~~\n");
  // A span over multi-byte characters gets one '~' per character.
  EXPECT_EQ(Body(Make(1, 1, 6, "\xC3\xA9\xC3\xA9\xC3\xA9!")),
            "  1 | \xC3\xA9\xC3\xA9\xC3\xA9!\n    | ^~~\n");
}

TEST(FormatDiagnostic, ControlCharactersOfTheLineAreShownAsOneQuestionMarkEach) {
  // ESC, BEL, a lone CR, backspace and DEL would drive the terminal; a tab stays (the caret line
  // repeats it), and the caret still sits under the 'X'.
  std::string line = "\t\"\x1b[2K\x07\r\b\x7f\xC3\xA9X\"";
  std::string text = FormatDiagnostic(Make(1, 13, 1, line));
  EXPECT_EQ(text.substr(text.find('\n') + 1),
            "  1 | \t\"?[2K????\xC3\xA9X\"\n"
            "    | \t          ^\n");
  for (char c : text) {
    const unsigned char byte = static_cast<unsigned char>(c);
    EXPECT_TRUE((byte >= 0x20 && byte != 0x7F) || c == '\n' || c == '\t') << static_cast<int>(byte);
  }
}

TEST(FormatDiagnostic, LongLinesAreShownAsAWindowAroundTheCaret) {
  std::string line(10000, 'a');
  line[5000] = 'X';
  std::string text = FormatDiagnostic(Make(1, 5001, 1, line));
  size_t source = text.find("  1 | ");
  ASSERT_NE(source, std::string::npos);
  std::string shown = text.substr(source + 6, text.find('\n', source) - source - 6);
  EXPECT_EQ(shown.size(), 3u + 160u + 3u);
  EXPECT_EQ(shown.substr(0, 3), "...");
  EXPECT_EQ(shown.substr(shown.size() - 3), "...");
  std::string caret_line = text.substr(text.find('\n', source) + 1);
  EXPECT_EQ(caret_line.find('^') - 6, shown.find('X'));
}

TEST(HasErrors, OnlyErrorsCount) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(HasErrors(diagnostics));
  diagnostics.push_back(Make(1, 1, 1, ""));
  diagnostics.back().severity = Severity::kWarning;
  diagnostics.push_back(Make(1, 1, 1, ""));
  diagnostics.back().severity = Severity::kNote;
  EXPECT_FALSE(HasErrors(diagnostics));
  diagnostics.push_back(Make(1, 1, 1, ""));
  EXPECT_TRUE(HasErrors(diagnostics));
}

TEST(SeverityName, NamesEverySeverity) {
  EXPECT_EQ(SeverityName(Severity::kError), "error");
  EXPECT_EQ(SeverityName(Severity::kWarning), "warning");
  EXPECT_EQ(SeverityName(Severity::kNote), "note");
}

}  // namespace
}  // namespace rolec
