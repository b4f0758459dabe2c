// tests/limits/limits_util.h — helpers of the limits and fail-closed tests: compile without the
// stdlib, find a diagnostic by code, a small self-contained policy, and running the `rolec` CLI.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rolec/rolec.hpp"

namespace rolec::testing {

CompileOptions NoStdlib();
const Diagnostic* FindCode(const CompileResult& result, const std::string& code);
bool HasCode(const CompileResult& result, const std::string& code);
// Every diagnostic, formatted: for failure messages.
std::string All(const CompileResult& result);

// A policy of two roles and three actions, no stdlib:
//   "Reader"     allows microsoft.directory/users/standard/read
//   "Everything" allows microsoft.directory/allEntities/allProperties/allTasks
// with microsoft.directory/users/delete, .../users/standard/read and .../groups/members/update
// (intrinsic rule: not target.role_assignable) in the catalog.
std::string SmallPolicySource();
// For the CLI, which always compiles with the stdlib: the two roles alone, over the stdlib's
// catalog (which has the three actions).
std::string CliPolicySource();
std::shared_ptr<const Policy> SmallPolicy();

// A fresh temporary directory, removed with its content at the end of the scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  // Writes `content` to File(name) and returns that path.
  std::string Write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

struct CliRun {
  int exit_code = -1;  // 128 + signal if killed
  std::string out;
  std::string err;
};
// Runs the built `rolec` (ROLEC_BINARY) with `args`, stdin from /dev/null.
CliRun RunCli(const std::vector<std::string>& args);

// The lines of `text`, without their '\n'; no empty last line.
std::vector<std::string> Lines(const std::string& text);

}  // namespace rolec::testing
