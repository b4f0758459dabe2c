// cli/args.cc — option parsing and help text from a CommandSpec.
#include "cli/args.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "fmt/format.h"
#include "rolec/source.hpp"

namespace rolec::cli {
namespace {

const OptionSpec* FindLong(const CommandSpec& spec, std::string_view name) {
  for (const OptionSpec& option : spec.options) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

const OptionSpec* FindShort(const CommandSpec& spec, char name) {
  for (const OptionSpec& option : spec.options) {
    if (option.short_name != 0 && option.short_name == name) return &option;
  }
  return nullptr;
}

std::string UnknownOption(const CommandSpec& spec, std::string_view written) {
  std::string message = fmt::format("unknown option '{}' for 'rolec {}'", written, spec.name);
  std::string_view bare = written;
  while (!bare.empty() && bare.front() == '-') bare.remove_prefix(1);
  bare = bare.substr(0, bare.find('='));
  const OptionSpec* best = nullptr;
  size_t best_distance = 0;
  for (const OptionSpec& option : spec.options) {
    size_t distance = EditDistance(bare, option.name);
    if (best == nullptr || distance < best_distance) {
      best = &option;
      best_distance = distance;
    }
  }
  // Suggest only near misses: a third of the name, at least 2 edits.
  if (best != nullptr && best_distance <= std::max<size_t>(2, best->name.size() / 3)) {
    message += fmt::format(" (did you mean '--{}'?)", best->name);
  }
  return message;
}

// Greedy word wrap; a word longer than the width gets a line of its own.
std::vector<std::string> WrapWords(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace

bool ParsedArgs::Has(std::string_view name) const { return values_.find(name) != values_.end(); }

std::string ParsedArgs::Value(std::string_view name, std::string_view fallback) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::string(fallback);
  return it->second.back();
}

std::vector<std::string> ParsedArgs::Values(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  return it->second;
}

absl::StatusOr<ParsedArgs> ParseArgs(const CommandSpec& spec,
                                     const std::vector<std::string>& args) {
  ParsedArgs parsed;
  // Help wins over every other problem: `rolec eval --bogus --help` should still show the help.
  bool options_ended = false;
  for (const std::string& arg : args) {
    if (arg == "--") options_ended = true;
    if (!options_ended && (arg == "--help" || arg == "-h")) {
      parsed.help_ = true;
      return parsed;
    }
  }

  options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || arg == "-" || arg.empty() || arg[0] != '-') {
      parsed.positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    const OptionSpec* option = nullptr;
    std::string written;
    std::optional<std::string> inline_value;
    if (arg.size() > 2 && arg[1] == '-') {
      size_t equals = arg.find('=');
      written = arg.substr(0, equals);
      option = FindLong(spec, std::string_view(written).substr(2));
      if (equals != std::string::npos) inline_value = arg.substr(equals + 1);
    } else if (arg.size() >= 2) {
      written = arg.substr(0, 2);
      option = FindShort(spec, arg[1]);
      if (arg.size() > 2) inline_value = arg.substr(2);  // -oimage.rolec
    }
    if (option == nullptr) return absl::InvalidArgumentError(UnknownOption(spec, arg));

    std::string value;
    if (option->value_name.empty()) {
      if (inline_value.has_value()) {
        return absl::InvalidArgumentError(
            fmt::format("option '--{}' takes no value", option->name));
      }
    } else if (inline_value.has_value()) {
      value = *inline_value;
    } else {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(
            fmt::format("option '{}' needs a value ({})", written, option->value_name));
      }
      // A value option never takes the next option as its value: `--target-id
      // --target-role-assignable-group-member` must not silently drop the protection flag
      // (that was a wrong allow). A lone "-" is a value (standard input); a value that really
      // starts with '-' is written inline, `--target-id=-x`.
      const std::string& next = args[i + 1];
      if (next.size() > 1 && next[0] == '-') {
        return absl::InvalidArgumentError(fmt::format(
            "option '{}' needs a value ({}), but the next argument is the option '{}'; write "
            "'{}=VALUE' for a value that starts with '-'",
            written, option->value_name, next, written));
      }
      value = args[++i];
    }
    auto& slot = parsed.values_[option->name];
    if (!slot.empty() && !option->repeatable) {
      return absl::InvalidArgumentError(
          fmt::format("option '--{}' may be given only once", option->name));
    }
    slot.push_back(std::move(value));
  }

  const size_t count = parsed.positionals_.size();
  if (count < spec.min_positionals) {
    return absl::InvalidArgumentError(
        spec.min_positionals == 1
            ? fmt::format("'rolec {}' needs a {}", spec.name, spec.positional_name)
            : fmt::format("'rolec {}' needs at least {} {} arguments", spec.name,
                          spec.min_positionals, spec.positional_name));
  }
  if (count > spec.max_positionals) {
    if (spec.max_positionals == 0) {
      return absl::InvalidArgumentError(
          fmt::format("'rolec {}' takes no argument, got '{}'", spec.name, parsed.positionals_[0]));
    }
    return absl::InvalidArgumentError(fmt::format(
        "'rolec {}' takes at most {} {} argument{}; unexpected '{}'", spec.name,
        spec.max_positionals, spec.positional_name, spec.max_positionals == 1 ? "" : "s",
        parsed.positionals_[spec.max_positionals]));
  }
  return parsed;
}

std::string HelpText(const CommandSpec& spec) {
  std::string text;
  for (size_t i = 0; i < spec.usages.size(); ++i) {
    text += fmt::format("{}{}\n", i == 0 ? "Usage: " : "       ", spec.usages[i]);
  }
  text += "\n" + spec.summary + "\n";
  if (!spec.description.empty()) text += "\n" + spec.description + "\n";
  text += "\nOptions:\n";

  std::vector<std::pair<std::string, std::string>> rows;
  for (const OptionSpec& option : spec.options) {
    std::string left = option.short_name != 0 ? fmt::format("-{}, ", option.short_name) : "    ";
    left += "--" + option.name;
    if (!option.value_name.empty()) left += " " + option.value_name;
    std::string help = option.help;
    if (option.repeatable) help += " (repeatable)";
    rows.emplace_back(std::move(left), std::move(help));
  }
  rows.emplace_back("-h, --help", "Show this help and exit.");
  // Two columns on a 100-column terminal: the option, then its help wrapped beside it. An option
  // too long for the left column gets its help on the next line.
  constexpr size_t kLeftMax = 30;
  constexpr size_t kTotalWidth = 100;
  size_t width = 0;
  for (const auto& row : rows) {
    if (row.first.size() <= kLeftMax) width = std::max(width, row.first.size());
  }
  const std::string indent(2 + width + 2, ' ');
  for (const auto& [left, help] : rows) {
    std::vector<std::string> lines = WrapWords(help, kTotalWidth - indent.size());
    if (left.size() > width) {
      text += fmt::format("  {}\n", left);
    } else {
      text += fmt::format("  {:{}}  {}\n", left, width, lines.empty() ? "" : lines[0]);
      lines.erase(lines.begin());
    }
    for (const std::string& line : lines) text += indent + line + "\n";
  }
  text += fmt::format("\nSee docs/cli.md for the full manual.\n");
  return text;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  auto lower = [](std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const size_t longest = std::max(a.size(), b.size());  // no bound: the distance never exceeds it
  return rolec::EditDistance(lower(a), lower(b), longest);
}

}  // namespace rolec::cli
