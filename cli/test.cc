// cli/test.cc — `rolec test FILE...`: run the `test` blocks written in the language itself.
//
// Each expectation of a test block is bound against the compiled policy and explained; a test block
// passes iff all its expectations give the expected decision. A failing expectation prints where it
// was written, what was expected, what was decided, and the explanation, so the fix can start from
// the output alone.
#include <chrono>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/policy_loading.h"
#include "cli/test_report.h"
#include "fmt/format.h"
#include "rolec/request.hpp"

namespace rolec::cli {
namespace {

std::string_view DecisionName(Decision decision) {
  return decision == Decision::kAllow ? "allow" : "deny";
}

// Runs one expectation; nullopt if it holds, else what failed.
std::optional<ExpectationFailure> RunExpectation(const Policy& policy,
                                                 const TestExpectation& expectation) {
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, expectation.request);
  if (!bound.ok()) {
    // The compiler checks role names in tests, so this is unusual; it is a failure all the same
    // (the request cannot be asked, whatever was expected).
    return ExpectationFailure{expectation.span, std::string(DecisionName(expectation.expected)),
                              "error", MessageOf(bound.status())};
  }
  Explanation explanation = policy.Explain(bound->request());
  if (explanation.decision == expectation.expected && explanation.errors.empty()) {
    return std::nullopt;
  }
  return ExpectationFailure{expectation.span, std::string(DecisionName(expectation.expected)),
                            std::string(DecisionName(explanation.decision)),
                            policy.FormatExplanation(bound->request(), explanation)};
}

void PrintReport(const TestReport& report, std::string_view format) {
  if (format == "json") {
    std::cout << TestReportJson(report);
  } else if (format == "junit") {
    std::cout << TestReportJunit(report);
  } else if (format == "github") {
    std::cout << TestReportGithub(report);
  } else {
    std::cout << TestReportText(report);
  }
}

}  // namespace

const CommandSpec& TestSpec() {
  static const CommandSpec kSpec = {
      "test",
      "Compile .role sources and run their test blocks.",
      {"rolec test FILE... [--format text|json|junit|github] [--max-errors N]"},
      "Prints 'PASS <name>' or 'FAIL <name>' per test block (a failing expectation shows its\n"
      "file:line:col, the expected and actual decision and the explanation), then\n"
      "'N passed, M failed'. json: one document; junit: JUnit XML, one testcase per test block;\n"
      "github: one workflow command per failing expectation. Exits 1 if a test failed or the\n"
      "sources did not compile.",
      {
          {"format", 0, "FORMAT", false, "Output format: text (default), json, junit or github."},
          MaxErrorsOption(),
      },
      1,
      static_cast<size_t>(-1),
      "FILE",
  };
  return kSpec;
}

int RunTest(const ParsedArgs& args) {
  const std::string format = args.Value("format", "text");
  if (!IsTestFormat(format)) {
    PrintError(fmt::format("unknown --format '{}' (expected text, json, junit or github)", format));
    return kExitError;
  }
  absl::StatusOr<std::vector<SourceFile>> sources = ReadSources(args.positionals(), "test");
  if (!sources.ok()) {
    PrintError(sources.status());
    return kExitError;
  }
  ReportOptions options;
  if (absl::Status status = ReadReportOptions(args, &options); !status.ok()) {
    PrintError(status);
    return kExitError;
  }
  // The diagnostics go to stderr in every format (a report on stdout stays one document); the
  // machine formats also carry the errors that stopped the run.
  CompileResult result = CompileAndReport(*sources, std::cerr, options);
  TestReport report;
  if (!result.ok()) {
    report.compiled = false;
    for (const Diagnostic& d : result.diagnostics) {
      if (d.severity == Severity::kError) report.diagnostics.push_back(d);
    }
    if (format != "text") PrintReport(report, format);
    PrintError("the sources did not compile; no test was run");
    return kExitError;
  }
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(std::move(result.image));
  if (!policy.ok()) {
    PrintError(fmt::format("the compiled image does not load (a rolec bug): {}",
                           MessageOf(policy.status())));
    return kExitError;
  }

  for (const TestCase& test : result.tests) {
    TestOutcome outcome;
    outcome.name = test.name;
    outcome.span = test.span;
    outcome.expectations = test.expectations.size();
    const auto start = std::chrono::steady_clock::now();
    for (const TestExpectation& expectation : test.expectations) {
      if (std::optional<ExpectationFailure> failure = RunExpectation(**policy, expectation)) {
        outcome.failures.push_back(std::move(*failure));
      }
    }
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report.tests.push_back(std::move(outcome));
  }
  PrintReport(report, format);
  return report.failed() == 0 ? kExitOk : kExitError;
}

}  // namespace rolec::cli
