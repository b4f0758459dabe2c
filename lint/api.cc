// lint/api.cc — rolec::Lint and rolec::LintRules (include/rolec/lint.hpp).
#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "compiler/frontend.h"
#include "lint/config.h"
#include "lint/linter.h"
#include "lint/rules.h"
#include "rolec/lint.hpp"

namespace rolec {

std::vector<LintRuleInfo> LintRules() {
  std::vector<LintRuleInfo> out;
  for (const lint::Rule& rule : lint::AllRules()) {
    out.push_back({std::string(rule.id), std::string(rule.category), rule.default_severity,
                   std::string(rule.summary)});
  }
  return out;
}

absl::StatusOr<LintResult> Lint(const std::vector<SourceFile>& files, std::string_view config_json,
                                std::string_view config_path) {
  lint::Config config;
  if (!config_json.empty()) {
    absl::StatusOr<lint::Config> parsed = lint::ParseConfig(config_json, config_path);
    if (!parsed.ok()) return parsed.status();
    config = *std::move(parsed);
  }
  std::unique_ptr<compiler::Frontend> fe = compiler::RunFrontend(files, CompileOptions{});
  LintResult result;
  result.compiled = fe->complete && !fe->sink.has_errors();
  std::vector<Diagnostic> findings = lint::Lint(*fe, config);
  result.diagnostics = fe->sink.Take();
  if (result.compiled) {
    // The compiler's W0503 is the rule au-scopable-without-members here (lint/scopability_rules.h),
    // with its configured severity and its fix: reported once, by the rule.
    result.diagnostics.erase(std::remove_if(result.diagnostics.begin(), result.diagnostics.end(),
                                            [](const Diagnostic& d) { return d.code == "W0503"; }),
                             result.diagnostics.end());
  }
  result.diagnostics.insert(result.diagnostics.end(), std::make_move_iterator(findings.begin()),
                            std::make_move_iterator(findings.end()));
  absl::flat_hash_map<std::string, size_t> order;
  for (size_t i = 0; i < fe->sources.size(); ++i) order.try_emplace(fe->sources[i].path, i);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [&order](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(order[a.span.file], a.span.line, a.span.column) <
                            std::tie(order[b.span.file], b.span.line, b.span.column);
                   });
  return result;
}

}  // namespace rolec
