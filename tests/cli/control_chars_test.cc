// tests/cli/control_chars_test.cc — control characters of hostile input never reach a terminal or a
// CI log raw (docs/cli.md §Control characters): EscapeControlChars itself, then the command end to
// end with an ESC in a request's role, in an admin unit id, in an action, in a file name, and in a
// .role source (E0108). Every test asserts that the raw byte is absent, not only that an escaped
// form is present.
#include <cstdio>
#include <string>

#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "cli/io.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;
using rolec::cli::EscapeControlChars;

constexpr char kEsc = '\x1b';
// Clears the screen, then "x": what a hostile name would do to a terminal if printed raw.
const std::string kHostileName = "\x1b[2Jx";

// True if `text` holds a byte that drives a terminal: C0 but tab and line feed, or DEL.
bool HasRawControl(const std::string& text) {
  for (char c : text) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n') || byte == 0x7F) return true;
  }
  return false;
}

TEST(EscapeControlChars, EscapesC0ControlsAndDelAsTwoHexDigits) {
  EXPECT_EQ(EscapeControlChars(kHostileName), "\\x1b[2Jx");
  EXPECT_EQ(EscapeControlChars("bell\a back\b cr\r del\x7f us\x1f"),
            "bell\\x07 back\\x08 cr\\x0d del\\x7f us\\x1f");
  EXPECT_EQ(EscapeControlChars(std::string("nul\0!", 5)), "nul\\x00!");
  EXPECT_EQ(EscapeControlChars("\f\v"), "\\x0c\\x0b");
}

TEST(EscapeControlChars, KeepsTabsNewlinesUtf8AndPlainText) {
  EXPECT_EQ(EscapeControlChars(""), "");
  EXPECT_EQ(EscapeControlChars("unknown role 'Helpdesk Admin'"), "unknown role 'Helpdesk Admin'");
  EXPECT_EQ(EscapeControlChars("a\tb\nc\n"), "a\tb\nc\n");
  // UTF-8 (and any byte from 0x80 up, C1 code points included) is left alone.
  EXPECT_EQ(EscapeControlChars("caf\xC3\xA9 \xE2\x9C\x93 \xC2\x9B \xFF"),
            "caf\xC3\xA9 \xE2\x9C\x93 \xC2\x9B \xFF");
  // A backslash is not itself escaped: the output is for people, not a format to decode.
  EXPECT_EQ(EscapeControlChars("\\x1b"), "\\x1b");
}

TEST(EscapeControlChars, EveryByteValue) {
  for (int value = 0; value < 256; ++value) {
    const std::string byte(1, static_cast<char>(value));
    const std::string escaped = EscapeControlChars("<" + byte + ">");
    const bool drives_terminal = (value < 0x20 && value != '\t' && value != '\n') || value == 0x7F;
    if (drives_terminal) {
      char expected[8];
      std::snprintf(expected, sizeof expected, "<\\x%02x>", value);
      EXPECT_EQ(escaped, expected) << value;
    } else {
      EXPECT_EQ(escaped, "<" + byte + ">") << value;
    }
    EXPECT_FALSE(HasRawControl(escaped)) << value;
  }
}

TEST(CliControlChars, RequestRoleNameIsEscapedInTheLineError) {
  const json request = {
      {"principal", {{"id", "alice"}, {"assignments", {{{"role", kHostileName}}}}}},
      {"action", kPasswordUpdate}};
  const std::string line = request.dump();
  ASSERT_NE(line.find("\\u001b"), std::string::npos) << line;  // the request itself is plain text
  RunResult run = RunRolec({"eval", "--requests", "-"}, line + "\n");
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(run.out.find(kEsc), std::string::npos) << run.out;
  EXPECT_EQ(run.err.find(kEsc), std::string::npos) << run.err;
  EXPECT_FALSE(HasRawControl(run.out + run.err));
  ASSERT_EQ(Lines(run.out).size(), 1u) << run.out;
  const json answer = json::parse(Lines(run.out)[0]);
  EXPECT_EQ(answer["decision"], "deny");
  ASSERT_EQ(answer["errors"].size(), 1u) << answer;
  const std::string error = answer["errors"][0];
  EXPECT_NE(error.find("unknown role '\\x1b[2Jx'"), std::string::npos) << error;
  EXPECT_EQ(error.find(kEsc), std::string::npos) << error;  // not even once the JSON is decoded
}

TEST(CliControlChars, RoleFlagIsEscapedOnStderr) {
  RunResult run = RunRolec({"eval", "--as", kHostileName, kPasswordUpdate});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.err.find("rolec: error: unknown role '\\x1b[2Jx'"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(kEsc), std::string::npos) << run.err;
  EXPECT_FALSE(HasRawControl(run.out + run.err));

  // describe quotes its argument the same way.
  RunResult describe = RunRolec({"describe", kHostileName});
  EXPECT_EQ(describe.exit_code, 1);
  EXPECT_NE(describe.err.find("unknown role '\\x1b[2Jx'"), std::string::npos) << describe.err;
  EXPECT_FALSE(HasRawControl(describe.out + describe.err));
}

