// tests/lint/lint_util.h — what the lint rule tests share: linting one source and keeping one
// rule's findings.
#pragma once

#include <string>
#include <vector>

#include "rolec/diagnostic.hpp"

namespace rolec::lint_test {

// Lints `text` as "t.role" (with the standard library) under `config_json` ("" = the defaults);
// fails the test if it does not compile. Every diagnostic, compile ones included.
std::vector<Diagnostic> LintAll(const std::string& text, const std::string& config_json = "");
// The findings of rule `rule` only.
std::vector<Diagnostic> Findings(const std::string& text, const std::string& rule,
                                 const std::string& config_json = "");
// Every diagnostic in the gcc shape, for failure messages.
std::string Dump(const std::vector<Diagnostic>& diagnostics);

}  // namespace rolec::lint_test
