// tests/cli/requests_test.cc — `rolec eval --requests`: one JSON decision per JSON request line,
// in order; every kind of bad line answered with an error object (deny) while the others are still
// answered; exit 1 if any line had an error.
#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;

std::string Request(const std::string& role, const json& target = json::object()) {
  json request = {{"principal", {{"id", "alice"}, {"assignments", {{{"role", role}}}}}},
                  {"action", kPasswordUpdate},
                  {"target", target},
                  {"context", {{"mfa", true}}}};
  return request.dump();
}

std::vector<json> ParseLines(const std::string& out) {
  std::vector<json> objects;
  for (const std::string& line : Lines(out)) objects.push_back(json::parse(line));
  return objects;
}

void ExpectLineError(const json& object, int line, const std::string& fragment) {
  EXPECT_EQ(object["line"], line) << object;
  EXPECT_EQ(object["decision"], "deny") << object;
  EXPECT_EQ(object["reasons"], json::array()) << object;
  EXPECT_EQ(object["denials"], json::array()) << object;
  ASSERT_EQ(object["errors"].size(), 1u) << object;
  const std::string error = object["errors"][0];
  EXPECT_EQ(error.rfind("line " + std::to_string(line) + ": ", 0), 0u) << error;
  EXPECT_NE(error.find(fragment), std::string::npos) << "'" << fragment << "' not in " << error;
}

TEST(CliRequests, RestrictedAdminUnitsMustBeUnitsOfTheTarget) {
  TempDir dir;
  json assignment = {{"role", kHelpdeskName}, {"scope", "/administrativeUnits/au1"}};
  auto line = [&](const json& target) {
    json request = {{"principal", {{"id", "alice"}, {"assignments", {assignment}}}},
                    {"action", kPasswordUpdate},
                    {"target", target}};
    return request.dump() + "\n";
  };
  std::string input;
  input += line({{"kind", "user"}, {"adminUnits", {"au1"}}});  // allow
  input += line({{"kind", "user"}, {"adminUnits", {"au1", "au-exec"}},
                 {"restrictedAdminUnits", {"au-exec"}}});  // deny: au1 is a regular unit
  input += line({{"kind", "user"}, {"adminUnits", {"au1"}},
                 {"restrictedAdminUnits", {"au-exec"}}});  // error: au-exec is not its unit
  const std::string path = dir.Write("requests.jsonl", input);

  RunResult run = RunRolec({"eval", "--requests", path});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  std::vector<json> out = ParseLines(run.out);
  ASSERT_EQ(out.size(), 3u) << run.out;
  EXPECT_EQ(out[0]["decision"], "allow") << out[0];
  EXPECT_EQ(out[1]["decision"], "deny") << out[1];
  ExpectLineError(out[2], 3, "restricted administrative unit 'au-exec' is not one of the target's");
}

TEST(CliRequests, GoodLinesAnsweredInOrder) {
  TempDir dir;
  std::string input;
  input += Request(kHelpdeskName) + "\n";  // allow
  input +=
      Request(kHelpdeskName, {{"kind", "user"}, {"roles", {kGlobalAdminName}}}) + "\n";  // deny
  input += "\n";                                                                         // skipped
  input += Request(kHelpdeskTemplateId, {{"kind", "user"}, {"id", "bob"}}) + "\r\n";     // allow
  input += R"({"action":"microsoft.directory/users/password/update"})"
           "\n";  // deny
  const std::string path = dir.Write("requests.jsonl", input);

  RunResult run = RunRolec({"eval", "--requests", path});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  std::vector<json> out = ParseLines(run.out);
  ASSERT_EQ(out.size(), 4u) << run.out;
  EXPECT_EQ(out[0]["decision"], "allow");
  EXPECT_EQ(out[1]["decision"], "deny");
  EXPECT_EQ(out[2]["decision"], "allow");
  EXPECT_EQ(out[3]["decision"], "deny");
  for (const json& object : out) {
    EXPECT_FALSE(object.contains("line")) << object;
    EXPECT_EQ(object["errors"], json::array()) << object;
  }
  EXPECT_EQ(out[0]["reasons"][0]["role"], kHelpdeskName);
  bool condition_failed = false;
  for (const json& denial : out[1]["denials"]) {
    condition_failed |= denial["kind"] == "condition_failed";
  }
  EXPECT_TRUE(condition_failed) << out[1];
}

