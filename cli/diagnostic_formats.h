// cli/diagnostic_formats.h — a compile's diagnostics in the machine formats CI systems read:
// rolec's own JSON document, SARIF 2.1.0 (GitHub code scanning, Azure DevOps, VS Code's SARIF
// viewer) and GitHub Actions workflow commands (annotations on the pull request's diff).
//
// All three list every diagnostic they are given (no per-code cap: a program wants them all); the
// caller applies --max-errors. The text format (gcc/clang style with a caret) is
// rolec::FormatDiagnostic. docs/cli.md § rolec check describes each format.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "nlohmann/json.hpp"
#include "rolec/diagnostic.hpp"

namespace rolec::cli {

// The formats `--format` accepts, and whether `name` is one of them.
inline constexpr std::string_view kDiagnosticFormats[] = {"text", "json", "sarif", "github"};
bool IsDiagnosticFormat(std::string_view name);

// One diagnostic as an object of rolec's JSON document (docs/cli.md § rolec check).
nlohmann::ordered_json DiagnosticJson(const Diagnostic& diagnostic);

// The JSON document of `check` and `lint`: {"ok", "errors", "warnings", "diagnostics", "omitted"}.
// The counts are over `all`; the list is `listed` (all, or up to the Nth error with --max-errors).
nlohmann::ordered_json DiagnosticsDocument(bool ok, const std::vector<Diagnostic>& all,
                                           const std::vector<Diagnostic>& listed);

// Writes `all` to `out` in a machine format ("json", "sarif" or "github"), listing every diagnostic
// up to the Nth error with `max_errors` N (0: no limit); the JSON counts include every one.
void WriteDiagnostics(std::ostream& out, std::string_view format, bool ok,
                      const std::vector<Diagnostic>& all, size_t max_errors);

// A SARIF 2.1.0 log with one run: the tool (rolec, `version`, one reportingDescriptor per code
// present, with its help URI under `docs_base_uri`: DiagnosticPage#DiagnosticAnchor), and one result per diagnostic. Columns are
// counted in Unicode code points (run.columnKind "unicodeCodePoints"), converted from the byte
// columns rolec keeps, using the diagnostic's source line. A relative path is a URI relative to the
// working directory (uriBaseId "%SRCROOT%"), an absolute one a file:// URI.
nlohmann::ordered_json SarifLog(const std::vector<Diagnostic>& diagnostics, std::string_view version,
                                std::string_view docs_base_uri);

// One `::error file=…,line=…,col=…,endColumn=…,title=…::message` line per diagnostic (warnings
// `::warning`, notes `::notice`), with GitHub's escaping of properties and data.
std::string GithubAnnotations(const std::vector<Diagnostic>& diagnostics);

// The page of docs/ that documents a code: diagnostics.md for the compiler's codes (E0201), lint.md
// for lint rule ids (custom-unavailable-action).
std::string_view DiagnosticPage(std::string_view code);

// The code's anchor on that page (`<a id="e0201"></a>`): the code, lower-cased.
std::string DiagnosticAnchor(std::string_view code);

}  // namespace rolec::cli
