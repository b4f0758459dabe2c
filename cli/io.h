// cli/io.h — the few pieces of I/O every subcommand shares: reporting an error the one way the
// command reports errors, keeping control characters of the input off the terminal, reading an
// input file with a size cap, and writing an output file so that a reader never sees half of it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rolec::cli {

// Exit codes of every subcommand (docs/cli.md §Exit codes). `eval` adds kExitDeny.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitDeny = 2;

// The largest file the command reads. Policy::Load refuses larger images anyway; the cap is here so
// that `--policy /dev/zero` fails cleanly instead of exhausting memory.
inline constexpr size_t kMaxInputFileBytes = 256u << 20;

// `text` with every control byte that could drive a terminal shown as `\xNN` (two lowercase hex
// digits): the C0 controls except tab and line feed (so ESC, BEL, backspace and a carriage return),
// and DEL; and every C1 control (U+0080–U+009F) and bidirectional control (U+061C, U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069: "Trojan Source") shown as `\u{XXXX}` (four upper-case hex
// digits). Other bytes 0x80 and up are kept: they are UTF-8. Text that the command prints and that was
// built from its input (names and strings of a source or an image, fields of a request, file names
// and arguments) goes through this at the point where it is written, whatever layer built it, so
// that a hostile input cannot rewrite or hide lines of a terminal or a CI log (docs/security.md).
std::string EscapeControlChars(std::string_view text);

// `text` single-quoted for a POSIX shell (nothing inside is special; ' becomes '\''): what the
// completion script quotes its word lists with.
std::string ShellQuoted(std::string_view text);
// One word of a command line shown to the user: as it is when it holds only [A-Za-z0-9_./:@-]
// (and is not empty), otherwise ShellQuoted.
std::string ShellWord(std::string_view word);

// Prints "rolec: error: <message>" on stderr, control characters escaped.
void PrintError(std::string_view message);
// The same for a failed Status (its message only: the code is for programs, not people).
void PrintError(const absl::Status& status);
// A Status's message as a std::string (absl::string_view is not std::string_view in Debian's
// abseil, so it is converted once, here).
std::string MessageOf(const absl::Status& status);
// Prints "rolec: warning: <message>" on stderr, control characters escaped.
void PrintWarning(std::string_view message);

// The whole content of `path` (a regular file, a pipe or a device), at most `max_bytes`.
// Errors name the path: "cannot read 'x.role': No such file or directory".
absl::StatusOr<std::string> ReadFile(const std::string& path,
                                     size_t max_bytes = kMaxInputFileBytes);

// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so that an
// existing image is replaced atomically and a failed write leaves nothing behind.
absl::Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace rolec::cli