TEST(CliRequests, BadLinesGetErrorObjectsAndTheRestIsAnswered) {
  TempDir dir;
  std::vector<std::string> lines = {
      Request(kHelpdeskName),                                                 // 1 allow
      R"({"action": "microsoft.directory/users/password/update",)",           // 2 bad JSON
      Request(kHelpdeskName, {{"roles", {kGlobalAdminName}}}),                // 3 deny
      R"({"action":"microsoft.directory/users/password/update","bogus":1})",  // 4 unknown field
      Request(kHelpdeskName, {{"roles", kGlobalAdminName}}),                  // 5 wrong type
      Request("Helpdesk Admin"),                                              // 6 unknown role
      "",                                                                     // 7 skipped
      R"({"principal":{"assignments":[{"role":"Helpdesk Administrator","scope":"/tenants/x"}]},)"
      R"("action":"microsoft.directory/users/password/update"})",                // 8 bad scope
      Request(kHelpdeskName, {{"roleAssignableGroupMember", "yes"}}),            // 9 wrong type
      Request(kHelpdeskName, {{"kind", "printer"}}),                             // 10 bad kind
      R"({"action":"a","action":"microsoft.directory/users/password/update"})",  // 11 duplicate
      "[1, 2, 3]",                                                               // 12 not object
      R"({"target":{}})",                                                        // 13 no action
      R"({"action":"not-an-action",)"  // 14 malformed action
      R"("principal":{"assignments":[{"role":"Helpdesk Administrator"}]}})",
      Request(kHelpdeskName,
              {{"roles", {"Global Administrator", "No Such Role"}}}),  // 15 target role
      Request(kHelpdeskName),                                          // 16 allow
  };
  std::string input;
  for (const std::string& line : lines) input += line + "\n";
  RunResult run = RunRolec({"eval", "--requests", dir.Write("r.jsonl", input)});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.err.find("rolec: error: 12 of 15 requests had errors"), std::string::npos)
      << run.err;
  std::vector<json> out = ParseLines(run.out);
  ASSERT_EQ(out.size(), 15u) << run.out;
  EXPECT_EQ(out[0]["decision"], "allow");
  ExpectLineError(out[1], 2, "invalid JSON");
  EXPECT_EQ(out[2]["decision"], "deny");
  EXPECT_FALSE(out[2].contains("line"));
  ExpectLineError(out[3], 4, "unknown field 'bogus'");
  ExpectLineError(out[4], 5, "target.roles: expected an array of strings, got string");
  ExpectLineError(out[5], 6, "principal.assignments[0].role: unknown role 'Helpdesk Admin'");
  ExpectLineError(out[6], 8, "principal.assignments[0].scope: '/tenants/x' is not a scope");
  ExpectLineError(out[7], 9, "target.roleAssignableGroupMember: expected a boolean, got string");
  ExpectLineError(out[8], 10, "target.kind: unknown target kind 'printer'");
  ExpectLineError(out[9], 11, "duplicate key 'action'");
  ExpectLineError(out[10], 12, "request: expected an object, got array");
  ExpectLineError(out[11], 13, "missing field 'action'");
  EXPECT_EQ(out[12]["line"], 14) << out[12];
  EXPECT_EQ(out[12]["decision"], "deny");
  EXPECT_FALSE(out[12]["errors"].empty());
  ExpectLineError(out[13], 15, "target.roles[1]: unknown role 'No Such Role'");
  EXPECT_EQ(out[14]["decision"], "allow");
}

TEST(CliRequests, DeepNestingAndLongLinesAreLineErrors) {
  TempDir dir;
  std::string deep = R"({"action":"microsoft.directory/users/password/update","target":)";
  deep += std::string(100, '[') + std::string(100, ']') + "}";
  std::string long_line = R"({"action":")" + std::string(2u << 20, 'a') + R"("})";
  std::string input = deep + "\n" + long_line + "\n" + Request(kHelpdeskName) + "\n";
  RunResult run = RunRolec({"eval", "--requests", dir.Write("r.jsonl", input)});
  EXPECT_EQ(run.exit_code, 1);
  std::vector<json> out = ParseLines(run.out);
  ASSERT_EQ(out.size(), 3u) << run.out;
  ExpectLineError(out[0], 1, "nested deeper than 64");
  ExpectLineError(out[1], 2, "longer than 1048576 bytes");
  EXPECT_EQ(out[2]["decision"], "allow");
}

