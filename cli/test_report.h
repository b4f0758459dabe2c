// cli/test_report.h — the outcome of `rolec test` as values, and its formats: text (PASS/FAIL
// lines), json (one document), junit (JUnit XML, one <testcase> per test block, one <testsuite>
// per file) and github (one workflow command per failing expectation). docs/cli.md § rolec test.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rolec/diagnostic.hpp"

namespace rolec::cli {

inline constexpr std::string_view kTestFormats[] = {"text", "json", "junit", "github"};
bool IsTestFormat(std::string_view name);

struct ExpectationFailure {
  SourceSpan span;          // where the allow/deny line was written
  std::string expected;     // "allow" / "deny"
  std::string actual;       // "allow" / "deny", or "error" when the request cannot be evaluated
  std::string explanation;  // the decision's explanation (text), or why it cannot be evaluated
};

struct TestOutcome {
  std::string name;
  SourceSpan span;  // the `test` keyword
  size_t expectations = 0;
  double seconds = 0;  // wall time of its expectations
  std::vector<ExpectationFailure> failures;
  bool passed() const { return failures.empty(); }
};

// When the sources do not compile, no test runs: the report carries the diagnostics instead.
struct TestReport {
  bool compiled = true;
  std::vector<Diagnostic> diagnostics;  // only when !compiled: the errors that stopped it
  std::vector<TestOutcome> tests;
  size_t passed() const;
  size_t failed() const;
};

std::string TestReportText(const TestReport& report);
std::string TestReportJson(const TestReport& report);
std::string TestReportJunit(const TestReport& report);
std::string TestReportGithub(const TestReport& report);

// `text` with control and bidi characters escaped as everywhere (EscapeControlChars, io.h: what
// is left is tab and LF, which XML 1.0 holds) and the five XML special characters as entities.
std::string XmlEscape(std::string_view text);

}  // namespace rolec::cli
