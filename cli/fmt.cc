// cli/fmt.cc — `rolec fmt [--check] [--diff] FILE...`: the canonical layout (docs/fmt.md).
//
// Without flags each FILE is rewritten in place when its layout changes (atomically: a temporary
// file in the same directory, then a rename; the file's permissions are kept), and `-` formats
// standard input to standard output. --check and --diff write nothing. Exit 0: done, or (with
// --check) every file already formatted; 1: --check found a file to reformat, or an error (a file
// that cannot be read or written, a syntax error — the file is then left as it is).
#include <sys/stat.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "rolec/format.hpp"

namespace rolec::cli {
namespace {

constexpr char kStdinLabel[] = "<stdin>";

// Where an in-place rewrite goes: through a symbolic link to the file it names, so that the link
// stays a link.
std::string WriteTarget(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_symlink(path, error)) {
    std::filesystem::path target = std::filesystem::canonical(path, error);
    if (!error) return target.string();
  }
  return path;
}

absl::Status Rewrite(const std::string& path, std::string_view text) {
  const std::string target = WriteTarget(path);
  struct stat info;
  const bool had_mode = ::stat(target.c_str(), &info) == 0;
  if (absl::Status status = WriteFileAtomically(target, text); !status.ok()) return status;
  if (had_mode) ::chmod(target.c_str(), info.st_mode & 07777);
  return absl::OkStatus();
}

}  // namespace

const CommandSpec& FmtSpec() {
  static const CommandSpec kSpec = {
      "fmt",
      "Rewrite .role sources in the canonical layout (docs/fmt.md).",
      {"rolec fmt [--check] [--diff] FILE...", "rolec fmt - < in.role > out.role"},
      "Formats each FILE in place: two-space indentation, aligned metadata, one list item per line\n"
      "when a list does not fit on one, conditions broken at and/or, a blank line between\n"
      "declarations. Comments and doc comments are kept. `-` reads standard input and writes the\n"
      "result to standard output. A file with a syntax error is reported and left as it is.\n"
      "--check writes nothing and lists the files that are not formatted; --diff writes nothing and\n"
      "prints what would change as a unified diff. Exits 0 on success, 1 if --check found a file\n"
      "to reformat or on any error.",
      {
          {"check", 0, "", false, "Write nothing; list the files that would change and exit 1 if any."},
          {"diff", 0, "", false, "Write nothing; print a unified diff of what would change."},
      },
      1,
      static_cast<size_t>(-1),
      "FILE",
  };
  return kSpec;
}

int RunFmt(const ParsedArgs& args) {
  const bool check = args.Has("check");
  const bool diff = args.Has("diff");
  bool failed = false;
  bool changes = false;
  for (const std::string& path : args.positionals()) {
    const bool is_stdin = path == "-";
    const std::string label = is_stdin ? kStdinLabel : path;
    absl::StatusOr<std::string> text = ReadFile(is_stdin ? "/dev/stdin" : path);
    if (!text.ok()) {
      PrintError(text.status());
      failed = true;
      continue;
    }
    std::vector<Diagnostic> diagnostics;
    absl::StatusOr<std::string> formatted = FormatSource(*text, label, &diagnostics);
    PrintDiagnostics(diagnostics, std::cerr, 0);
    if (!formatted.ok()) {
      PrintError(formatted.status());
      failed = true;
      continue;
    }
    const bool changed = *formatted != *text;
    changes |= changed;
    if (diff && changed) {
      std::cout << EscapeControlChars(
          UnifiedDiff(*text, *formatted, "a/" + label, "b/" + label));
    }
    if (check && changed && !diff) std::cout << EscapeControlChars(label) << "\n";
    if (check || diff) continue;
    if (is_stdin) {
      std::cout << *formatted;
    } else if (changed) {
      if (absl::Status status = Rewrite(path, *formatted); !status.ok()) {
        PrintError(status);
        failed = true;
      }
    }
  }
  if (failed) return kExitError;
  return check && changes ? kExitError : kExitOk;
}

}  // namespace rolec::cli
