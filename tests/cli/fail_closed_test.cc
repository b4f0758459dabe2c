// tests/cli/fail_closed_test.cc — issue 11: every input fails closed, and diagnostics stay usable.
//
// - a policy source that declares nothing is an error where it would decide (eval, compile, test,
//   describe, dis) and a warning for check: it never silently becomes "the standard library alone";
// - a flood of one diagnostic is capped (20 per code) and --max-errors N stops after N errors,
//   while the exit status and the JSON counts still count every one;
// - a --requests line names its own line and column; an "id" is echoed; notes reach the JSON.
#include <string>

#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

// --- A: empty policies -------------------------------------------------------------------------

struct EmptyInput {
  const char* name;
  const char* text;
};
constexpr EmptyInput kEmptyInputs[] = {
    {"zero.role", ""},
    {"comments.role", "// a comment\n/* and a block\n   comment */\n\n"},
    {"module_only.role", "module contoso\nimport entra\n"},
};

TEST(CliEmptyPolicy, EvalRefusesAPolicyThatDeclaresNothing) {
  TempDir dir;
  for (const EmptyInput& input : kEmptyInputs) {
    const std::string path = dir.Write(input.name, input.text);
    RunResult run = RunRolec({"eval", "--policy", path, "--as", kHelpdeskName, kPasswordUpdate});
    EXPECT_EQ(run.exit_code, 1) << path << ": " << run.out << run.err;
    EXPECT_EQ(run.out, "") << path;
    EXPECT_NE(run.err.find(path + ":1:1: error[E0222]: "), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("declares nothing"), std::string::npos) << run.err;

    // --requests: no line is answered from the standard library alone.
    RunResult batch = RunRolec({"eval", "--policy", path, "--requests", "-"},
                               R"({"action":"microsoft.directory/users/password/update"})"
                               "\n");
    EXPECT_EQ(batch.exit_code, 1) << batch.out << batch.err;
    EXPECT_EQ(batch.out, "");
  }
}

TEST(CliEmptyPolicy, CompileTestDescribeAndDisRefuseIt) {
  TempDir dir;
  for (const EmptyInput& input : kEmptyInputs) {
    const std::string path = dir.Write(input.name, input.text);
    const std::string image = dir.File("out.rolec");
    RunResult compile = RunRolec({"compile", path, "-o", image});
    EXPECT_EQ(compile.exit_code, 1) << path << ": " << compile.err;
    EXPECT_NE(compile.err.find(path + ":1:1: error[E0222]"), std::string::npos) << compile.err;
    EXPECT_EQ(ReadAll(image), "") << "an image was written for " << path;

    RunResult test = RunRolec({"test", path});
    EXPECT_EQ(test.exit_code, 1) << path << ": " << test.out << test.err;
    EXPECT_NE(test.err.find("error[E0222]"), std::string::npos) << test.err;

    RunResult describe = RunRolec({"describe", kHelpdeskName, "--policy", path});
    EXPECT_EQ(describe.exit_code, 1) << path << ": " << describe.out << describe.err;
    EXPECT_EQ(describe.out, "");
    EXPECT_NE(describe.err.find("error[E0222]"), std::string::npos) << describe.err;

    RunResult dis = RunRolec({"dis", path});
    EXPECT_EQ(dis.exit_code, 1) << path << ": " << dis.out.substr(0, 200) << dis.err;
    EXPECT_EQ(dis.out, "");
    EXPECT_NE(dis.err.find(path), std::string::npos) << dis.err;
  }
}

TEST(CliEmptyPolicy, CheckWarnsAndStillSucceeds) {
  TempDir dir;
  const std::string path = dir.Write("comments.role", "// nothing here\n");
  RunResult run = RunRolec({"check", path});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find(path + ":1:1: warning[W0222]: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("did you pass the right file?"), std::string::npos) << run.err;
  EXPECT_EQ(run.out, "0 errors, 1 warning\n");

  RunResult as_json = RunRolec({"check", path, "--format", "json"});
  EXPECT_EQ(as_json.exit_code, 0) << as_json.err;
  json document = json::parse(as_json.out);
  EXPECT_EQ(document["warnings"], 1) << document;
  ASSERT_EQ(document["diagnostics"].size(), 1u) << document;
  EXPECT_EQ(document["diagnostics"][0]["code"], "W0222");
  EXPECT_EQ(document["diagnostics"][0]["file"], path);
}

TEST(CliEmptyPolicy, ASourceThatDeclaresSomethingIsNotFlagged) {
  TempDir dir;
  const std::string contoso = dir.Write("contoso.role", kContosoRole);
  const std::string empty = dir.Write("empty.role", "");
  RunResult clean = RunRolec({"check", contoso});
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.err.find("0220"), std::string::npos) << clean.err;
  // One empty file among good ones is still an error: it is probably not the file meant.
  RunResult mixed =
      RunRolec({"eval", "--policy", contoso, "--policy", empty, "--as", kHelpdeskName,
                kPasswordUpdate});
  EXPECT_EQ(mixed.exit_code, 1) << mixed.out << mixed.err;
  EXPECT_NE(mixed.err.find(empty + ":1:1: error[E0222]"), std::string::npos) << mixed.err;
  // compile with no FILE at all is still the standard library alone, on purpose.
  EXPECT_EQ(RunRolec({"compile", "-o", dir.File("stdlib.rolec")}).exit_code, 0);
}

