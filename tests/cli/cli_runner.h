// tests/cli/cli_runner.h — runs the built `rolec` binary the way a user or a CI job does, and
// captures what it prints and how it exits. Every CLI test goes through this one door.
#pragma once

#include <string>
#include <vector>

namespace rolec::cli_test {

struct RunResult {
  int exit_code = -1;  // the exit status; 128 + signal number if killed by a signal
  std::string out;     // stdout
  std::string err;     // stderr
};

// Runs ROLEC_BINARY with `args` in directory `cwd` ("" = the current one), feeding `input` on
// stdin (then closing it). Stdout and stderr are read concurrently, so neither can fill up and
// block the child.
RunResult RunRolec(const std::vector<std::string>& args, const std::string& input = "",
                   const std::string& cwd = "");

// rolec running as a co-process: the test writes to its stdin and reads its stdout line by line
// while it runs (how a program drives `rolec eval --requests -`).
class RolecProcess {
 public:
  explicit RolecProcess(const std::vector<std::string>& args);
  ~RolecProcess();
  RolecProcess(const RolecProcess&) = delete;
  RolecProcess& operator=(const RolecProcess&) = delete;

  void Write(const std::string& text);
  // The next line of stdout, without its '\n'. False at end of output, or if no full line arrived
  // within `timeout_ms` (a generous bound: it only turns a hang into a failure).
  bool ReadLine(std::string* line, int timeout_ms = 60000);
  // Closes stdin, reads the rest of the output, and returns the exit code.
  RunResult Finish();

 private:
  int pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string pending_;  // stdout read but not yet returned by ReadLine
};

// A fresh temporary directory, removed (with its content) when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `content` to path()/name and returns the full path.
  std::string Write(const std::string& name, const std::string& content) const;
  // path()/name.
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The whole content of a file ("" if it cannot be read).
std::string ReadAll(const std::string& path);

// Splits text into lines (without the '\n'; no empty last line for a trailing newline).
std::vector<std::string> Lines(const std::string& text);

}  // namespace rolec::cli_test
