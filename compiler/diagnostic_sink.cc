#include "compiler/diagnostic_sink.h"

#include <algorithm>
#include <utility>

#include "grammar/parser.h"

namespace rolec::compiler {

void DiagnosticSink::AddFile(const std::string& path, std::string_view text) {
  files_.emplace(path, FileInfo{text, files_.size()});
}

void DiagnosticSink::Error(std::string code, const SourceSpan& span, std::string message,
                           std::string help) {
  Report(Severity::kError, std::move(code), span, std::move(message), std::move(help));
}

void DiagnosticSink::Warning(std::string code, const SourceSpan& span, std::string message,
                             std::string help) {
  Report(Severity::kWarning, std::move(code), span, std::move(message), std::move(help));
}

void DiagnosticSink::Add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++errors_;
  diagnostics_.push_back(std::move(diagnostic));
}

void DiagnosticSink::Report(Severity severity, std::string code, const SourceSpan& span,
                            std::string message, std::string help) {
  Diagnostic d;
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  d.span = span;
  d.help = std::move(help);
  auto it = files_.find(span.file);
  if (it != files_.end() && span.line > 0) d.source_line = grammar::SourceLine(it->second.text, span.line);
  Add(std::move(d));
}

std::vector<Diagnostic> DiagnosticSink::Take() {
  auto order = [this](const Diagnostic& d) {
    auto it = files_.find(d.span.file);
    return it == files_.end() ? files_.size() : it->second.order;
  };
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     size_t oa = order(a), ob = order(b);
                     if (oa != ob) return oa < ob;
                     if (a.span.line != b.span.line) return a.span.line < b.span.line;
                     return a.span.column < b.span.column;
                   });
  errors_ = 0;
  return std::move(diagnostics_);
}

}  // namespace rolec::compiler