TEST(CliEmptyPolicy, NonImageFilesAreNeverTakenSilently) {
  TempDir dir;
  // dis of a text file that is neither an image nor a .role source.
  const std::string notes = dir.Write("notes.txt", "these are my notes\n");
  RunResult dis = RunRolec({"dis", notes});
  EXPECT_EQ(dis.exit_code, 1);
  EXPECT_EQ(dis.out, "");
  EXPECT_NE(dis.err.find(notes), std::string::npos) << dis.err;
  // A truncated image (just the magic and a little) is an image error, not parsed as a source.
  const std::string image = dir.File("stdlib.rolec");
  ASSERT_EQ(RunRolec({"compile", "-o", image}).exit_code, 0);
  for (size_t size : {size_t{3}, size_t{8}, size_t{20}}) {
    const std::string cut = dir.Write("cut.rolec", ReadAll(image).substr(0, size));
    RunResult run = RunRolec({"eval", "--policy", cut, "--as", kHelpdeskName, kPasswordUpdate});
    EXPECT_EQ(run.exit_code, 1) << size;
    EXPECT_EQ(run.out, "");
    EXPECT_NE(run.err.find("rolec: error: cannot load '" + cut + "'"), std::string::npos)
        << run.err;
    EXPECT_EQ(run.err.find("error[E"), std::string::npos) << run.err;
  }
}

// --- B: floods ---------------------------------------------------------------------------------

std::string Flood(size_t copies) {
  std::string text = "module contoso\n\nrole \"Contoso Flood\" {\n";
  for (size_t i = 0; i < copies; ++i) text += "  allow microsoft.directory/users/pasword/update\n";
  text += "}\n";
  return text;
}

TEST(CliFloods, RepeatsOfOneCodeAreCappedAt20) {
  TempDir dir;
  const std::string path = dir.Write("flood.role", Flood(10000));
  RunResult run = RunRolec({"check", path});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(Count(run.err, ": error[E0201]: "), 20u) << run.err.size();
  EXPECT_NE(run.err.find("... and 9,980 more like this (error[E0201])"), std::string::npos)
      << run.err.substr(run.err.size() > 600 ? run.err.size() - 600 : 0);
  EXPECT_EQ(run.out, "10000 errors, 0 warnings\n");

  // The JSON document counts and lists every one.
  RunResult as_json = RunRolec({"check", path, "--format", "json"});
  EXPECT_EQ(as_json.exit_code, 1);
  json document = json::parse(as_json.out);
  EXPECT_EQ(document["errors"], 10000);
  EXPECT_EQ(document["diagnostics"].size(), 10000u);

  // Every command that compiles caps the same way.
  RunResult eval = RunRolec({"eval", "--policy", path, "--as", kHelpdeskName, kPasswordUpdate});
  EXPECT_EQ(eval.exit_code, 1);
  EXPECT_EQ(Count(eval.err, ": error[E0201]: "), 20u);
  EXPECT_NE(eval.err.find("the policy did not compile (10000 errors)"), std::string::npos);
}

