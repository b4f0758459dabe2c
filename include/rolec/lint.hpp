// rolec/lint.hpp — lint rules for .role sources: what a CI job checks before a custom role is
// deployed (docs/lint.md).
//
//   absl::StatusOr<rolec::LintResult> result = rolec::Lint({{"contoso.role", text}});
//   for (const auto& d : result->diagnostics) std::cerr << rolec::FormatDiagnostic(d);
//
// The sources are compiled with the standard library; the compile's diagnostics come first in the
// same list, and the rules run only when it compiled (they reason about a valid program). A
// finding is a Diagnostic whose code is the rule id ("custom-unavailable-action").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rolec/compiler.hpp"
#include "rolec/diagnostic.hpp"
#include "rolec/export.h"

namespace rolec {

struct LintRuleInfo {
  std::string id;
  std::string category;
  Severity default_severity;
  std::string summary;
};

// Every rule, in the order docs/lint.md lists them.
ROLEC_API std::vector<LintRuleInfo> LintRules();

struct LintResult {
  bool compiled = false;
  // Compile diagnostics and findings, sorted by file (in the order given), line and column.
  std::vector<Diagnostic> diagnostics;
};

// `config_json` is a lint configuration ("" = every rule at its default), `config_path` names it
// in errors. A malformed configuration is an error (InvalidArgument), not a finding.
ROLEC_API absl::StatusOr<LintResult> Lint(const std::vector<SourceFile>& files,
                                          std::string_view config_json = "",
                                          std::string_view config_path = "");

}  // namespace rolec
