// cli/args.h — a small command-line parser: each subcommand declares its options once, in a
// CommandSpec, and both the parsing and the `--help` text are derived from that one declaration, so
// the help can never forget a flag.
//
// Accepted shapes: `--name VALUE`, `--name=VALUE`, `-o VALUE` (declared short names), bare flags,
// `--` to end the options, and `-` as a positional (stdin where a command allows it). `-h` and
// `--help` are always accepted. Anything else that starts with '-' is an error naming the flag.
// A value option given as `--name VALUE` never takes a VALUE that starts with '-' (other than a
// lone `-`): that is the next option, and taking it would lose it; `--name=-x` spells such a value.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace rolec::cli {

struct OptionSpec {
  std::string name;         // long name without the dashes: "policy"
  char short_name = 0;      // 'o' for -o; 0 if none
  std::string value_name;   // "FILE"; empty for a flag that takes no value
  bool repeatable = false;  // may be given more than once (values accumulate)
  std::string help;         // one sentence
};

struct CommandSpec {
  std::string name;                 // "eval"
  std::string summary;              // one line, for `rolec --help`
  std::vector<std::string> usages;  // "rolec eval [--policy FILE]... --as ROLE[@SCOPE]... ACTION"
  std::string description;          // a paragraph or two, already wrapped
  std::vector<OptionSpec> options;
  size_t min_positionals = 0;
  size_t max_positionals = static_cast<size_t>(-1);
  std::string positional_name;  // "FILE" (for "expected at least one FILE")
  // The exit code of a usage error (a bad option, a missing value): 1 for every command but
  // `lint`, whose 1 means "findings" (docs/cli.md § rolec lint).
  int usage_error_exit = 1;
};

class ParsedArgs {
 public:
  bool help() const { return help_; }
  // True if the option was given (a flag or an option with a value).
  bool Has(std::string_view name) const;
  // The last value of an option, or `fallback` if it was not given.
  std::string Value(std::string_view name, std::string_view fallback = "") const;
  // Every value of a repeatable option, in command-line order.
  std::vector<std::string> Values(std::string_view name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  friend absl::StatusOr<ParsedArgs> ParseArgs(const CommandSpec& spec,
                                              const std::vector<std::string>& args);
  bool help_ = false;
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::vector<std::string> positionals_;
};

// Parses the arguments after the subcommand name. With -h/--help anywhere, returns at once with
// help() set and nothing validated. Errors are one line, e.g. "unknown option '--polcy' for 'rolec
// eval' (did you mean '--policy'?)".
absl::StatusOr<ParsedArgs> ParseArgs(const CommandSpec& spec, const std::vector<std::string>& args);

// The `rolec <command> --help` text, derived from the spec. Ends with a newline.
std::string HelpText(const CommandSpec& spec);

// Levenshtein distance, ASCII case-insensitive; used for "did you mean" suggestions. The one
// implementation is grammar::EditDistance; this lower-cases both sides for it.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace rolec::cli
