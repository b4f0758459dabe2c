// tests/fuzz/parse_compile_util.cc — CheckParseCompile: any bytes as a .role file.
//
// The input is compiled as one file, "fuzz.role", without the standard library unless the text
// says `import entra` (compiling the stdlib costs tens of milliseconds under the sanitizers, so it
// is paid only by inputs that can use it). A successful compile is then pushed through what a CI
// run would do with it: load, bind and decide its test expectations with Check and Explain; and,
// without the stdlib, compile again for determinism, ask the reference evaluator too, disassemble.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/frontend.h"
#include "reference/reference_evaluator.h"
#include "compiler/stdlib_sources.h"
#include "fmt/format.h"
#include "fuzz/fuzz_targets.h"
#include "rolec/rolec.hpp"

namespace rolec::fuzz {
namespace {

constexpr std::string_view kFuzzPath = "fuzz.role";

// Line starts and lengths of a text, counted as the parser counts them: lines end at '\n', and a
// '\r' just before the '\n' belongs to the line break, not to the line. A text ending in '\n' has
// one more (empty) line after it, where an "unexpected end of file" may point.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        starts_.push_back(start);
        start = i + 1;
      }
    }
    starts_.push_back(start);
  }
  size_t count() const { return starts_.size(); }
  // Length of 1-based line `line` without its line break.
  size_t Length(size_t line) const {
    const size_t start = starts_[line - 1];
    size_t end = line < starts_.size() ? starts_[line] - 1 : text_.size();
    if (end > start && line < starts_.size() && text_[end - 1] == '\r') --end;
    return end - start;
  }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

std::string Describe(const Diagnostic& d) {
  return fmt::format("{}:{}:{} (length {}) {}[{}]: {}", d.span.file, d.span.line, d.span.column,
                     d.span.length, SeverityName(d.severity), d.code, d.message);
}

// "" if the diagnostic is well-formed and its span lies inside its file.
std::string DiagnosticProblem(const Diagnostic& d,
                              const std::unordered_map<std::string, Lines>& files) {
  // (A note may have no code: it belongs to the diagnostic before it, like the parser's "this '{'
  // is not closed".)
  if (d.code.empty() && d.severity != Severity::kNote) return "diagnostic without a code: " + Describe(d);
  if (d.message.empty()) return "diagnostic without a message: " + Describe(d);
  if (d.message.find('\n') != std::string::npos) {
    return "diagnostic message spans several lines: " + Describe(d);
  }
  auto file = files.find(d.span.file);
  if (file == files.end()) return "diagnostic in a file that was not compiled: " + Describe(d);
  const Lines& lines = file->second;
  if (d.span.line < 1 || d.span.line > lines.count()) {
    return fmt::format("diagnostic line outside the file ({} lines): {}", lines.count(),
                       Describe(d));
  }
  const size_t length = lines.Length(d.span.line);
  if (d.span.column < 1 || d.span.column > length + 1) {
    return fmt::format("diagnostic column outside its line ({} bytes): {}", length, Describe(d));
  }
  if (d.span.length < 1) return "diagnostic span of length 0: " + Describe(d);
  const std::string formatted = FormatDiagnostic(d);
  const std::string head = fmt::format("{}:{}:{}: ", d.span.file, d.span.line, d.span.column);
  if (formatted.compare(0, head.size(), head) != 0 || formatted.back() != '\n') {
    return "FormatDiagnostic does not have the gcc shape: " + formatted;
  }
  return "";
}

// With the stdlib (`full` false) a compile costs tens of milliseconds, so only the cheap checks
// run; without it, also the determinism and reference-evaluator checks.
std::string CheckCompiled(const std::vector<SourceFile>& sources, const CompileOptions& options,
                          const CompileResult& result, bool full) {
  if (result.image.empty()) return "Compile succeeded without an image";
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(result.image);
  if (!policy.ok()) {
    return "the compiler's image does not load: " + std::string(policy.status().message());
  }
  std::unique_ptr<compiler::Frontend> frontend;
  std::unique_ptr<compiler::ReferenceEvaluator> reference;
  if (full) {
    const CompileResult again = Compile(sources, options);
    if (again.image != result.image) return "compiling the same source twice gave different images";
    frontend = compiler::RunFrontend(sources, options);
    if (!frontend->complete || frontend->sink.has_errors()) {
      return "RunFrontend fails on a source that Compile accepts";
    }
    reference = std::make_unique<compiler::ReferenceEvaluator>(frontend->program);
  }
  for (const TestCase& test : result.tests) {
    for (const TestExpectation& e : test.expectations) {
      const std::string where = fmt::format("test '{}' line {}", test.name, e.span.line);
      absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(**policy, e.request);
      if (!bound.ok()) {
        return fmt::format("{}: the compiled expectation does not bind: {}", where,
                           std::string(bound.status().message()));
      }
      const Decision fast = (*policy)->Check(bound->request());
      const Explanation explained = (*policy)->Explain(bound->request());
      if (explained.decision != fast) return where + ": Explain disagrees with Check";
      if (reference != nullptr && reference->Evaluate(e.request) != fast) {
        return where + ": the reference evaluator disagrees with Check";
      }
      if (!explained.errors.empty()) {
        return fmt::format("{}: a compiled expectation is an erroneous request: {}", where,
                           explained.errors[0]);
      }
    }
  }
  if (full) (void)Disassemble(**policy);
  return "";
}

}  // namespace

std::string CheckParseCompile(std::string_view input) {
  if (input.size() > kMaxFuzzInputBytes) return "";
  std::vector<SourceFile> sources = {{std::string(kFuzzPath), std::string(input)}};
  CompileOptions options;
  options.with_stdlib = input.find("import entra") != std::string_view::npos;
  // The default nesting limit; a smaller role limit so that the role limit's path is reachable.
  options.max_roles = options.with_stdlib ? options.max_roles : 64;

  const CompileResult result = Compile(sources, options);
  std::unordered_map<std::string, Lines> files;
  files.emplace(std::string(kFuzzPath), Lines(sources[0].text));
  if (options.with_stdlib) {
    for (const compiler::EmbeddedSource& s : compiler::StdlibSources()) {
      files.emplace(s.path, Lines(s.text));
    }
  }
  for (const Diagnostic& d : result.diagnostics) {
    std::string problem = DiagnosticProblem(d, files);
    if (!problem.empty()) return problem;
  }
  if (!result.ok()) {
    if (!result.image.empty()) return "a failed compile returned an image";
    return "";
  }
  return CheckCompiled(sources, options, result, /*full=*/!options.with_stdlib);
}

}  // namespace rolec::fuzz
