// tests/cli/cli_runner_util.cc — spawning rolec with pipes, and temporary directories.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cli/cli_runner.h"

extern char** environ;

namespace rolec::cli_test {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
}

struct Child {
  pid_t pid = -1;
  int in_fd = -1;   // its stdin, for writing
  int out_fd = -1;  // its stdout, for reading
  int err_fd = -1;  // its stderr, for reading
};

Child Spawn(const std::vector<std::string>& args, const std::string& cwd) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  Check(::pipe2(in_pipe, O_CLOEXEC) == 0, "pipe");
  Check(::pipe2(out_pipe, O_CLOEXEC) == 0, "pipe");
  Check(::pipe2(err_pipe, O_CLOEXEC) == 0, "pipe");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  if (!cwd.empty()) {
    // posix_spawn_file_actions_addchdir_np is glibc >= 2.29 (Debian 12 has 2.36).
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  }

  std::vector<std::string> argv_storage;
  argv_storage.push_back(ROLEC_BINARY);
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  Child child;
  int spawn_error =
      ::posix_spawn(&child.pid, ROLEC_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawn_error != 0) {
    ::close(in_pipe[1]);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    errno = spawn_error;
    Check(false, "posix_spawn " ROLEC_BINARY);
  }
  // A child that exits without reading all its input must not kill the test with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  child.in_fd = in_pipe[1];
  child.out_fd = out_pipe[0];
  child.err_fd = err_pipe[0];
  return child;
}

// Feeds `input` (from `written` on) and drains stdout and stderr until both close; closes every
// descriptor of `child` and reaps it.
RunResult Communicate(Child child, const std::string& input, size_t written, RunResult result) {
  if (child.in_fd >= 0 && written >= input.size()) {
    ::close(child.in_fd);
    child.in_fd = -1;
  }
  while (child.out_fd >= 0 || child.err_fd >= 0 || child.in_fd >= 0) {
    pollfd fds[3];
    int count = 0;
    if (child.in_fd >= 0) fds[count++] = {child.in_fd, POLLOUT, 0};
    if (child.out_fd >= 0) fds[count++] = {child.out_fd, POLLIN, 0};
    if (child.err_fd >= 0) fds[count++] = {child.err_fd, POLLIN, 0};
    if (::poll(fds, count, -1) < 0) {
      if (errno == EINTR) continue;
      Check(false, "poll");
    }
    for (int i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == child.in_fd) {
        ssize_t put = ::write(child.in_fd, input.data() + written, input.size() - written);
        if (put > 0) written += static_cast<size_t>(put);
        if (put < 0 || written == input.size()) {
          ::close(child.in_fd);
          child.in_fd = -1;
        }
        continue;
      }
      char buffer[65536];
      ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
      const bool is_out = fds[i].fd == child.out_fd;
      if (got > 0) {
        (is_out ? result.out : result.err).append(buffer, static_cast<size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        (is_out ? child.out_fd : child.err_fd) = -1;
      }
    }
  }
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0) {
    Check(errno == EINTR, "waitpid");
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

}  // namespace

RunResult RunRolec(const std::vector<std::string>& args, const std::string& input,
                   const std::string& cwd) {
  return Communicate(Spawn(args, cwd), input, 0, RunResult());
}

RolecProcess::RolecProcess(const std::vector<std::string>& args) {
  Child child = Spawn(args, "");
  pid_ = child.pid;
  in_fd_ = child.in_fd;
  out_fd_ = child.out_fd;
  err_fd_ = child.err_fd;
}

RolecProcess::~RolecProcess() {
  if (pid_ >= 0) Finish();
}

void RolecProcess::Write(const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    ssize_t put = ::write(in_fd_, text.data() + written, text.size() - written);
    if (put < 0 && errno == EINTR) continue;
    Check(put > 0, "write to rolec");
    written += static_cast<size_t>(put);
  }
}

bool RolecProcess::ReadLine(std::string* line, int timeout_ms) {
  while (true) {
    size_t newline = pending_.find('\n');
    if (newline != std::string::npos) {
      *line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      return true;
    }
    if (out_fd_ < 0) return false;
    pollfd fd = {out_fd_, POLLIN, 0};
    int ready = ::poll(&fd, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    char buffer[4096];
    ssize_t got = ::read(out_fd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      ::close(out_fd_);
      out_fd_ = -1;
      continue;
    }
    pending_.append(buffer, static_cast<size_t>(got));
  }
}

RunResult RolecProcess::Finish() {
  Child child{pid_, in_fd_, out_fd_, err_fd_};
  if (child.in_fd >= 0) ::close(child.in_fd);
  child.in_fd = -1;
  pid_ = in_fd_ = out_fd_ = err_fd_ = -1;
  RunResult result;
  result.out = std::move(pending_);
  return Communicate(child, "", 0, std::move(result));
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rolec-cli-test-XXXXXX").string();
  Check(::mkdtemp(pattern.data()) != nullptr, "mkdtemp");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::Write(const std::string& name, const std::string& content) const {
  std::string full = File(name);
  std::ofstream file(full, std::ios::binary);
  file << content;
  if (!file) throw std::runtime_error("cannot write " + full);
  return full;
}

std::string ReadAll(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace rolec::cli_test
