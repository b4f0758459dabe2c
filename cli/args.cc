// cli/args.cc — option parsing and help text from a CommandSpec, on CLI11 (docs/cli.md § How the
// command line is parsed).
//
// The CommandSpec stays the one declaration. Each parse builds a CLI::App from it: CLI11 classifies
// every argument (long, short, `--`, positional), matches options by name, splits `--name=VALUE`
// and `-oVALUE`, and recognises -h/--help. What CLI11 2.1.2 does differently from rolec's rules is
// configured or checked here, and only here:
//   - A value option is declared with an optional value (expected 0..1), so CLI11 takes the next
//     argument only if it is not an option; a missing value then shows up as kNoValue, which no
//     argv element can be (argv strings end at their first NUL), and is reported here. With a
//     required value CLI11 would take `--target-role-assignable-group-member` as the id.
//   - Every option has a trigger-on-parse callback that records each occurrence in command-line
//     order, the number of unknown arguments CLI11 had set aside by then (to report the first
//     error in command-line order), and the first problem: a flag given a value, a value missing,
//     an option given twice that is not repeatable.
//   - Unknown options and positionals are CLI11's "extras" (allow_extras), read back with CLI11's
//     own classification, so the unknown-option message and its "did you mean" are rolec's.
//   - The positional count (min/max) is checked here, for messages that name the argument.
#include "cli/args.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <utility>

#include "CLI/CLI.hpp"
#include "fmt/format.h"
#include "rolec/source.hpp"

namespace rolec::cli {
namespace {

// What a value option records when it was given without a value. argv elements are C strings,
// so no argument can equal a string holding a NUL byte.
const std::string& NoValue() {
  static const std::string kNoValue(1, '\0');
  return kNoValue;
}

// CLI::App with read access to the arguments it set aside: with allow_extras, every positional
// (Classifier::NONE), every `--` (POSITIONAL_MARK) and every unknown option (LONG, SHORT), in
// command-line order, classified by CLI11.
class SpecApp : public CLI::App {
 public:
  using CLI::App::App;
  const missing_t& extras() const { return missing_; }
};

// Where a problem was found: after how many set-aside arguments, so that it can be ordered
// against the first unknown option.
struct Problem {
  size_t extras_before = 0;
  std::string message;
};

struct ParseState {
  const std::vector<std::string>* args = nullptr;       // as given
  const std::vector<std::string>* remaining = nullptr;  // reversed; CLI11 pops what it consumes
  const SpecApp* app = nullptr;
  std::map<std::string, std::vector<std::string>, std::less<>> values;
  std::optional<Problem> problem;  // the first one found

