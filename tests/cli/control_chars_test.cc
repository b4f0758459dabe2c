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
  // UTF-8 (and any byte from 0x80 up that is not a C1 or bidi control) is left alone.
  EXPECT_EQ(EscapeControlChars("caf\xC3\xA9 \xE2\x9C\x93 \xC2\xA0 \xFF"),
            "caf\xC3\xA9 \xE2\x9C\x93 \xC2\xA0 \xFF");
  // A backslash is not itself escaped: the output is for people, not a format to decode.
  EXPECT_EQ(EscapeControlChars("\\x1b"), "\\x1b");
}

// True if `text` holds a bidirectional control (U+061C, U+200E, U+200F, U+202A–U+202E,
// U+2066–U+2069) or a C1 control (U+0080–U+009F), raw.
bool HasRawBidiOrC1(const std::string& text) {
  for (const char* code : {"\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D",
                           "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"}) {
    if (text.find(code) != std::string::npos) return true;
  }
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const unsigned char next = static_cast<unsigned char>(text[i + 1]);
    if (lead == 0xC2 && next >= 0x80 && next <= 0x9F) return true;
  }
  return false;
}

TEST(EscapeControlChars, EscapesBidiAndC1ControlsAsCodePoints) {
  EXPECT_EQ(EscapeControlChars("Help\u202Edesk"), "Help\\u{202E}desk");
  EXPECT_EQ(EscapeControlChars("\u2066a\u2069 \u200E\u200F \u061C"),
            "\\u{2066}a\\u{2069} \\u{200E}\\u{200F} \\u{061C}");
  EXPECT_EQ(EscapeControlChars("csi\u009B2J nel\u0085"), "csi\\u{009B}2J nel\\u{0085}");
  for (char32_t c : {0x061Cu, 0x200Eu, 0x200Fu, 0x202Au, 0x202Bu, 0x202Cu, 0x202Du, 0x202Eu, 0x2066u,
                     0x2067u, 0x2068u, 0x2069u, 0x0080u, 0x009Fu}) {
    std::string utf8;
    if (c < 0x800) {
      utf8 = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    } else {
      utf8 = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
              static_cast<char>(0x80 | (c & 0x3F))};
    }
    char expected[16];
    std::snprintf(expected, sizeof expected, "<\\u{%04X}>", static_cast<unsigned>(c));
    EXPECT_EQ(EscapeControlChars("<" + utf8 + ">"), expected);
  }
  // Neighbours that are not controls stay: U+2029, U+202F, U+2065 (unassigned), U+206A, U+00A0.
  EXPECT_EQ(EscapeControlChars("\u2029\u202F\u2065\u206A\u00A0"), "\u2029\u202F\u2065\u206A\u00A0");
}

TEST(CliControlChars, BidiControlsAreEscapedInEveryOutput) {
  TempDir dir;
  const std::string name = "Help\u202Edesk";
  const std::string path = dir.Write(
      "bidi.role", "role \"" + name + "\" {\n  allow " + std::string(kPasswordUpdate) + "\n}\n");
  RunResult check = RunRolec({"check", path});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;  // a warning (W0110), not an error
  EXPECT_NE(check.err.find("warning[W0110]: bidirectional control character U+202E"), std::string::npos)
      << check.err;
  EXPECT_NE(check.err.find("role \"Help?desk\" {"), std::string::npos) << check.err;
  EXPECT_FALSE(HasRawBidiOrC1(check.out + check.err)) << check.err;

  RunResult describe = RunRolec({"describe", "--policy", path, name});
  EXPECT_EQ(describe.exit_code, 0) << describe.out << describe.err;
  EXPECT_NE(describe.out.find("Help\\u{202E}desk"), std::string::npos) << describe.out;
  EXPECT_FALSE(HasRawBidiOrC1(describe.out + describe.err)) << describe.out;

  RunResult eval = RunRolec({"eval", "--policy", path, "--as", name, kPasswordUpdate});
  EXPECT_EQ(eval.exit_code, 0) << eval.out << eval.err;
  EXPECT_NE(eval.out.find("Help\\u{202E}desk"), std::string::npos) << eval.out;
  EXPECT_FALSE(HasRawBidiOrC1(eval.out + eval.err)) << eval.out;

  RunResult dis = RunRolec({"dis", path});
  EXPECT_EQ(dis.exit_code, 0) << dis.err;
  EXPECT_NE(dis.out.find("Help\\u{202E}desk"), std::string::npos) << dis.out.substr(0, 2000);
  EXPECT_FALSE(HasRawBidiOrC1(dis.out + dis.err));

  // Between tokens it is an error (E0109), and the echoed line hides it too.
  const std::string code = dir.Write("trojan.role", "role \"Reader\" {}\u202E\n");
  RunResult refused = RunRolec({"check", code});
  EXPECT_EQ(refused.exit_code, 1) << refused.err;
  EXPECT_NE(refused.err.find("error[E0109]: bidirectional control character U+202E outside a string"),
            std::string::npos)
      << refused.err;
  EXPECT_FALSE(HasRawBidiOrC1(refused.out + refused.err)) << refused.err;
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
