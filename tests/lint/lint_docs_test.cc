// tests/lint/lint_docs_test.cc — the examples of docs/lint.md are the lint rules' tests: under each
// rule's heading, every ```role fail block must give at least one finding of that rule and every
// ```role pass block none (and no compile error); every rule must have a section with both.
#include <algorithm>
#include <fstream>
#include <optional>
#include <map>
#include <regex>
#include <sstream>

#include "gtest/gtest.h"
#include "rolec/lint.hpp"

namespace rolec {
namespace {

struct Example {
  std::string rule;
  bool fails = false;
  std::string text;
  int line = 0;  // in docs/lint.md
};

std::vector<Example> ReadExamples() {
  std::ifstream in(std::string(ROLEC_SOURCE_DIR) + "/docs/lint.md");
  std::vector<Example> out;
  std::string line, rule;
  const std::regex heading(R"re(^### <a id="([a-z-]+)"></a>)re");
  int number = 0;
  std::optional<Example> open;
  while (std::getline(in, line)) {
    ++number;
    std::smatch m;
    if (std::regex_search(line, m, heading)) rule = m[1];
    if (open) {
      if (line == "```") {
        out.push_back(*open);
        open.reset();
      } else {
        open->text += line + "\n";
      }
    } else if (line == "```role fail" || line == "```role pass") {
      open = Example{rule, line == "```role fail", "", number};
    }
  }
  return out;
}

size_t FindingsOf(const std::vector<Diagnostic>& diagnostics, const std::string& rule) {
  return std::count_if(diagnostics.begin(), diagnostics.end(),
                       [&rule](const Diagnostic& d) { return d.code == rule; });
}

std::string Dump(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += FormatDiagnostic(d);
  return out;
}

TEST(LintDocs, EveryRuleHasAFailingAndAPassingExample) {
  std::map<std::string, std::pair<int, int>> counts;
  for (const Example& e : ReadExamples()) (e.fails ? counts[e.rule].first : counts[e.rule].second)++;
  for (const LintRuleInfo& rule : LintRules()) {
    EXPECT_GE(counts[rule.id].first, 1) << rule.id << " has no failing example in docs/lint.md";
    EXPECT_GE(counts[rule.id].second, 1) << rule.id << " has no passing example in docs/lint.md";
  }
  EXPECT_EQ(counts.size(), LintRules().size()) << "docs/lint.md has a section for an unknown rule";
}

TEST(LintDocs, ExamplesGiveTheirFindings) {
  const std::vector<Example> examples = ReadExamples();
  ASSERT_GE(examples.size(), 2 * LintRules().size());
  for (const Example& e : examples) {
    absl::StatusOr<LintResult> result = Lint({{"example.role", e.text}});
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_TRUE(result->compiled) << "docs/lint.md:" << e.line << " does not compile:\n"
                                  << Dump(result->diagnostics);
    const size_t findings = FindingsOf(result->diagnostics, e.rule);
    if (e.fails) {
      EXPECT_GE(findings, 1u) << "docs/lint.md:" << e.line << ": no " << e.rule << " finding:\n"
                              << Dump(result->diagnostics);
    } else {
      EXPECT_EQ(findings, 0u) << "docs/lint.md:" << e.line << ": " << e.rule << " found:\n"
                              << Dump(result->diagnostics);
    }
  }
}

}  // namespace
}  // namespace rolec
