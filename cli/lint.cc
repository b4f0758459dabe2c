// cli/lint.cc — `rolec lint FILE...`: the compile's diagnostics and the lint rules' findings
// (docs/lint.md), in the formats CI systems read. Exit 0: nothing at or above --fail-on; 1: findings
// at or above it (a compile error always counts); 2: a usage, file or configuration error.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/diagnostic_formats.h"
#include "cli/graph_inputs.h"
#include "cli/io.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "rolec/lint.hpp"

namespace rolec::cli {
namespace {

constexpr int kExitFindings = 1;
constexpr int kExitLintUsage = 2;
constexpr char kDefaultConfig[] = ".rolec-lint.json";

// Severity order for --fail-on: error > warning > note.
int Rank(Severity s) { return s == Severity::kError ? 2 : s == Severity::kWarning ? 1 : 0; }

// --fail-on LEVEL: the least rank that fails the run ("none": above every rank; compile errors
// fail it all the same).
bool ParseFailOn(std::string_view name, int* threshold) {
  if (name == "error") *threshold = Rank(Severity::kError);
  else if (name == "warning") *threshold = Rank(Severity::kWarning);
  else if (name == "note") *threshold = Rank(Severity::kNote);
  else if (name == "none") *threshold = Rank(Severity::kError) + 1;
  else return false;
  return true;
}

}  // namespace

const CommandSpec& LintSpec() {
  static const CommandSpec kSpec = {
      "lint",
      "Check .role sources against the lint rules (docs/lint.md), for CI.",
      {"rolec lint FILE... [--format text|json|sarif|github] [--fail-on error|warning|note|none]\n"
       "           [--config FILE] [--max-errors N]"},
      "Compiles the FILEs like `check` (a .json FILE is imported from Graph JSON first), then runs\n"
      "the lint rules over the roles they declare:\n"
      "permissions custom roles cannot hold, privileged permissions, redundant grants and excepts,\n"
      "deprecated bases. Severities come from the rules' defaults, overridden by --config FILE or\n"
      "./.rolec-lint.json; `// rolec-lint-ignore RULE: reason` silences one line. Exits 0 if no\n"
      "diagnostic is at or above --fail-on (default: warning), 1 if one is (a compile error always\n"
      "is), 2 on a usage, file or configuration error.",
      {
          {"format", 0, "FORMAT", false, "Output format: text (default), json, sarif or github."},
          {"fail-on", 0, "LEVEL", false, "Least severity that fails: error, warning (default), note, none."},
          {"config", 0, "FILE", false, "Lint configuration (JSON); default ./.rolec-lint.json if present."},
          MaxErrorsOption(),
      },
      1,
      static_cast<size_t>(-1),
      "FILE",
      kExitLintUsage,
  };
  return kSpec;
}

int RunLint(const ParsedArgs& args) {
  const std::string format = args.Value("format", "text");
  if (!IsDiagnosticFormat(format)) {
    PrintError(fmt::format("unknown --format '{}' (expected text, json, sarif or github)", format));
    return kExitLintUsage;
  }
  int threshold = Rank(Severity::kWarning);
  if (!ParseFailOn(args.Value("fail-on", "warning"), &threshold)) {
    PrintError(fmt::format("unknown --fail-on '{}' (expected error, warning, note or none)",
                           args.Value("fail-on", "")));
    return kExitLintUsage;
  }
  ReportOptions report;
  if (absl::Status status = ReadReportOptions(args, &report); !status.ok()) {
    PrintError(status);
    return kExitLintUsage;
  }
  report.empty_source = Severity::kWarning;  // as in check: W0222
  std::string config_path = args.Value("config", "");
  if (config_path.empty() && std::filesystem::is_regular_file(kDefaultConfig)) config_path = kDefaultConfig;
  std::string config_text;
  if (!config_path.empty()) {
    absl::StatusOr<std::string> text = ReadFile(config_path);
    if (!text.ok()) {
      PrintError(text.status());
      return kExitLintUsage;
    }
    config_text = *std::move(text);
    if (config_text.empty()) config_text = "{}";
  }
  absl::StatusOr<std::vector<SourceFile>> sources = ReadSources(args.positionals(), "lint");
  if (!sources.ok()) {
    PrintError(sources.status());
    return kExitLintUsage;
  }
  // Graph JSON files are imported and linted as the .role text they become (cli/graph_inputs.h).
  const GraphInputs graph(*std::move(sources));
  absl::StatusOr<LintResult> result = Lint(graph.sources(), config_text, config_path);
  if (!result.ok()) {
    PrintError(result.status());
    return kExitLintUsage;
  }
  std::vector<Diagnostic> diagnostics =
      graph.Rewrite(UserFacingDiagnostics(std::move(result->diagnostics), graph.sources(), report));
  const bool has_errors = HasErrors(diagnostics);
  const bool fails = std::any_of(diagnostics.begin(), diagnostics.end(), [threshold](const Diagnostic& d) {
    return d.severity == Severity::kError || Rank(d.severity) >= threshold;
  });
  if (format == "text") {
    PrintDiagnostics(diagnostics, std::cerr, report.max_errors);
    const auto count = [&diagnostics](Severity s) {
      return std::count_if(diagnostics.begin(), diagnostics.end(),
                           [s](const Diagnostic& d) { return d.severity == s; });
    };
    const auto plural = [](size_t n, std::string_view noun) {
      return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
    };
    std::cout << fmt::format("{}, {}, {}\n", plural(count(Severity::kError), "error"),
                             plural(count(Severity::kWarning), "warning"),
                             plural(count(Severity::kNote), "note"));
  } else {
    WriteDiagnostics(std::cout, format, !has_errors, diagnostics, report.max_errors);
  }
  return fails ? kExitFindings : kExitOk;
}

}  // namespace rolec::cli
