#include "limits/limits_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace rolec::testing {

CompileOptions NoStdlib() {
  CompileOptions options;
  options.with_stdlib = false;
  return options;
}

const Diagnostic* FindCode(const CompileResult& result, const std::string& code) {
  for (const Diagnostic& d : result.diagnostics) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

bool HasCode(const CompileResult& result, const std::string& code) {
  return FindCode(result, code) != nullptr;
}

std::string All(const CompileResult& result) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += FormatDiagnostic(d);
  return out;
}

std::string SmallPolicySource() {
  return "module small\n"
         "action microsoft.directory/users/delete { description \"Delete users\" }\n"
         "action microsoft.directory/users/standard/read { description \"Read users\" }\n"
         "action microsoft.directory/groups/members/update {\n"
         "  description \"Update members, excluding role-assignable groups\"\n"
         "  requires not target.role_assignable\n"
         "}\n"
         "role \"Reader\" { allow microsoft.directory/users/standard/read }\n"
         "role \"Everything\" { allow microsoft.directory/allEntities/allProperties/allTasks }\n";
}

std::string CliPolicySource() {
  return "module small\n"
         "role \"Reader\" { allow microsoft.directory/users/standard/read }\n"
         "role \"Everything\" { allow microsoft.directory/allEntities/allProperties/allTasks }\n";
}

std::shared_ptr<const Policy> SmallPolicy() {
  CompileResult result = Compile({{"small.role", SmallPolicySource()}}, NoStdlib());
  EXPECT_TRUE(result.ok()) << All(result);
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(result.image);
  EXPECT_TRUE(policy.ok()) << policy.status();
  return policy.ok() ? *policy : nullptr;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rolec-limits-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::Write(const std::string& name, const std::string& content) const {
  const std::string path = File(name);
  std::ofstream out(path, std::ios::binary);
  out << content;
  EXPECT_TRUE(static_cast<bool>(out)) << "cannot write " << path;
  return path;
}

namespace {

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

CliRun RunCli(const std::vector<std::string>& args) {
  CliRun run;
#ifdef ROLEC_BINARY
  TempDir dir;
  std::string command = ShellQuote(ROLEC_BINARY);
  for (const std::string& arg : args) command += " " + ShellQuote(arg);
  command += " </dev/null >" + ShellQuote(dir.File("out")) + " 2>" + ShellQuote(dir.File("err"));
  const int status = std::system(command.c_str());
  if (status != -1 && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  else if (status != -1 && WIFSIGNALED(status)) run.exit_code = 128 + WTERMSIG(status);
  run.out = ReadWhole(dir.File("out"));
  run.err = ReadWhole(dir.File("err"));
#else
  ADD_FAILURE() << "the rolec binary is not built";
  (void)args;
#endif
  return run;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

}  // namespace rolec::testing
