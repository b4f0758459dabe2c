// cli/check.cc — `rolec check FILE... [--format text|json]`: diagnostics only, for editors and CI.
#include <algorithm>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/diagnostic_formats.h"
#include "cli/graph_inputs.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace rolec::cli {
namespace {

std::string Plural(size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

}  // namespace

const CommandSpec& CheckSpec() {
  static const CommandSpec kSpec = {
      "check",
      "Check .role sources (or Graph JSON) and report diagnostics, without writing an image.",
      {"rolec check FILE... [--format text|json|sarif|github] [--max-errors N]"},
      "All FILEs compile together with the Entra standard library; a .json FILE (Microsoft Graph\n"
      "role definitions) is imported first and its diagnostics point into the JSON. Text format: the\n"
      "diagnostics on stderr (file:line:col: error[E0201]: ..., as gcc and clang print them) and\n"
      "the summary line 'N errors, M warnings' on stdout. json: one object on stdout; sarif: a\n"
      "SARIF 2.1.0 log on stdout (GitHub code scanning); github: one workflow command per\n"
      "diagnostic on stdout (annotations in a GitHub Actions run).\n"
      "Exits 1 if there is any error (warnings alone exit 0).",
      {
          {"format", 0, "FORMAT", false, "Output format: text (default), json, sarif or github."},
          MaxErrorsOption(),
      },
      1,
      static_cast<size_t>(-1),
      "FILE",
  };
  return kSpec;
}

int RunCheck(const ParsedArgs& args) {
  const std::string format = args.Value("format", "text");
  if (!IsDiagnosticFormat(format)) {
    PrintError(fmt::format("unknown --format '{}' (expected text, json, sarif or github)", format));
    return kExitError;
  }
  absl::StatusOr<std::vector<SourceFile>> sources = ReadSources(args.positionals(), "check");
  if (!sources.ok()) {
    PrintError(sources.status());
    return kExitError;
  }
  ReportOptions report;
  if (absl::Status status = ReadReportOptions(args, &report); !status.ok()) {
    PrintError(status);
    return kExitError;
  }
  // A file that declares nothing is suspicious but not wrong: check only warns (W0222).
  report.empty_source = Severity::kWarning;
  // Graph JSON files are imported and checked as the .role text they become (cli/graph_inputs.h).
  const GraphInputs graph(*std::move(sources));
  report.rewrite = [&graph](std::vector<Diagnostic> d) { return graph.Rewrite(std::move(d)); };
  // In the machine formats the diagnostics are part of the document, not printed twice.
  std::ostringstream discarded;
  CompileResult result =
      CompileAndReport(graph.sources(), format == "text" ? std::cerr : discarded, report);
  const size_t errors =
      std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::kError; });
  const size_t warnings =
      std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::kWarning; });
  if (format == "text") {
    std::cout << Plural(errors, "error") << ", " << Plural(warnings, "warning") << "\n";
  } else {
    WriteDiagnostics(std::cout, format, result.ok(), result.diagnostics, report.max_errors);
  }
  return result.ok() ? kExitOk : kExitError;
}

}  // namespace rolec::cli
