// cli/diagnostic_formats.cc — diagnostics as rolec JSON, SARIF 2.1.0 and GitHub workflow commands.
#include "cli/diagnostic_formats.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "fmt/format.h"

namespace rolec::cli {
namespace {

// SARIF's result.level for a severity (§3.27.10: "error", "warning", "note").
std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

// The 1-based code-point column of the 1-based byte column `byte_column` of `line`. Bytes past the
// end of the line (a caret at the end of the file) count one code point each. A continuation byte
// is not the start of a code point.
uint32_t CodePointColumn(std::string_view line, uint32_t byte_column) {
  uint32_t column = 1;
  const size_t end = byte_column > 0 ? byte_column - 1 : 0;
  for (size_t i = 0; i < end; ++i) {
    if (i >= line.size()) {
      ++column;
      continue;
    }
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) != 0x80) ++column;
  }
  return column;
}

// GitHub's escaping of a workflow command's data (after '::') and of a property value.
std::string EscapeGithubData(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeGithubProperty(std::string_view text) {
  std::string out;
  for (char c : EscapeGithubData(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

// A path as a URI reference (RFC 3986): unreserved characters and '/' as they are, every other
// byte percent-encoded.
std::string EncodePath(std::string_view path) {
  std::string out;
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

// SARIF's artifactLocation for a diagnostic's file: an absolute path is a file:// URI; a relative
// one is relative to the directory rolec ran in, uriBaseId "%SRCROOT%" (§3.4.4).
nlohmann::ordered_json ArtifactLocation(std::string_view path) {
  if (!path.empty() && path.front() == '/') {
    return {{"uri", "file://" + EncodePath(path)}};
  }
  return {{"uri", EncodePath(path)}, {"uriBaseId", "%SRCROOT%"}};
}

}  // namespace

bool IsDiagnosticFormat(std::string_view name) {
  return std::find(std::begin(kDiagnosticFormats), std::end(kDiagnosticFormats), name) !=
         std::end(kDiagnosticFormats);
}

std::string_view DiagnosticPage(std::string_view code) {
  const bool compiler_code = code.size() == 5 && (code[0] == 'E' || code[0] == 'W') &&
                             std::all_of(code.begin() + 1, code.end(),
                                         [](char c) { return c >= '0' && c <= '9'; });
  return compiler_code ? "diagnostics.md" : "lint.md";
}

std::string DiagnosticAnchor(std::string_view code) {
  std::string anchor(code);
  std::transform(anchor.begin(), anchor.end(), anchor.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return anchor;
}

nlohmann::ordered_json DiagnosticJson(const Diagnostic& diagnostic) {
  return nlohmann::ordered_json{{"severity", SeverityName(diagnostic.severity)},
                                {"code", diagnostic.code},
                                {"message", EscapeControlChars(diagnostic.message)},
                                {"file", diagnostic.span.file},
                                {"line", diagnostic.span.line},
                                {"column", diagnostic.span.column},
                                {"length", diagnostic.span.length},
                                {"help", EscapeControlChars(diagnostic.help)}};
}

void WriteDiagnostics(std::ostream& out, std::string_view format, bool ok,
                      const std::vector<Diagnostic>& all, size_t max_errors) {
  // The machine formats list every diagnostic (no per-code cap: a program wants them all), up to
  // the Nth error with --max-errors N; JSON's "errors" and "warnings" count every one, "omitted"
  // says how many are not listed.
  std::vector<Diagnostic> listed;
  size_t errors_listed = 0;
  for (const Diagnostic& diagnostic : all) {
    if (max_errors > 0 && errors_listed >= max_errors) break;
    listed.push_back(diagnostic);
    if (diagnostic.severity == Severity::kError) ++errors_listed;
  }
  if (format == "sarif") {
    out << DumpJson(SarifLog(listed, kRolecVersion, ROLEC_DOCS_BASE_URI), 2) << "\n";
  } else if (format == "github") {
    out << GithubAnnotations(listed);
  } else {
    out << DumpJson(DiagnosticsDocument(ok, all, listed), 2) << "\n";
  }
}

nlohmann::ordered_json DiagnosticsDocument(bool ok, const std::vector<Diagnostic>& all,
                                           const std::vector<Diagnostic>& listed) {
  const auto count = [&all](Severity severity) {
    return std::count_if(all.begin(), all.end(),
                         [severity](const Diagnostic& d) { return d.severity == severity; });
  };
  nlohmann::ordered_json diagnostics = nlohmann::ordered_json::array();
  for (const Diagnostic& diagnostic : listed) diagnostics.push_back(DiagnosticJson(diagnostic));
  return nlohmann::ordered_json{{"ok", ok},
                                {"errors", count(Severity::kError)},
                                {"warnings", count(Severity::kWarning)},
                                {"diagnostics", std::move(diagnostics)},
                                {"omitted", all.size() - listed.size()}};
}

nlohmann::ordered_json SarifLog(const std::vector<Diagnostic>& diagnostics, std::string_view version,
                                std::string_view docs_base_uri) {
  // One reportingDescriptor per code, in order of first appearance; its default level is the
  // severity the code is reported with (a code has one severity, docs/diagnostics.md).
  std::map<std::string, size_t> rule_index;
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) {
    const std::string code = d.code.empty() ? std::string("rolec") : d.code;
    auto [it, inserted] = rule_index.try_emplace(code, rules.size());
    if (inserted) {
      const std::string help_uri =
          fmt::format("{}{}#{}", docs_base_uri, DiagnosticPage(code), DiagnosticAnchor(code));
      rules.push_back(nlohmann::ordered_json{
          {"id", code},
          {"helpUri", help_uri},
          {"help", {{"text", fmt::format("See docs/{}, {}.", DiagnosticPage(code), code)}}},
          {"defaultConfiguration", {{"level", SarifLevel(d.severity)}}}});
    }
    std::string message = EscapeControlChars(d.message);
    if (!d.help.empty()) message += "\nhelp: " + EscapeControlChars(d.help);
    nlohmann::ordered_json result{{"ruleId", code},
                                  {"ruleIndex", it->second},
                                  {"level", SarifLevel(d.severity)},
                                  {"message", {{"text", message}}}};
    if (!d.span.file.empty()) {
      nlohmann::ordered_json location{
          {"physicalLocation",
           {{"artifactLocation", ArtifactLocation(d.span.file)}}}};
      if (d.span.line > 0) {
        const uint32_t start = CodePointColumn(d.source_line, std::max<uint32_t>(d.span.column, 1));
        const uint32_t end = CodePointColumn(
            d.source_line, std::max<uint32_t>(d.span.column, 1) + std::max<uint32_t>(d.span.length, 1));
        nlohmann::ordered_json region{{"startLine", d.span.line}, {"startColumn", start},
                                      {"endColumn", std::max(end, start + 1)}};
        if (!d.source_line.empty()) {
          region["snippet"] = {{"text", EscapeControlChars(d.source_line)}};
        }
        location["physicalLocation"]["region"] = std::move(region);
      }
      result["locations"] = nlohmann::ordered_json::array({std::move(location)});
    }
    results.push_back(std::move(result));
  }
  nlohmann::ordered_json driver{{"name", "rolec"},
                                {"version", std::string(version)},
                                {"informationUri", fmt::format("{}cli.md", docs_base_uri)},
                                {"rules", std::move(rules)}};
  nlohmann::ordered_json run{{"tool", {{"driver", std::move(driver)}}},
                             {"columnKind", "unicodeCodePoints"},
                             {"results", std::move(results)}};
  return nlohmann::ordered_json{
      {"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", nlohmann::ordered_json::array({std::move(run)})}};
}

std::string GithubAnnotations(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    const std::string_view command = d.severity == Severity::kError     ? "error"
                                     : d.severity == Severity::kWarning ? "warning"
                                                                        : "notice";
    std::vector<std::string> properties;
    if (!d.span.file.empty()) properties.push_back("file=" + EscapeGithubProperty(d.span.file));
    if (d.span.line > 0) {
      properties.push_back(fmt::format("line={}", d.span.line));
      const uint32_t col = CodePointColumn(d.source_line, std::max<uint32_t>(d.span.column, 1));
      const uint32_t end = CodePointColumn(
          d.source_line, std::max<uint32_t>(d.span.column, 1) + std::max<uint32_t>(d.span.length, 1));
      // GitHub's endColumn is the last column of the annotation (inclusive), SARIF's the one after.
      properties.push_back(fmt::format("col={}", col));
      properties.push_back(fmt::format("endColumn={}", std::max(end, col + 1) - 1));
    }
    properties.push_back("title=" + EscapeGithubProperty(fmt::format("rolec {}", d.code)));
    std::string message = EscapeControlChars(d.message);
    if (!d.help.empty()) message += "\nhelp: " + EscapeControlChars(d.help);
    out += fmt::format("::{} {}::{}\n", command, fmt::join(properties, ","), EscapeGithubData(message));
  }
  return out;
}

}  // namespace rolec::cli
