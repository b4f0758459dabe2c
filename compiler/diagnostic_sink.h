// compiler/diagnostic_sink.h — collects the diagnostics of one compilation.
//
// Every stage reports into one sink so that all errors of all files come out of one run, in a
// stable order (sorted by file order, then line, then column). The sink knows every file's text so
// each diagnostic carries its source line for the caret display.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "rolec/diagnostic.hpp"

namespace rolec::compiler {

class DiagnosticSink {
 public:
  // Registers a file's text (must outlive the sink) and its position in the output order.
  void AddFile(const std::string& path, std::string_view text);

  void Error(std::string code, const SourceSpan& span, std::string message, std::string help = "");
  void Warning(std::string code, const SourceSpan& span, std::string message, std::string help = "");
  // A diagnostic produced elsewhere (the parser).
  void Add(Diagnostic diagnostic);

  bool has_errors() const { return errors_ > 0; }
  size_t error_count() const { return errors_; }
  // Sorted by file order, line, column; stable for equal positions. A note without a code stays
  // right after the diagnostic it followed.
  std::vector<Diagnostic> Take();

 private:
  void Report(Severity severity, std::string code, const SourceSpan& span, std::string message,
              std::string help);

  struct FileInfo {
    std::string_view text;
    size_t order = 0;
  };
  absl::flat_hash_map<std::string, FileInfo> files_;
  std::vector<Diagnostic> diagnostics_;
  size_t errors_ = 0;
};

}  // namespace rolec::compiler