TEST(CliControlChars, AdminUnitIdIsEscapedInTheExplanation) {
  const std::string as = std::string(kHelpdeskName) + "@/administrativeUnits/au\x1b[8m";
  // The target is not in that unit: the explanation names the assignment's scope and the unit.
  RunResult run = RunRolec({"eval", "--as", as, kPasswordUpdate, "--target-admin-unit", "au2"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.out.find("scope /administrativeUnits/au\\x1b[8m"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find(kEsc), std::string::npos) << run.out;
  EXPECT_FALSE(HasRawControl(run.out + run.err));

  // In JSON the scope is data (JSON's own escape carries the byte exactly); the message is prose.
  RunResult as_json =
      RunRolec({"eval", "--as", as, kPasswordUpdate, "--target-admin-unit", "au2", "--json"});
  EXPECT_EQ(as_json.exit_code, 2) << as_json.out << as_json.err;
  EXPECT_FALSE(HasRawControl(as_json.out + as_json.err)) << as_json.out;
  const json decision = json::parse(as_json.out);
  ASSERT_FALSE(decision["denials"].empty()) << as_json.out;
  const json& denial = decision["denials"][0];
  EXPECT_EQ(denial["kind"], "scope_mismatch") << denial;
  EXPECT_EQ(denial["scope"], "/administrativeUnits/au\x1b[8m") << denial;
  const std::string message = denial["message"];
  EXPECT_EQ(message.find(kEsc), std::string::npos) << message;
  EXPECT_NE(message.find("au\\x1b[8m"), std::string::npos) << message;
}

TEST(CliControlChars, MalformedActionIsEscapedEverywhere) {
  const std::string action = "microsoft.directory/users\x1b[1A/update";
  RunResult run = RunRolec({"eval", "--as", kHelpdeskName, action});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.err.find("users\\x1b[1A/update"), std::string::npos) << run.err;
  EXPECT_FALSE(HasRawControl(run.out)) << run.out;
  EXPECT_FALSE(HasRawControl(run.err)) << run.err;

  RunResult as_json = RunRolec({"eval", "--as", kHelpdeskName, action, "--json"});
  EXPECT_EQ(as_json.exit_code, 1);
  EXPECT_FALSE(HasRawControl(as_json.out + as_json.err)) << as_json.out;
  const json decision = json::parse(as_json.out);
  ASSERT_FALSE(decision["errors"].empty()) << as_json.out;
  for (const std::string error : decision["errors"]) {
    EXPECT_EQ(error.find(kEsc), std::string::npos) << error;
  }
}

TEST(CliControlChars, CheckRefusesAControlCharacterInASource) {
  TempDir dir;
  const std::string path =
      dir.Write("hostile.role", "role \"Help\x1b[2K\x1b[1Adesk\" {\n  allow " +
                                    std::string(kPasswordUpdate) + "\n}\n");
  RunResult run = RunRolec({"check", path});
  EXPECT_NE(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.err.find("hostile.role:1:11: error[E0108]: control character U+001B in the source"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("role \"Help?[2K?[1Adesk\" {"), std::string::npos) << run.err;
  for (char c : run.err) {
    const unsigned char byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 || c == '\n') << "raw byte " << static_cast<int>(byte) << " in\n"
                                           << run.err;
  }
  EXPECT_FALSE(HasRawControl(run.out)) << run.out;

  RunResult as_json = RunRolec({"check", "--format", "json", path});
  EXPECT_NE(as_json.exit_code, 0);
  EXPECT_FALSE(HasRawControl(as_json.out + as_json.err)) << as_json.out;
  const json document = json::parse(as_json.out);
  ASSERT_EQ(document["diagnostics"].size(), 1u) << as_json.out;
  EXPECT_EQ(document["diagnostics"][0]["code"], "E0108");
  EXPECT_EQ(document["diagnostics"][0]["column"], 11);

  // Compiling and evaluating with it fail the same way.
  RunResult eval = RunRolec({"eval", "--policy", path, "--as", kHelpdeskName, kPasswordUpdate});
  EXPECT_EQ(eval.exit_code, 1);
  EXPECT_NE(eval.err.find("error[E0108]"), std::string::npos) << eval.err;
  EXPECT_FALSE(HasRawControl(eval.out + eval.err)) << eval.err;
}

TEST(CliControlChars, FileNamesAreEscapedInDiagnosticsAndErrors) {
  TempDir dir;
  const std::string path = dir.Write("policy\x1b[2J.role", kMisspeltAction);
  RunResult run = RunRolec({"check", path});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.err.find("policy\\x1b[2J.role:4:9: error[E0201]"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(kEsc), std::string::npos) << run.err;

  RunResult missing = RunRolec({"check", dir.File("gone\x07.role")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("gone\\x07.role"), std::string::npos) << missing.err;
  EXPECT_FALSE(HasRawControl(missing.out + missing.err)) << missing.err;
}

}  // namespace
}  // namespace rolec::cli_test
