// tests/fuzz/import_graph_util.cc — CheckImportGraph: any bytes as Microsoft Graph JSON.
//
// The importer (include/rolec/import.hpp) must terminate on anything, report well-formed
// diagnostics located inside the JSON, and, when it succeeds, write .role text that parses without
// a syntax error into exactly the roles it counted (so no JSON string can break out of the literal
// or token it is written as), with a source map inside both texts; diagnostics of compiling that
// text (without the stdlib: cheap, and full of unknown actions to map) must land inside the JSON.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fmt/format.h"
#include "fuzz/fuzz_targets.h"
#include "grammar/parser.h"
#include "rolec/compiler.hpp"
#include "rolec/import.hpp"

namespace rolec::fuzz {
namespace {

constexpr std::string_view kJsonPath = "fuzz.json";

// Lengths of a text's lines, as the importer counts them ('\n' ends a line; a '\r' before it is
// not part of the line).
std::vector<size_t> LineLengths(std::string_view text) {
  std::vector<size_t> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      size_t end = i;
      if (i < text.size() && end > start && text[end - 1] == '\r') --end;
      out.push_back(end - start);
      start = i + 1;
    }
  }
  return out;
}

std::string Describe(const Diagnostic& d) {
  return fmt::format("{}:{}:{} (length {}) {}[{}]: {}", d.span.file, d.span.line, d.span.column,
                     d.span.length, SeverityName(d.severity), d.code, d.message);
}

// "" if `d` is located inside the JSON text (and, with `shape`, well-formed: a code and a one-line
// message). The compiler's messages are fuzz_parse_compile's business: some quote a role name as
// written, and a name may hold a line feed (`\n`, already the error E0220), so for them only the
// location is checked here.
std::string JsonDiagnosticProblem(const Diagnostic& d, const std::vector<size_t>& lines,
                                  bool shape = true) {
  if (shape && d.code.empty() && d.severity != Severity::kNote)
    return "diagnostic without a code: " + Describe(d);
  if (shape && (d.message.empty() || d.message.find('\n') != std::string::npos)) {
    return "diagnostic message empty or of several lines: " + Describe(d);
  }
  if (d.span.file != kJsonPath) return "diagnostic not located in the JSON: " + Describe(d);
  if (d.span.line < 1 || d.span.line > lines.size()) {
    return fmt::format("diagnostic line outside the JSON ({} lines): {}", lines.size(),
                       Describe(d));
  }
  const size_t length = lines[d.span.line - 1];
  if (d.span.column < 1 || d.span.column > length + 1) {
    return fmt::format("diagnostic column outside its line ({} bytes): {}", length, Describe(d));
  }
  if (d.span.length < 1) return "diagnostic span of length 0: " + Describe(d);
  if (d.source_line.size() != length)
    return "diagnostic source_line is not its JSON line: " + Describe(d);
  return "";
}

}  // namespace

std::string CheckImportGraph(std::string_view input) {
  if (input.size() > kMaxFuzzInputBytes) return "";
  const ImportResult result = ImportGraphJson(input, kJsonPath);
  const std::vector<size_t> json_lines = LineLengths(input);
  for (const Diagnostic& d : result.diagnostics) {
    std::string problem = JsonDiagnosticProblem(d, json_lines);
    if (!problem.empty()) return "import: " + problem;
    if (d.code.rfind("E07", 0) != 0 && d.code.rfind("W07", 0) != 0) {
      return "import diagnostic outside the E07xx/W07xx range: " + Describe(d);
    }
  }
  if (!result.ok()) {
    if (!result.role_source.empty() || !result.source_map.empty())
      return "a failed import wrote text";
    return "";
  }
  if (result.role_source.empty()) return "a successful import wrote nothing";
  const ImportResult again = ImportGraphJson(input, kJsonPath);
  if (again.role_source != result.role_source) return "the import is not deterministic";

  // The text parses, into exactly the roles counted.
  grammar::ParseResult parsed = grammar::Parse(result.role_source, kJsonPath);
  if (parsed.file == nullptr) {
    std::string first = parsed.diagnostics.empty() ? "" : Describe(parsed.diagnostics.front());
    return "the imported text has a syntax error: " + first + "\n--- text:\n" + result.role_source;
  }
  size_t roles = 0;
  for (const grammar::Item& item : parsed.file->items)
    roles += std::holds_alternative<grammar::RoleDecl>(item);
  if (roles != result.roles) {
    return fmt::format("the imported text declares {} roles, the import counted {}", roles,
                       result.roles);
  }
  const std::vector<size_t> role_lines = LineLengths(result.role_source);
  for (const SourceMapEntry& entry : result.source_map) {
    if (entry.line < 1 || entry.line > role_lines.size() || entry.last_line < entry.line ||
        entry.last_line > role_lines.size() ||
        (entry.last_line == entry.line &&
         entry.column + entry.length - 1 > role_lines[entry.line - 1])) {
      return fmt::format("source map entry {}:{} (length {}) outside the .role text", entry.line,
                         entry.column, entry.length);
    }
    Diagnostic probe;
    probe.code = "probe";
    probe.message = "probe";
    probe.span = entry.json;
    probe.source_line = std::string(entry.json.line >= 1 && entry.json.line <= json_lines.size()
                                        ? std::string(json_lines[entry.json.line - 1], 'x')
                                        : std::string());
    std::string problem = JsonDiagnosticProblem(probe, json_lines);
    if (!problem.empty()) return "source map: " + problem;
  }

  // Compiler diagnostics about the text all land inside the JSON.
  CompileOptions options;
  options.with_stdlib = false;
  CompileResult compiled = Compile({{std::string(kJsonPath), result.role_source}}, options);
  for (const Diagnostic& d : MapToJson(compiled.diagnostics, result, input)) {
    std::string problem = JsonDiagnosticProblem(d, json_lines, /*shape=*/false);
    if (!problem.empty()) return "compile, mapped: " + problem;
  }
  return "";
}

}  // namespace rolec::fuzz
