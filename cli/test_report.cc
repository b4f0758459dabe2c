// cli/test_report.cc — `rolec test`'s outcome as text, JSON, JUnit XML and GitHub workflow commands.
#include "cli/test_report.h"

#include <algorithm>
#include <map>

#include "cli/diagnostic_formats.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace rolec::cli {
namespace {

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

// The failure as the text report prints it: "file:l:c: expected deny, got allow" and the
// explanation, indented.
std::string FailureText(const ExpectationFailure& f) {
  if (f.actual == "error") {
    return fmt::format("{}: expected {}, but the request cannot be evaluated: {}\n",
                       SpanText(f.span), f.expected, f.explanation);
  }
  return fmt::format("{}: expected {}, got {}\n", SpanText(f.span), f.expected, f.actual) +
         Indent(f.explanation, "    ");
}

std::string FailureSummary(const ExpectationFailure& f) {
  return f.actual == "error" ? fmt::format("expected {}, but the request cannot be evaluated", f.expected)
                             : fmt::format("expected {}, got {}", f.expected, f.actual);
}

}  // namespace

bool IsTestFormat(std::string_view name) {
  return std::find(std::begin(kTestFormats), std::end(kTestFormats), name) != std::end(kTestFormats);
}

size_t TestReport::passed() const {
  return std::count_if(tests.begin(), tests.end(), [](const TestOutcome& t) { return t.passed(); });
}
size_t TestReport::failed() const { return tests.size() - passed(); }

std::string XmlEscape(std::string_view text) {
  std::string out;
  for (char c : EscapeControlChars(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string TestReportText(const TestReport& report) {
  std::string out;
  for (const TestOutcome& test : report.tests) {
    if (test.passed()) {
      out += "PASS " + EscapeControlChars(test.name) + "\n";
      continue;
    }
    std::string failures;
    for (const ExpectationFailure& f : test.failures) failures += FailureText(f);
    // The report quotes the request and the policy (names, ids, scopes): escaped as a whole.
    out += "FAIL " + EscapeControlChars(test.name) + "\n" + EscapeControlChars(Indent(failures, "  "));
  }
  out += fmt::format("{} passed, {} failed\n", report.passed(), report.failed());
  return out;
}

std::string TestReportJson(const TestReport& report) {
  nlohmann::ordered_json tests = nlohmann::ordered_json::array();
  for (const TestOutcome& test : report.tests) {
    nlohmann::ordered_json failures = nlohmann::ordered_json::array();
    for (const ExpectationFailure& f : test.failures) {
      failures.push_back({{"file", f.span.file},
                          {"line", f.span.line},
                          {"column", f.span.column},
                          {"expected", f.expected},
                          {"actual", f.actual},
                          {"explanation", EscapeControlChars(f.explanation)}});
    }
    tests.push_back({{"name", EscapeControlChars(test.name)},
                     {"file", test.span.file},
                     {"line", test.span.line},
                     {"passed", test.passed()},
                     {"expectations", test.expectations},
                     {"failures", std::move(failures)}});
  }
  nlohmann::ordered_json diagnostics = nlohmann::ordered_json::array();
  for (const Diagnostic& d : report.diagnostics) diagnostics.push_back(DiagnosticJson(d));
  nlohmann::ordered_json document{{"ok", report.compiled && report.failed() == 0},
                                  {"compiled", report.compiled},
                                  {"passed", report.passed()},
                                  {"failed", report.failed()},
                                  {"tests", std::move(tests)},
                                  {"diagnostics", std::move(diagnostics)}};
  return DumpJson(document, 2) + "\n";
}

std::string TestReportJunit(const TestReport& report) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (!report.compiled) {
    // No test ran: one suite with one erroring case, so a CI dashboard shows why.
    std::string text;
    for (const Diagnostic& d : report.diagnostics) text += FormatDiagnostic(d);
    out += "<testsuites name=\"rolec test\" tests=\"1\" failures=\"0\" errors=\"1\">\n";
    out += "  <testsuite name=\"compile\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n";
    out += fmt::format(
        "    <testcase name=\"compile\" classname=\"rolec\">\n"
        "      <error message=\"the sources did not compile; no test was run\" type=\"compile\">{}</error>\n"
        "    </testcase>\n",
        XmlEscape(text));
    out += "  </testsuite>\n</testsuites>\n";
    return out;
  }
  // One suite per file, in the order the files' first test appears.
  std::vector<std::string> files;
  std::map<std::string, std::vector<const TestOutcome*>> by_file;
  double total_seconds = 0;
  for (const TestOutcome& test : report.tests) {
    if (by_file.count(test.span.file) == 0) files.push_back(test.span.file);
    by_file[test.span.file].push_back(&test);
    total_seconds += test.seconds;
  }
  out += fmt::format("<testsuites name=\"rolec test\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{:.6f}\">\n",
                     report.tests.size(), report.failed(), total_seconds);
  for (const std::string& file : files) {
    const auto& tests = by_file[file];
    const size_t failures = std::count_if(tests.begin(), tests.end(),
                                          [](const TestOutcome* t) { return !t->passed(); });
    double seconds = 0;
    for (const TestOutcome* t : tests) seconds += t->seconds;
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" time=\"{:.6f}\">\n",
        XmlEscape(file), tests.size(), failures, seconds);
    for (const TestOutcome* t : tests) {
      const std::string head = fmt::format(
          "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\" assertions=\"{}\" time=\"{:.6f}\"",
          XmlEscape(t->name), XmlEscape(file), XmlEscape(file), t->span.line, t->expectations, t->seconds);
      if (t->passed()) {
        out += head + "/>\n";
        continue;
      }
      std::string body;
      for (const ExpectationFailure& f : t->failures) body += FailureText(f);
      const ExpectationFailure& first = t->failures.front();
      const std::string message =
          t->failures.size() == 1
              ? fmt::format("{}: {}", SpanText(first.span), FailureSummary(first))
              : fmt::format("{}: {} (and {} more)", SpanText(first.span), FailureSummary(first),
                            t->failures.size() - 1);
      out += head + ">\n";
      out += fmt::format("      <failure message=\"{}\" type=\"decision\">{}</failure>\n",
                         XmlEscape(message), XmlEscape(body));
      out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

std::string TestReportGithub(const TestReport& report) {
  if (!report.compiled) return GithubAnnotations(report.diagnostics);
  std::vector<Diagnostic> annotations;
  for (const TestOutcome& test : report.tests) {
    for (const ExpectationFailure& f : test.failures) {
      Diagnostic d;
      d.severity = Severity::kError;
      d.code = "test";
      d.span = f.span;
      d.message = fmt::format("test '{}': {}", test.name, FailureSummary(f));
      annotations.push_back(std::move(d));
    }
  }
  return GithubAnnotations(annotations);
}

}  // namespace rolec::cli
