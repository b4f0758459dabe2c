// cli/test.cc — `rolec test FILE...`: run the `test` blocks written in the language itself.
//
// Each expectation of a test block is bound against the compiled policy and explained; a test block
// passes iff all its expectations give the expected decision. A failing expectation prints where it
// was written, what was expected, what was decided, and the explanation, so the fix can start from
// the output alone.
#include <iostream>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "rolec/request.hpp"

namespace rolec::cli {
namespace {

std::string_view DecisionName(Decision decision) {
  return decision == Decision::kAllow ? "allow" : "deny";
}

std::string SpanText(const SourceSpan& span) {
  return fmt::format("{}:{}:{}", span.file, span.line, span.column);
}

std::string Indent(std::string_view text, std::string_view prefix) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out += prefix;
    out += text.substr(start, end - start);
    out += '\n';
    start = end + 1;
  }
  return out;
}

// Runs one expectation; returns "" if it holds, else the failure report.
std::string RunExpectation(const Policy& policy, const TestExpectation& expectation) {
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, expectation.request);
  if (!bound.ok()) {
    // The compiler checks role names in tests, so this is unusual; it is a failure all the same
    // (the request cannot be asked, whatever was expected).
    return fmt::format("{}: expected {}, but the request cannot be evaluated: {}\n",
                       SpanText(expectation.span), DecisionName(expectation.expected),
                       MessageOf(bound.status()));
  }
  Explanation explanation = policy.Explain(bound->request());
  if (explanation.decision == expectation.expected && explanation.errors.empty()) return "";
  std::string report =
      fmt::format("{}: expected {}, got {}\n", SpanText(expectation.span),
                  DecisionName(expectation.expected), DecisionName(explanation.decision));
  report += Indent(policy.FormatExplanation(bound->request(), explanation), "    ");
  return report;
}

}  // namespace

const CommandSpec& TestSpec() {
  static const CommandSpec kSpec = {
      "test",
      "Compile .role sources and run their test blocks.",
      {"rolec test FILE..."},
      "Prints 'PASS <name>' or 'FAIL <name>' per test block (a failing expectation shows its\n"
      "file:line:col, the expected and actual decision and the explanation), then\n"
      "'N passed, M failed'. Exits 1 if a test failed or the sources did not compile.",
      {MaxErrorsOption()},
      1,
      static_cast<size_t>(-1),
      "FILE",
  };
  return kSpec;
}

int RunTest(const ParsedArgs& args) {
  absl::StatusOr<std::vector<SourceFile>> sources = ReadSources(args.positionals(), "test");
  if (!sources.ok()) {
    PrintError(sources.status());
    return kExitError;
  }
  ReportOptions report;
  if (absl::Status status = ReadReportOptions(args, &report); !status.ok()) {
    PrintError(status);
    return kExitError;
  }
  CompileResult result = CompileAndReport(*sources, std::cerr, report);
  if (!result.ok()) {
    PrintError("the sources did not compile; no test was run");
    return kExitError;
  }
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(std::move(result.image));
  if (!policy.ok()) {
    PrintError(fmt::format("the compiled image does not load (a rolec bug): {}",
                           MessageOf(policy.status())));
    return kExitError;
  }

  size_t passed = 0;
  size_t failed = 0;
  for (const TestCase& test : result.tests) {
    std::string failures;
    for (const TestExpectation& expectation : test.expectations) {
      failures += RunExpectation(**policy, expectation);
    }
    if (failures.empty()) {
      ++passed;
      std::cout << "PASS " << EscapeControlChars(test.name) << "\n";
    } else {
      ++failed;
      // The report quotes the request and the policy (names, ids, scopes): escaped as a whole.
      std::cout << "FAIL " << EscapeControlChars(test.name) << "\n"
                << EscapeControlChars(Indent(failures, "  "));
    }
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  return failed == 0 ? kExitOk : kExitError;
}

}  // namespace rolec::cli