TEST(CliFloods, MaxErrorsStopsAfterN) {
  TempDir dir;
  const std::string path = dir.Write("flood.role", Flood(10000));
  RunResult run = RunRolec({"check", path, "--max-errors", "3"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(Count(run.err, ": error[E0201]: "), 3u) << run.err;
  EXPECT_NE(run.err.find("stopped after 3 errors (--max-errors 3); 9,997 more not shown"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.out, "10000 errors, 0 warnings\n");

  RunResult as_json = RunRolec({"check", path, "--format", "json", "--max-errors=5"});
  json document = json::parse(as_json.out);
  EXPECT_EQ(document["errors"], 10000);
  EXPECT_EQ(document["diagnostics"].size(), 5u);
  EXPECT_EQ(document["omitted"], 9995);

  for (const char* command : {"compile", "test"}) {
    std::vector<std::string> args = {command, path, "--max-errors", "2"};
    if (std::string(command) == "compile") {
      args.push_back("-o");
      args.push_back(dir.File("x.rolec"));
    }
    RunResult other = RunRolec(args);
    EXPECT_EQ(other.exit_code, 1) << command;
    EXPECT_EQ(Count(other.err, ": error[E0201]: "), 2u) << command << other.err;
  }
  RunResult eval = RunRolec(
      {"eval", "--policy", path, "--max-errors", "1", "--as", kHelpdeskName, kPasswordUpdate});
  EXPECT_EQ(eval.exit_code, 1);
  EXPECT_EQ(Count(eval.err, ": error[E0201]: "), 1u) << eval.err;
}

TEST(CliFloods, MaxErrorsZeroIsNoLimitAndBadValuesAreRefused) {
  TempDir dir;
  const std::string path = dir.Write("flood.role", Flood(30));
  RunResult unlimited = RunRolec({"check", path, "--max-errors", "0"});
  EXPECT_EQ(Count(unlimited.err, ": error[E0201]: "), 20u);  // the repeat cap still applies
  for (const char* bad : {"-1", "x", "", "1e3", "99999999999999999999999"}) {
    RunResult run = RunRolec({"check", path, std::string("--max-errors=") + bad});
    EXPECT_EQ(run.exit_code, 1) << bad;
    EXPECT_NE(run.err.find("--max-errors"), std::string::npos) << bad << ": " << run.err;
    EXPECT_EQ(run.out, "") << bad;
  }
}

// --- C: request lines --------------------------------------------------------------------------

TEST(CliRequestsPositions, InvalidJsonNamesItsPhysicalLineAndColumn) {
  const std::string good = R"({"action":"microsoft.directory/users/password/update"})";
  std::string input = good + "\n" + good + "\n\n" + R"(  {"action": "x",,})" + "\n" + good + "\n";
  RunResult run = RunRolec({"eval", "--requests", "-"}, input);
  EXPECT_EQ(run.exit_code, 1);
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 4u) << run.out;
  json bad = json::parse(lines[2]);
  EXPECT_EQ(bad["line"], 4) << bad;
  const std::string error = bad["errors"][0];
  EXPECT_NE(error.find("at line 4, column 18"), std::string::npos) << error;
  EXPECT_EQ(error.find("line 1"), std::string::npos) << error;
}

TEST(CliRequestsPositions, IdIsEchoed) {
  const std::string action = R"("action":"microsoft.directory/users/password/update")";
  std::string input;
  input += R"({"id":"r-1",)" + action + "}\n";
  input += R"({"id":42,)" + action + "}\n";
  input += R"({"id":"r-3",)" + action + R"(,"bogus":true})" + "\n";
  input += R"({"id":{"x":1},)" + action + "}\n";
  input += "{" + action + "}\n";
  RunResult run = RunRolec({"eval", "--requests", "-"}, input);
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 5u) << run.out;
  json first = json::parse(lines[0]);
  EXPECT_EQ(first["id"], "r-1") << first;
  EXPECT_EQ(first["decision"], "deny");
  EXPECT_EQ(lines[0].rfind(R"({"id":"r-1","decision":)", 0), 0u) << lines[0];  // first key
  EXPECT_EQ(json::parse(lines[1])["id"], 42);
  json unknown = json::parse(lines[2]);  // an unknown field is still an error, id echoed
  EXPECT_EQ(unknown["line"], 3);
  EXPECT_EQ(unknown["id"], "r-3");
  EXPECT_NE(unknown["errors"][0].get<std::string>().find("unknown field 'bogus'"),
            std::string::npos);
  json wrong = json::parse(lines[3]);
  EXPECT_EQ(wrong["line"], 4);
  EXPECT_FALSE(wrong.contains("id"));
  EXPECT_NE(wrong["errors"][0].get<std::string>().find("id: expected a string or a number"),
            std::string::npos)
      << wrong;
  EXPECT_FALSE(json::parse(lines[4]).contains("id"));
}

// --- D: notes ----------------------------------------------------------------------------------

TEST(CliEvalNotes, KeywordQueryNotesAreInTheJson) {
  const char* query = "microsoft.office365.webPortal/allEntities/standard/read";
  RunResult text = RunRolec({"eval", "--as", kGlobalAdminName, query});
  ASSERT_NE(text.out.find("  note: "), std::string::npos) << text.out;
  RunResult run = RunRolec({"eval", "--as", kGlobalAdminName, query, "--json"});
  json decision = json::parse(run.out);
  ASSERT_TRUE(decision.contains("notes")) << run.out.substr(0, 300);
  ASSERT_FALSE(decision["notes"].empty());
  EXPECT_NE(decision["notes"][0].get<std::string>().find(query), std::string::npos);
  // A concrete action has none, but the key is always there.
  RunResult plain = RunRolec({"eval", "--as", kHelpdeskName, kPasswordUpdate, "--json"});
  EXPECT_EQ(json::parse(plain.out)["notes"], json::array());
}

}  // namespace
}  // namespace rolec::cli_test