TEST(CliRequests, NestingLimitIsExactly64) {
  // 64 levels: the request parses (and then fails the schema, not the limit); 65 levels: the limit.
  auto nested = [](int levels) {
    return R"({"action":"microsoft.directory/users/password/update","target":{"roles":)" +
           std::string(levels - 2, '[') + std::string(levels - 2, ']') + "}}";
  };
  TempDir dir;
  RunResult run =
      RunRolec({"eval", "--requests", dir.Write("r.jsonl", nested(64) + "\n" + nested(65) + "\n")});
  std::vector<json> out = ParseLines(run.out);
  ASSERT_EQ(out.size(), 2u) << run.out;
  ExpectLineError(out[0], 1, "target.roles[0]: expected a string, got array");
  ExpectLineError(out[1], 2, "nested deeper than 64");
}

TEST(CliRequests, ReadsStandardInput) {
  std::string input = Request(kHelpdeskName) + "\n" +
                      Request(kHelpdeskName, {{"roles", {kGlobalAdminName}}}) + "\n";
  RunResult run = RunRolec({"eval", "--requests", "-"}, input);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::vector<json> out = ParseLines(run.out);
  ASSERT_EQ(out.size(), 2u) << run.out;
  EXPECT_EQ(out[0]["decision"], "allow");
  EXPECT_EQ(out[1]["decision"], "deny");
}

// A program drives rolec as a co-process: it writes one request and waits for the answer before
// writing the next. Without a flush per line (or with stdio's read-ahead on stdin) this hangs, and
// ReadLine's bound turns the hang into a failure.
TEST(CliRequests, AnswersEachLineAsItArrives) {
  RolecProcess rolec({"eval", "--requests", "-"});
  std::string line;
  rolec.Write(Request(kHelpdeskName) + "\n");
  ASSERT_TRUE(rolec.ReadLine(&line));
  EXPECT_EQ(json::parse(line)["decision"], "allow");
  rolec.Write("{not json}\n");
  ASSERT_TRUE(rolec.ReadLine(&line));
  EXPECT_EQ(json::parse(line)["line"], 2);
  rolec.Write(Request(kHelpdeskName, {{"roles", {kGlobalAdminName}}}) + "\n");
  ASSERT_TRUE(rolec.ReadLine(&line));
  EXPECT_EQ(json::parse(line)["decision"], "deny");
  RunResult end = rolec.Finish();
  EXPECT_EQ(end.exit_code, 1) << end.err;
  EXPECT_EQ(end.out, "");
}

TEST(CliRequests, LastLineWithoutNewlineIsAnswered) {
  RunResult run = RunRolec({"eval", "--requests", "-"}, Request(kHelpdeskName));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_EQ(Lines(run.out).size(), 1u);
  EXPECT_EQ(json::parse(run.out)["decision"], "allow");
}

TEST(CliRequests, EmptyInputIsNoAnswer) {
  RunResult run = RunRolec({"eval", "--requests", "-"}, "\n\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
}

TEST(CliRequests, UsesThePolicyGiven) {
  TempDir dir;
  const std::string policy = dir.Write("contoso.role", kContosoRole);
  std::string input = Request("Contoso Tier1 Helpdesk") + "\n" +
                      Request("Contoso Tier1 Helpdesk", {{"roleAssignableGroupMember", true}}) +
                      "\n";
  RunResult run = RunRolec({"eval", "--policy", policy, "--requests", "-"}, input);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::vector<json> out = ParseLines(run.out);
  ASSERT_EQ(out.size(), 2u) << run.out;
  EXPECT_EQ(out[0]["decision"], "allow");
  EXPECT_EQ(out[1]["decision"], "deny");
}

TEST(CliRequests, SingleQuestionFlagsAreRefused) {
  RunResult run = RunRolec({"eval", "--requests", "-", "--as", kHelpdeskName}, "");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("--as cannot be combined with --requests"), std::string::npos) << run.err;
  RunResult action = RunRolec({"eval", "--requests", "-", kPasswordUpdate}, "");
  EXPECT_EQ(action.exit_code, 1);
  EXPECT_NE(action.err.find("unexpected ACTION"), std::string::npos) << action.err;
}

TEST(CliRequests, MissingRequestsFileIsAnError) {
  RunResult run = RunRolec({"eval", "--requests", "/nonexistent/rolec/r.jsonl"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("rolec: error: cannot read '/nonexistent/rolec/r.jsonl'"),
            std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace rolec::cli_test
