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
  // A note without a code belongs to the diagnostic before it (the parser's "this '{' is not
  // closed" points at another line than its error): it moves with that diagnostic.
  struct Group {
    size_t begin, end;  // [begin, end) in diagnostics_
  };
  std::vector<Group> groups;
  for (size_t i = 0; i < diagnostics_.size(); ++i) {
    const Diagnostic& d = diagnostics_[i];
    if (!groups.empty() && d.severity == Severity::kNote && d.code.empty()) {
      groups.back().end = i + 1;
    } else {
      groups.push_back({i, i + 1});
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [&](const Group& ga, const Group& gb) {
    const Diagnostic& a = diagnostics_[ga.begin];
    const Diagnostic& b = diagnostics_[gb.begin];
    size_t oa = order(a), ob = order(b);
    if (oa != ob) return oa < ob;
    if (a.span.line != b.span.line) return a.span.line < b.span.line;
    return a.span.column < b.span.column;
  });
  std::vector<Diagnostic> sorted;
  sorted.reserve(diagnostics_.size());
  for (const Group& group : groups) {
    for (size_t i = group.begin; i < group.end; ++i) sorted.push_back(std::move(diagnostics_[i]));
  }
  diagnostics_.clear();
  errors_ = 0;
  return sorted;
}

}  // namespace rolec::compiler
