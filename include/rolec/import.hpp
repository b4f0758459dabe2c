// rolec/import.hpp — Microsoft Graph role definitions (JSON) as .role source (docs/graph-json.md).
//
//   rolec::ImportResult imported = rolec::ImportGraphJson(json_text, "roles.json");
//   for (const auto& d : imported.diagnostics) std::cerr << rolec::FormatDiagnostic(d);
//   if (!imported.ok()) return 1;
//   rolec::CompileResult compiled = rolec::Compile({{"roles.json", imported.role_source}});
//   compiled.diagnostics = rolec::MapToJson(std::move(compiled.diagnostics), imported, json_text);
//
// The input is what `POST /roleManagement/directory/roleDefinitions` takes and what `GET` returns:
// one unifiedRoleDefinition object, a Graph list `{"value": [...]}`, or a bare array of them. The
// output is .role text laid out like stdlib/entra/roles/*.role, and a source map from every
// construct written (role, name, id, description, label, each action, each condition, each
// extends) back to the line:column of the JSON value it came from, so that a diagnostic of the
// compiler or of lint about the imported text can point at the JSON file instead. The mapping
// mirrors the stdlib generator's (stdlib/generator/graph_json.py; docs/stdlib.md).
//
// Problems in the JSON (invalid JSON, a wrong type, a missing displayName, an unknown condition or
// parent) are Diagnostics located in the JSON file, with codes I07xx (docs/diagnostics.md); an
// unknown field is a warning. No exception leaves this API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rolec/diagnostic.hpp"
#include "rolec/export.h"

namespace rolec {

struct ImportOptions {
  // Bytes of the JSON text (CompileOptions::max_source_bytes: the .role text it becomes is of
  // the same order) and nesting of its arrays and objects (CompileOptions::max_nesting_depth).
  size_t max_json_bytes = 16u << 20;
  size_t max_nesting_depth = 64;
};

// One construct of the written .role text and the JSON value it came from.
struct SourceMapEntry {
  // Where it is in role_source: 1-based line and byte column, its length on that line, and the
  // last line it covers (a role spans its whole block; a token, its own line).
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t length = 1;
  uint32_t last_line = 0;
  // The JSON value (or key) it came from: the JSON file, line, byte column, length on that line.
  SourceSpan json;
};

struct ImportResult {
  std::string role_source;                 // the .role text; empty if there are errors
  std::vector<Diagnostic> diagnostics;     // located in the JSON file, in file order
  std::vector<SourceMapEntry> source_map;  // sorted by (line, column)
  std::string json_path;                   // as given
  size_t roles = 0;                        // role definitions written
  bool ok() const { return !HasErrors(diagnostics); }
};

// Converts Graph JSON text to .role source. `json_path` names the file in diagnostics and in the
// header comment of the output.
ROLEC_API ImportResult ImportGraphJson(std::string_view json_text, std::string_view json_path,
                                       const ImportOptions& options = {});

// Rewrites every diagnostic located in `imported.json_path` (the path the imported text was
// compiled under) to the JSON value its construct came from: the line, column, caret length and
// echoed source line of `json_text`. A position no entry covers falls back to the role block that
// contains it, and then to the JSON file's first line. Other diagnostics are returned unchanged.
ROLEC_API std::vector<Diagnostic> MapToJson(std::vector<Diagnostic> diagnostics,
                                            const ImportResult& imported, std::string_view json_text);

// True if `path` ends in ".json" (ASCII case-insensitively) or `text` starts, after an optional
// byte order mark and whitespace, with '{' or '[' (which no .role file can).
ROLEC_API bool LooksLikeGraphJson(std::string_view path, std::string_view text);

}  // namespace rolec
