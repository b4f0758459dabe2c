// cli/policy_loading.cc — files -> sources or image -> Policy.
#include "cli/policy_loading.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "cli/args.h"
#include "cli/graph_inputs.h"
#include "cli/io.h"
#include "absl/strings/numbers.h"
#include "fmt/format.h"
#include "rolec/source.hpp"
#include "rolec/stdlib.hpp"

namespace rolec::cli {
namespace {

// A file read from disk and sorted into source or image.
struct InputFile {
  std::string path;
  std::string bytes;
  bool is_image = false;
};

absl::StatusOr<std::vector<InputFile>> ReadInputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> inputs;
  for (const std::string& path : paths) {
    absl::StatusOr<std::string> bytes = ReadFile(path);
    if (!bytes.ok()) return bytes.status();
    // A few bytes of the magic and nothing else: an image cut short, not a source to parse.
    if (IsTruncatedPolicyImage(*bytes)) {
      return absl::InvalidArgumentError(fmt::format(
          "cannot load '{}': a truncated policy image ({} bytes)", path, bytes->size()));
    }
    InputFile input;
    input.path = path;
    input.is_image = IsPolicyImage(*bytes);
    input.bytes = std::move(*bytes);
    inputs.push_back(std::move(input));
  }
  return inputs;
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [&](char a, char b) { return lower(a) == lower(b); });
  return it != haystack.end();
}

// The E0222/W0222 diagnostic of a source that parses but declares nothing: an empty file, one of
// comments only, or `module`/`import` lines alone. Compiled, it would add nothing to the standard
// library, and `eval` would answer from the standard library alone — almost certainly not what
// was meant (the wrong file, an empty generated file, a glob that matched a stub). A source with
// a syntax error is left to its E01xx diagnostic.
std::optional<Diagnostic> DeclaresNothing(const SourceFile& source, Severity severity) {
  if (!rolec::DeclaresNothing(source.text, source.path)) return std::nullopt;
  Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = severity == Severity::kError ? "E0222" : "W0222";
  diagnostic.message = "this file declares nothing (no role, set, action or test)";
  diagnostic.help =
      severity == Severity::kError
          ? "did you pass the right file? A policy that declares nothing would leave the standard "
            "library alone, so it is refused; give the .role file that declares your roles"
          : "did you pass the right file? 'rolec eval', 'compile', 'test' and 'describe' refuse "
            "it as an error";
  diagnostic.span = SourceSpan{source.path, 1, 1, 1};
  diagnostic.source_line = SourceLine(source.text, 1);
  return diagnostic;
}

}  // namespace

OptionSpec MaxErrorsOption() {
  return {"max-errors", 0, "N", false,
          "Stop printing diagnostics after N errors (0, the default: no limit); the exit status "
          "and the counts still include every error."};
}

OptionSpec PolicyOption() {
  return {"policy", 0, "FILE", true,
          "A .role source (all compile together, with the standard library) or one compiled image."};
}

std::shared_ptr<const Policy> LoadPolicyFromArgs(const ParsedArgs& args) {
  ReportOptions report;
  if (absl::Status status = ReadReportOptions(args, &report); !status.ok()) {
    PrintError(status);
    return nullptr;
  }
  absl::StatusOr<std::shared_ptr<const Policy>> policy = LoadPolicy(args.Values("policy"), report);
  if (!policy.ok()) {
    PrintError(policy.status());
    return nullptr;
  }
  return *std::move(policy);
}

absl::Status ReadReportOptions(const ParsedArgs& args, ReportOptions* options) {
  if (!args.Has("max-errors")) return absl::OkStatus();
  const std::string value = args.Value("max-errors");
  uint64_t parsed = 0;
  const bool digits = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (!digits || !absl::SimpleAtoi(value, &parsed)) {
    return absl::InvalidArgumentError(fmt::format(
        "--max-errors '{}' is not a number of errors (expected 0, for no limit, or more)", value));
  }
  options->max_errors = static_cast<size_t>(parsed);
  return absl::OkStatus();
}