  void Report(std::string message) {
    if (!problem.has_value()) problem = Problem{app->extras().size(), std::move(message)};
  }
};

// "-o,--output" for CLI11; "--output" alone if there is no short name.
std::string NamesFor(const OptionSpec& option) {
  if (option.short_name != 0) return fmt::format("-{},--{}", option.short_name, option.name);
  return "--" + option.name;
}

// One occurrence of `option` was parsed; `results` is what CLI11 collected for it.
void Record(const OptionSpec& option, const CLI::results_t& results, ParseState& state) {
  const std::string value = results.empty() ? std::string() : results.back();
  std::string recorded;
  if (option.value_name.empty()) {
    // CLI11 gives a flag "true" for `--flag`, and the text for `--flag=TEXT`; `--flag=true` is
    // indistinguishable from `--flag`, and accepted.
    if (value != "true") {
      state.Report(fmt::format("option '--{}' takes no value", option.name));
      return;
    }
  } else if (value == NoValue()) {
    // The argument that named the option is the last one CLI11 consumed, or the one before it if
    // CLI11 also ate a `--` after it (it does, for an option whose value is optional).
    const std::vector<std::string>& args = *state.args;
    size_t at = args.size() - state.remaining->size();
    at = at == 0 ? 0 : at - 1;
    if (at > 0 && args[at] == "--") --at;
    const std::string written = option.short_name != 0 && at < args.size() &&
                                        args[at].rfind("--", 0) != 0
                                    ? fmt::format("-{}", option.short_name)
                                    : "--" + option.name;
    const std::string* next = at + 1 < args.size() ? &args[at + 1] : nullptr;
    if (next == nullptr) {
      state.Report(fmt::format("option '{}' needs a value ({})", written, option.value_name));
    } else {
      state.Report(fmt::format(
          "option '{}' needs a value ({}), but the next argument is the option '{}'; write "
          "'{}=VALUE' for a value that starts with '-'",
          written, option.value_name, *next, written));
    }
    return;
  } else {
    // `--name= VALUE`: CLI11 reads an empty inline value as no value and takes the next
    // argument instead, which the command line did not mean; refuse it.
    const std::vector<std::string>& args = *state.args;
    const size_t consumed = args.size() - state.remaining->size();
    if (consumed >= 2 && args[consumed - 1] == value && args[consumed - 2] == "--" + option.name + "=") {
      state.Report(fmt::format("option '--{}' needs a value ({}); '--{}=' gives it none",
                               option.name, option.value_name, option.name));
      return;
    }
    recorded = value;
  }
  auto& slot = state.values[option.name];
  if (!slot.empty() && !option.repeatable) {
    state.Report(fmt::format("option '--{}' may be given only once", option.name));
    return;
  }
  slot.push_back(std::move(recorded));
}

// Declares the spec's options on `app`. With a state, each occurrence is recorded into it.
void Declare(const CommandSpec& spec, SpecApp& app, ParseState* state) {
  app.set_help_flag("-h,--help", "Show this help and exit.");
  app.allow_extras();
  for (const OptionSpec& option : spec.options) {
    CLI::callback_t callback;
    if (state != nullptr) {
      callback = [&option, state](const CLI::results_t& results) {
        Record(option, results, *state);
        return true;
      };
    }
    CLI::Option* declared = app.add_option(NamesFor(option), std::move(callback), option.help);
    if (option.value_name.empty()) {
      declared->expected(0);
    } else {
      declared->expected(0, 1)->default_str(NoValue())->type_name(option.value_name);
    }
    declared->multi_option_policy(option.repeatable ? CLI::MultiOptionPolicy::TakeAll
                                                    : CLI::MultiOptionPolicy::Throw);
    declared->trigger_on_parse();
  }
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

// rolec's help layout, rendered by CLI11's formatter hook from the App's options: the usage lines
// and the description paragraph come from the spec (CLI11 2.1.2 has one generated usage line and
// no place for a paragraph between it and the options).
class HelpFormatter : public CLI::FormatterBase {
 public:
  explicit HelpFormatter(const CommandSpec& spec) : spec_(spec) {}

  std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
    std::string text;
    for (size_t i = 0; i < spec_.usages.size(); ++i) {
      text += fmt::format("{}{}\n", i == 0 ? "Usage: " : "       ", spec_.usages[i]);
    }
    text += "\n" + app->get_description() + "\n";
    if (!spec_.description.empty()) text += "\n" + spec_.description + "\n";
    text += "\nOptions:\n";

    std::vector<const CLI::Option*> options =
        app->get_options([app](const CLI::Option* option) { return option != app->get_help_ptr(); });
    options.push_back(app->get_help_ptr());  // listed last
    std::vector<std::pair<std::string, std::string>> rows;
    for (const CLI::Option* option : options) {
      const std::vector<std::string>& shorts = option->get_snames();
      std::string left = shorts.empty() ? "    " : fmt::format("-{}, ", shorts.front());
      left += "--" + option->get_lnames().front();
      if (option->get_expected_max() > 0) left += " " + option->get_type_name();
      std::string help = option->get_description();
      if (option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll) {
        help += " (repeatable)";
      }
      rows.emplace_back(std::move(left), std::move(help));
    }
    // Two columns on a 100-column terminal: the option, then its help wrapped beside it. An
    // option too long for the left column gets its help on the next line.
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
    text += "\nSee docs/cli.md for the full manual.\n";
    return text;
  }

 private:
  const CommandSpec& spec_;
};

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
  SpecApp app("rolec " + spec.name, spec.name);
  ParseState state;
  std::vector<std::string> remaining(args.rbegin(), args.rend());  // CLI11 parses from the back
  state.args = &args;
  state.remaining = &remaining;
  state.app = &app;
  try {
    Declare(spec, app, &state);
    app.parse(remaining);
  } catch (const CLI::CallForHelp&) {
    // Help wins over every other problem: the callbacks never throw, so CLI11 reaches its help
    // check whatever else is wrong (`rolec eval --bogus --as --help` shows the help).
    parsed.help_ = true;
    return parsed;
  } catch (const CLI::Error& error) {
    // Not reached by any command line the callbacks accept; kept so that nothing escapes.
    return absl::InvalidArgumentError(
        fmt::format("cannot parse the arguments of 'rolec {}': {}", spec.name, error.what()));
  }

  // The first error in command-line order: an unknown option set aside before the first problem
  // the callbacks found, else that problem.
  const auto& extras = app.extras();
  for (size_t i = 0; i < extras.size(); ++i) {
    if (state.problem.has_value() && i >= state.problem->extras_before) break;
    const auto& [kind, text] = extras[i];
    if (kind == CLI::detail::Classifier::LONG || kind == CLI::detail::Classifier::SHORT ||
        kind == CLI::detail::Classifier::WINDOWS_STYLE) {
      return absl::InvalidArgumentError(UnknownOption(spec, text));
    }
  }
  if (state.problem.has_value()) return absl::InvalidArgumentError(state.problem->message);
  parsed.values_ = std::move(state.values);
  for (const auto& [kind, text] : extras) {
    if (kind == CLI::detail::Classifier::NONE) parsed.positionals_.push_back(text);
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
  SpecApp app(spec.summary, spec.name);
  try {
    Declare(spec, app, nullptr);
  } catch (const CLI::Error& error) {
    return fmt::format("rolec {}: cannot declare its options: {}\n", spec.name, error.what());
  }
  app.formatter(std::make_shared<HelpFormatter>(spec));
  return app.help();
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
