// cli/io.cc — error reporting, escaping of control characters and file I/O for the subcommands.
#include "cli/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cctype>
#include <cstring>
#include <iostream>

#include "fmt/format.h"

namespace rolec::cli {
namespace {

std::string ErrnoText(int error) { return std::strerror(error); }

// Closes a file descriptor on every path out of a function.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  int Release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

}  // namespace

namespace {

// The length of a C1 control (U+0080–U+009F, which some terminals obey) or a bidirectional control
// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, which reorder the displayed line) at
// `text[i]`, and its code point; 0 if there is none there.
size_t HiddenControlAt(std::string_view text, size_t i, uint32_t* code_point) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  if (i + 1 < text.size() && ((byte(i) == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) ||
                              (byte(i) == 0xD8 && byte(i + 1) == 0x9C))) {
    *code_point = ((byte(i) & 0x1Fu) << 6) | (byte(i + 1) & 0x3Fu);
    return 2;
  }
  if (i + 2 >= text.size() || byte(i) != 0xE2) return 0;
  const unsigned char second = byte(i + 1), third = byte(i + 2);
  const bool bidi = (second == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xAA && third <= 0xAE))) ||
                    (second == 0x81 && third >= 0xA6 && third <= 0xA9);
  if (!bidi) return 0;
  *code_point = 0x2000u | ((second & 0x3Fu) << 6) | (third & 0x3Fu);
  return 3;
}

bool IsEscapedByte(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; }

}  // namespace

std::string EscapeControlChars(std::string_view text) {
  bool clean = true;
  uint32_t code_point = 0;
  for (size_t i = 0; clean && i < text.size(); ++i) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    clean = !IsEscapedByte(byte) && !((byte == 0xC2 || byte == 0xD8 || byte == 0xE2) &&
                                      HiddenControlAt(text, i, &code_point) > 0);
  }
  if (clean) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (IsEscapedByte(byte)) {
      out += fmt::format("\\x{:02x}", byte);
      ++i;
    } else if (size_t length = HiddenControlAt(text, i, &code_point); length > 0) {
      out += fmt::format("\\u{{{:04X}}}", code_point);
      i += length;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string ShellQuoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string ShellWord(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("_./:@-").find(c) != std::string_view::npos;
  });
  return plain ? std::string(word) : ShellQuoted(word);
}

void PrintError(std::string_view message) {
  // Flush stdout first so that, on a terminal, the error appears after what was already printed.
  std::cout.flush();
  std::cerr << "rolec: error: " << EscapeControlChars(message) << '\n';
  std::cerr.flush();
}

void PrintError(const absl::Status& status) { PrintError(MessageOf(status)); }

std::string MessageOf(const absl::Status& status) { return std::string(status.message()); }

void PrintWarning(std::string_view message) {
  std::cout.flush();
  std::cerr << "rolec: warning: " << EscapeControlChars(message) << '\n';
  std::cerr.flush();
}

absl::StatusOr<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    return absl::NotFoundError(fmt::format("cannot read '{}': {}", path, ErrnoText(error)));
  }
  FdCloser closer(fd);
  struct stat info;
  if (::fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      return absl::InvalidArgumentError(fmt::format("cannot read '{}': it is a directory", path));
    }
    if (S_ISREG(info.st_mode) && static_cast<uint64_t>(info.st_size) > max_bytes) {
      return absl::InvalidArgumentError(
          fmt::format("cannot read '{}': the file is {} bytes, more than the limit of {} bytes",
                      path, static_cast<uint64_t>(info.st_size), max_bytes));
    }
  }
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      return absl::InternalError(fmt::format("cannot read '{}': {}", path, ErrnoText(error)));
    }
    if (got == 0) break;
    // Pipes and devices have no size up front; the cap is enforced while reading.
    if (bytes.size() + static_cast<size_t>(got) > max_bytes) {
      return absl::InvalidArgumentError(
          fmt::format("cannot read '{}': more than the limit of {} bytes", path, max_bytes));
    }
    bytes.append(buffer, static_cast<size_t>(got));
  }
  return bytes;
}

absl::Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  std::string temp_path = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(temp_path.data());
  if (fd < 0) {
    int error = errno;
    return absl::InternalError(fmt::format("cannot write '{}': {}", path, ErrnoText(error)));
  }
  FdCloser closer(fd);
  auto fail = [&](int error) {
    ::unlink(temp_path.c_str());
    return absl::InternalError(fmt::format("cannot write '{}': {}", path, ErrnoText(error)));
  };
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t put = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (put < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    written += static_cast<size_t>(put);
  }
  // mkstemp creates the file 0600; an image is not a secret, give it the usual mode.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::close(closer.Release()) != 0) return fail(errno);
  if (::rename(temp_path.c_str(), path.c_str()) != 0) return fail(errno);
  return absl::OkStatus();
}

}  // namespace rolec::cli
