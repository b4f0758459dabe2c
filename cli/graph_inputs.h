// cli/graph_inputs.h — Microsoft Graph JSON among the files of `check`, `lint` and `--policy`.
//
// A file that rolec::LooksLikeGraphJson (a `.json` name, or text that starts with '{' or '[') is
// imported (include/rolec/import.hpp) and compiled as the .role text it becomes, under its own
// path; every diagnostic about that text is then moved to the JSON value it came from, and the
// import's own diagnostics (invalid JSON, unknown fields, ...) are put first among the file's. A
// file whose import failed is not compiled: its import errors are its diagnostics.
#pragma once

#include <string>
#include <vector>

#include "rolec/compiler.hpp"
#include "rolec/diagnostic.hpp"
#include "rolec/import.hpp"

namespace rolec::cli {

class GraphInputs {
 public:
  // Imports every Graph JSON source of `sources`; others are kept as they are.
  explicit GraphInputs(std::vector<SourceFile> sources);

  // What to compile: the .role sources and the imported text of each JSON file that imported.
  const std::vector<SourceFile>& sources() const { return sources_; }

  // The diagnostics of compiling sources() as the user should see them: located in the JSON
  // files, with each file's import diagnostics first among its own.
  std::vector<Diagnostic> Rewrite(std::vector<Diagnostic> diagnostics) const;

 private:
  struct Imported {
    std::string json_text;
    ImportResult result;
  };
  std::vector<SourceFile> sources_;
  std::vector<Imported> imported_;
};

}  // namespace rolec::cli
