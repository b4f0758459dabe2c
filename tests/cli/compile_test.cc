// tests/cli/compile_test.cc — compile, dis, check and test: images written and read back,
// diagnostics in the gcc/clang shape, and the test runner's report.
#include <regex>

#include "cli/cli_runner.h"
#include "cli/fixtures.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolec::cli_test {
namespace {

using nlohmann::json;

TEST(CliCompile, CompileThenDisassembleRoundTrip) {
  TempDir dir;
  const std::string source = dir.Write("contoso.role", kContosoRole);
  const std::string image = dir.File("contoso.rolec");
  RunResult compile = RunRolec({"compile", source, "-o", image});
  ASSERT_EQ(compile.exit_code, 0) << compile.err;
  EXPECT_EQ(compile.out, "");
  const std::string bytes = ReadAll(image);
  ASSERT_FALSE(bytes.empty());

  RunResult from_image = RunRolec({"dis", image});
  ASSERT_EQ(from_image.exit_code, 0) << from_image.err;
  EXPECT_NE(from_image.out.find("Contoso Tier1 Helpdesk"), std::string::npos);
  EXPECT_NE(from_image.out.find(kHelpdeskName), std::string::npos);
  // The condition of the custom rule is compiled to the VM's instruction.
  EXPECT_NE(from_image.out.find("TARGET_RAG_MEMBER"), std::string::npos);

  // dis also takes the sources and prints the same thing; compiling is deterministic.
  RunResult from_source = RunRolec({"dis", source});
  ASSERT_EQ(from_source.exit_code, 0) << from_source.err;
  EXPECT_EQ(from_source.out, from_image.out);

  const std::string again = dir.File("again.rolec");
  ASSERT_EQ(RunRolec({"compile", source, "--output=" + again}).exit_code, 0);
  EXPECT_EQ(ReadAll(again), bytes);
}

TEST(CliCompile, CompileWithoutOutputIsAnError) {
  TempDir dir;
  RunResult run = RunRolec({"compile", dir.Write("contoso.role", kContosoRole)});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("needs -o IMAGE"), std::string::npos) << run.err;
}

TEST(CliCompile, CompileErrorWritesNoImage) {
  TempDir dir;
  const std::string broken = dir.Write("broken.role", kMisspeltAction);
  const std::string image = dir.File("broken.rolec");
  RunResult run = RunRolec({"compile", broken, "-o", image});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(broken + ":4:9: error["), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("rolec: error: compilation failed; no image written"), std::string::npos);
  EXPECT_EQ(ReadAll(image), "");
}

TEST(CliCompile, CompileRefusesAnImageAsInput) {
  TempDir dir;
  const std::string image = dir.File("stdlib.rolec");
  ASSERT_EQ(RunRolec({"compile", "-o", image}).exit_code, 0);
  RunResult run = RunRolec({"compile", image, "-o", dir.File("other.rolec")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("is a compiled policy image"), std::string::npos) << run.err;
}

TEST(CliCompile, DumpAst) {
  TempDir dir;
  const std::string source = dir.Write("contoso.role", kContosoRole);
  RunResult run = RunRolec({"compile", source, "--dump-ast"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Contoso Tier1 Helpdesk"), std::string::npos) << run.out;
}

TEST(CliCheck, CleanFile) {
  TempDir dir;
  RunResult run = RunRolec({"check", dir.Write("contoso.role", kContosoRole)});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::regex_search(run.out, std::regex(R"(^0 errors, [0-9]+ warnings?\n$)")))
      << run.out;
}

TEST(CliCheck, FileWithErrors) {
  TempDir dir;
  const std::string broken = dir.Write("broken.role", kMisspeltAction);
  RunResult run = RunRolec({"check", broken});
  EXPECT_EQ(run.exit_code, 1);
  // gcc/clang shape: file:line:col: error[CODE]: message, the line, a caret.
  EXPECT_TRUE(std::regex_search(
      run.err,
      std::regex(std::regex_replace(broken, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                 R"(:4:9: error\[E[0-9]+\]: .*pasword)")))
      << run.err;
  EXPECT_NE(run.err.find("^"), std::string::npos);
  EXPECT_TRUE(std::regex_search(run.out, std::regex(R"(^1 error, [0-9]+ warnings?\n$)")))
      << run.out;
}

TEST(CliCheck, JsonFormat) {
  TempDir dir;
  const std::string broken = dir.Write("broken.role", kMisspeltAction);
  RunResult run = RunRolec({"check", broken, "--format", "json"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "");
  json document = json::parse(run.out);
  EXPECT_EQ(document["ok"], false);
  EXPECT_EQ(document["errors"], 1);
  ASSERT_GE(document["diagnostics"].size(), 1u);
  const json* error = nullptr;
  for (const json& diagnostic : document["diagnostics"]) {
    if (diagnostic["severity"] == "error") error = &diagnostic;
  }
  ASSERT_NE(error, nullptr) << run.out;
  EXPECT_EQ((*error)["file"], broken);
  EXPECT_EQ((*error)["line"], 4);
  EXPECT_EQ((*error)["column"], 9);
  EXPECT_TRUE((*error)["code"].get<std::string>().rfind("E", 0) == 0) << *error;
}

TEST(CliCheck, UnknownFormatIsAnError) {
  TempDir dir;
  RunResult run = RunRolec({"check", dir.Write("c.role", kContosoRole), "--format", "xml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("unknown --format 'xml'"), std::string::npos) << run.err;
}

TEST(CliTest, AllPass) {
  TempDir dir;
  RunResult run = RunRolec({"test", dir.Write("contoso.role", kContosoRole)});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out,
            "PASS tier1 resets an ordinary user\n"
            "PASS tier1 cannot reset a member of a role-assignable group\n"
            "2 passed, 0 failed\n");
}

TEST(CliTest, FailingExpectation) {
  TempDir dir;
  const std::string path = dir.Write("failing.role", kFailingTest);
  RunResult run = RunRolec({"test", path});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_GE(lines.size(), 4u) << run.out;
  EXPECT_EQ(lines[0], "PASS passes");
  EXPECT_EQ(lines[1], "FAIL expects the wrong thing");
  EXPECT_EQ(lines.back(), "1 passed, 1 failed");
  // Both expectations of the failing block are wrong; each is reported where it was written.
  EXPECT_NE(run.out.find(path + ":17:3: expected deny, got allow"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(path + ":18:3: expected allow, got deny"), std::string::npos) << run.out;
  // ... with the explanation.
  EXPECT_NE(run.out.find("role_assignable_group_member"), std::string::npos) << run.out;
}

TEST(CliTest, CompileErrorRunsNoTest) {
  TempDir dir;
  RunResult run = RunRolec({"test", dir.Write("broken.role", kMisspeltAction)});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("rolec: error: the sources did not compile"), std::string::npos);
}

TEST(CliDis, CorruptImageIsAnError) {
  TempDir dir;
  const std::string image = dir.File("stdlib.rolec");
  ASSERT_EQ(RunRolec({"compile", "-o", image}).exit_code, 0);
  std::string bytes = ReadAll(image);
  ASSERT_GT(bytes.size(), 100u);
  bytes[bytes.size() / 2] ^= 0x5a;
  const std::string corrupt = dir.Write("corrupt.rolec", bytes);
  RunResult run = RunRolec({"dis", corrupt});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("rolec: error: cannot load '" + corrupt + "': "), std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace rolec::cli_test
