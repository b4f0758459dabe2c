// cli/compile.cc — `rolec compile FILE... -o IMAGE [--dump-ast]`: sources -> policy image.
#include <iostream>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/graph_inputs.h"
#include "cli/io.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "rolec/source.hpp"

namespace rolec::cli {

const CommandSpec& CompileSpec() {
  static const CommandSpec kSpec = {
      "compile",
      "Compile .role sources (with the standard library) into a policy image.",
      {"rolec compile FILE... -o IMAGE [--dump-ast]", "rolec compile FILE... --dump-ast"},
      "All FILEs compile together with the Entra standard library (a .json FILE is imported from\n"
      "Microsoft Graph role definitions first); diagnostics go to stderr.\n"
      "The image is written only if there is no error, atomically (a failed compile never leaves\n"
      "a partial image behind). With no FILE, the image holds the standard library alone.",
      {
          {"output", 'o', "IMAGE", false, "Write the policy image to IMAGE."},
          {"dump-ast", 0, "", false,
           "Print the syntax tree of each FILE on stdout (the stable format of the AST golden "
           "tests)."},
          MaxErrorsOption(),
      },
      0,
      static_cast<size_t>(-1),
      "FILE",
  };
  return kSpec;
}

int RunCompile(const ParsedArgs& args) {
  const bool dump_ast = args.Has("dump-ast");
  if (!args.Has("output") && !dump_ast) {
    PrintError("'rolec compile' needs -o IMAGE (or --dump-ast)");
    return kExitError;
  }
  absl::StatusOr<std::vector<SourceFile>> sources = ReadSources(args.positionals(), "compile");
  if (!sources.ok()) {
    PrintError(sources.status());
    return kExitError;
  }
  // Graph JSON files are imported and compiled as the .role text they become (cli/graph_inputs.h).
  const GraphInputs graph(*std::move(sources));
  if (dump_ast) {
    for (const SourceFile& source : graph.sources()) {
      // Syntax errors are reported once, by the compile below.
      if (std::optional<std::string> ast = DumpAst(source.text, source.path)) {
        std::cout << EscapeControlChars(*ast);
      }
    }
    std::cout.flush();
  }
  ReportOptions report;
  if (absl::Status status = ReadReportOptions(args, &report); !status.ok()) {
    PrintError(status);
    return kExitError;
  }
  report.rewrite = [&graph](std::vector<Diagnostic> d) { return graph.Rewrite(std::move(d)); };
  CompileResult result = CompileAndReport(graph.sources(), std::cerr, report);
  if (!result.ok()) {
    PrintError("compilation failed; no image written");
    return kExitError;
  }
  if (args.Has("output")) {
    const std::string output = args.Value("output");
    absl::Status written = WriteFileAtomically(output, result.image);
    if (!written.ok()) {
      PrintError(written);
      return kExitError;
    }
  }
  return kExitOk;
}

}  // namespace rolec::cli
