// tests/compiler/compiler_util.h — compile files of the repository and run their test blocks
// through both the optimized path (image + VM) and the reference evaluator.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/frontend.h"
#include "rolec/rolec.hpp"

namespace rolec::testing {

// Reads repository-relative paths into SourceFiles (path kept relative, as diagnostics show it).
std::vector<SourceFile> LoadSources(const std::vector<std::string>& relative_paths);
// Every file under a repository-relative directory with the given extension, sorted.
std::vector<std::string> ListFiles(const std::string& relative_dir, const std::string& extension);

struct Compiled {
  CompileResult result;
  std::shared_ptr<const Policy> policy;          // null if compilation or loading failed
  std::unique_ptr<compiler::Frontend> frontend;  // for the reference evaluator
};
Compiled CompileAll(const std::vector<SourceFile>& sources, bool with_stdlib);

std::string FormatAll(const std::vector<Diagnostic>& diagnostics);

}  // namespace rolec::testing
