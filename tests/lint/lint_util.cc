// tests/lint/lint_util.cc — see lint_util.h.
#include "lint/lint_util.h"

#include "gtest/gtest.h"
#include "rolec/lint.hpp"

namespace rolec::lint_test {

std::vector<Diagnostic> LintAll(const std::string& text, const std::string& config_json) {
  absl::StatusOr<LintResult> result = Lint({{"t.role", text}}, config_json, "config.json");
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return {};
  EXPECT_TRUE(result->compiled) << Dump(result->diagnostics);
  return result->diagnostics;
}

std::vector<Diagnostic> Findings(const std::string& text, const std::string& rule,
                                 const std::string& config_json) {
  std::vector<Diagnostic> out;
  for (Diagnostic& d : LintAll(text, config_json)) {
    if (d.code == rule) out.push_back(std::move(d));
  }
  return out;
}

std::string Dump(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += FormatDiagnostic(d);
  return out;
}

}  // namespace rolec::lint_test