std::string WithThousands(size_t number) {
  std::string digits = std::to_string(number);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics, std::ostream& out,
                      size_t max_errors) {
  std::map<std::string, size_t> shown_per_code;
  // Codes whose repeats were held back, in the order the first was, and how many.
  std::vector<std::pair<std::string, size_t>> held_back;
  std::map<std::string, size_t> held_back_index;
  size_t errors_shown = 0;
  size_t total_errors = 0;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity == Severity::kError) ++total_errors;
  }
  for (const Diagnostic& diagnostic : diagnostics) {
    if (max_errors > 0 && errors_shown >= max_errors) break;
    // The code already says the severity (E/W); a diagnostic without one is keyed by severity.
    const std::string key = fmt::format("{}[{}]", SeverityName(diagnostic.severity), diagnostic.code);
    if (++shown_per_code[key] > kMaxDiagnosticsPerCode) {
      auto [it, inserted] = held_back_index.emplace(key, held_back.size());
      if (inserted) held_back.emplace_back(key, 0);
      ++held_back[it->second].second;
      continue;
    }
    // A message may quote a name or a file name with a control character in it (the source
    // line is already shown without them): escaped, it cannot drive the terminal.
    out << EscapeControlChars(FormatDiagnostic(diagnostic));
    if (diagnostic.severity == Severity::kError) ++errors_shown;
  }
  for (const auto& [key, count] : held_back) {
    out << EscapeControlChars(
        fmt::format("... and {} more like this ({})\n", WithThousands(count), key));
  }
  if (max_errors > 0 && errors_shown >= max_errors && errors_shown < total_errors) {
    out << fmt::format("rolec: note: stopped after {} errors (--max-errors {}); {} more not shown\n",
                       WithThousands(errors_shown), max_errors,
                       WithThousands(total_errors - errors_shown));
  }
  out.flush();
}

bool IsPolicyImage(std::string_view bytes) {
  return LooksLikePolicyImage(bytes);
}

absl::StatusOr<std::vector<SourceFile>> ReadSources(const std::vector<std::string>& paths,
                                                    std::string_view command) {
  absl::StatusOr<std::vector<InputFile>> inputs = ReadInputs(paths);
  if (!inputs.ok()) return inputs.status();
  std::vector<SourceFile> sources;
  for (InputFile& input : *inputs) {
    if (input.is_image) {
      return absl::InvalidArgumentError(fmt::format(
          "'{}' is a compiled policy image; 'rolec {}' takes .role sources (images are read by "
          "'rolec dis' and by --policy)",
          input.path, command));
    }
    sources.push_back(SourceFile{input.path, std::move(input.bytes)});
  }
  return sources;
}

std::vector<Diagnostic> UserFacingDiagnostics(std::vector<Diagnostic> diagnostics,
                                              const std::vector<SourceFile>& sources,
                                              const ReportOptions& options) {
  // Warnings and notes about the embedded standard library are not the user's to act on (and
  // would bury theirs); its errors still show, since they stop the compile.
  std::set<std::string_view> user_paths;
  for (const SourceFile& source : sources) user_paths.insert(source.path);
  std::set<std::string_view> stdlib_paths;
  for (const SourceFile& stdlib_file : StdlibSources()) {
    if (user_paths.count(stdlib_file.path) == 0) stdlib_paths.insert(stdlib_file.path);
  }
  diagnostics.erase(std::remove_if(diagnostics.begin(), diagnostics.end(),
                                   [&stdlib_paths](const Diagnostic& diagnostic) {
                                     return diagnostic.severity != Severity::kError &&
                                            stdlib_paths.count(diagnostic.span.file) > 0;
                                   }),
                    diagnostics.end());
  // "Declares nothing" goes first among its file's diagnostics (it is about the whole file).
  for (const SourceFile& source : sources) {
    std::optional<Diagnostic> empty = DeclaresNothing(source, options.empty_source);
    if (!empty.has_value()) continue;
    auto first_of_file = std::find_if(diagnostics.begin(), diagnostics.end(),
                                      [&source](const Diagnostic& d) {
                                        return d.span.file == source.path;
                                      });
    diagnostics.insert(first_of_file, std::move(*empty));
  }
  return diagnostics;
}

CompileResult CompileAndReport(const std::vector<SourceFile>& sources, std::ostream& out,
                               const ReportOptions& options) {
  CompileResult result = Compile(sources);
  result.diagnostics = UserFacingDiagnostics(std::move(result.diagnostics), sources, options);
  if (options.rewrite) result.diagnostics = options.rewrite(std::move(result.diagnostics));
  if (!result.ok()) result.image.clear();
  PrintDiagnostics(result.diagnostics, out, options.max_errors);
  return result;
}

