// cli/import.cc — `rolec import graph FILE.json [-o OUT.role]`: Microsoft Graph role definitions
// (JSON) -> .role source, on stdout or into OUT (docs/graph-json.md).
#include "rolec/import.hpp"

#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"

namespace rolec::cli {

const CommandSpec& ImportSpec() {
  static const CommandSpec kSpec = {
      "import",
      "Convert Microsoft Graph role definitions (JSON) into .role source.",
      {"rolec import graph FILE.json [-o OUT.role]"},
      "Reads FILE.json: one unifiedRoleDefinition, a Graph list {\"value\": [...]} or an array of\n"
      "them (what GET and POST /roleManagement/directory/roleDefinitions return and take), and\n"
      "writes one .role role per definition, laid out like the standard library's, on stdout or\n"
      "into OUT.role (atomically). Problems are diagnostics located in the JSON (line:column);\n"
      "warnings (unknown fields) do not stop the import. docs/graph-json.md has the mapping.\n"
      "Exits 0 if the source was written, 1 on an error (nothing is written).",
      {
          {"output", 'o', "OUT", false, "Write the .role source to OUT instead of stdout."},
          MaxErrorsOption(),
      },
      2,
      2,
      "FORMAT FILE",
  };
  return kSpec;
}

int RunImport(const ParsedArgs& args) {
  const std::string& format = args.positionals()[0];
  const std::string& path = args.positionals()[1];
  if (format != "graph") {
    PrintError(fmt::format(
        "unknown import format '{}' (expected 'graph': rolec import graph FILE.json)", format));
    return kExitError;
  }
  ReportOptions report;
  if (absl::Status status = ReadReportOptions(args, &report); !status.ok()) {
    PrintError(status);
    return kExitError;
  }
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    PrintError(text.status());
    return kExitError;
  }
  ImportResult imported = ImportGraphJson(*text, path);
  PrintDiagnostics(imported.diagnostics, std::cerr, report.max_errors);
  if (!imported.ok()) {
    PrintError("import failed; nothing written");
    return kExitError;
  }
  if (args.Has("output")) {
    absl::Status written = WriteFileAtomically(args.Value("output"), imported.role_source);
    if (!written.ok()) {
      PrintError(written);
      return kExitError;
    }
    return kExitOk;
  }
  // The text is the file's content: written as it is when redirected; on a terminal, with any
  // bidi or C1 control a name carried shown escaped, as everything else rolec prints.
  std::cout << (isatty(STDOUT_FILENO) ? EscapeControlChars(imported.role_source)
                                      : imported.role_source);
  std::cout.flush();
  return std::cout ? kExitOk : kExitError;
}

}  // namespace rolec::cli