absl::StatusOr<std::shared_ptr<const Policy>> LoadPolicy(const std::vector<std::string>& paths,
                                                         const ReportOptions& options) {
  absl::StatusOr<std::vector<InputFile>> inputs = ReadInputs(paths);
  if (!inputs.ok()) return inputs.status();

  const InputFile* image = nullptr;
  const InputFile* first_source = nullptr;
  for (const InputFile& input : *inputs) {
    if (!input.is_image) {
      if (first_source == nullptr) first_source = &input;
      continue;
    }
    if (image != nullptr) {
      return absl::InvalidArgumentError(
          fmt::format("two compiled images ('{}' and '{}'); a policy is at most one image: compile "
                      "the sources together into one",
                      image->path, input.path));
    }
    image = &input;
  }
  if (image != nullptr) {
    if (first_source != nullptr) {
      return absl::InvalidArgumentError(fmt::format(
          "a compiled image ('{}') mixed with a source ('{}'); an image cannot be extended "
          "at load time: compile all the sources into one image, or pass only sources",
          image->path, first_source->path));
    }
    absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(image->bytes);
    if (!policy.ok()) {
      return absl::InvalidArgumentError(
          fmt::format("cannot load '{}': {}", image->path, MessageOf(policy.status())));
    }
    return policy;
  }

  std::vector<SourceFile> sources;
  for (const InputFile& input : *inputs) sources.push_back(SourceFile{input.path, input.bytes});
  // Graph JSON files are imported and compiled as .role text (cli/graph_inputs.h).
  const GraphInputs graph(std::move(sources));
  ReportOptions report = options;
  report.rewrite = [&graph](std::vector<Diagnostic> d) { return graph.Rewrite(std::move(d)); };
  CompileResult result = CompileAndReport(graph.sources(), std::cerr, report);
  if (!result.ok()) {
    size_t errors =
        std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::kError; });
    return absl::InvalidArgumentError(
        fmt::format("the policy did not compile ({} error{})", errors, errors == 1 ? "" : "s"));
  }
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(std::move(result.image));
  if (!policy.ok()) {
    // The compiler produced an image the loader rejects: a bug of ours, not of the user's policy.
    return absl::InternalError(fmt::format("the compiled image does not load (a rolec bug): {}",
                                           MessageOf(policy.status())));
  }
  return policy;
}

std::vector<std::string> ClosestRoleNames(const Policy& policy, std::string_view query,
                                          size_t limit) {
  struct Candidate {
    size_t rank;  // substring matches first, then edit distance
    std::string name;
  };
  std::vector<Candidate> candidates;
  // Near misses only: the threshold grows with the length of what was typed.
  const size_t threshold = std::max<size_t>(2, query.size() / 3);
  for (RoleId id = 0; id < policy.role_count(); ++id) {
    std::string name(policy.role(id).name);
    if (query.size() >= 3 && ContainsIgnoreCase(name, query)) {
      candidates.push_back({0, std::move(name)});
      continue;
    }
    size_t distance = EditDistance(query, name);
    if (distance <= threshold) candidates.push_back({1 + distance, std::move(name)});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return a.rank != b.rank ? a.rank < b.rank : a.name < b.name;
                   });
  std::vector<std::string> names;
  for (size_t i = 0; i < candidates.size() && names.size() < limit; ++i) {
    if (std::find(names.begin(), names.end(), candidates[i].name) == names.end()) {
      names.push_back(candidates[i].name);
    }
  }
  return names;
}

std::string UnknownRoleMessage(const Policy& policy, std::string_view query) {
  std::string message = fmt::format("unknown role '{}'", query);
  std::vector<std::string> names = ClosestRoleNames(policy, query);
  if (!names.empty()) {
    message += " (did you mean ";
    for (size_t i = 0; i < names.size(); ++i) {
      if (i > 0) message += i + 1 == names.size() ? " or " : ", ";
      message += "'" + names[i] + "'";
    }
    message += "?)";
  }
  return message;
}

}  // namespace rolec::cli
