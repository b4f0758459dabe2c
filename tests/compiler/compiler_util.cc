#include "compiler/compiler_util.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/golden.h"

namespace rolec::testing {

std::vector<SourceFile> LoadSources(const std::vector<std::string>& relative_paths) {
  std::vector<SourceFile> out;
  for (const std::string& path : relative_paths) {
    std::string text;
    if (!ReadFile(SourcePath(path), &text)) ADD_FAILURE() << "cannot read " << path;
    out.push_back({path, text});
  }
  return out;
}

std::vector<std::string> ListFiles(const std::string& relative_dir, const std::string& extension) {
  std::vector<std::string> out;
  std::filesystem::path dir = SourcePath(relative_dir);
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == extension) out.push_back(relative_dir + "/" + entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Compiled CompileAll(const std::vector<SourceFile>& sources, bool with_stdlib) {
  Compiled out;
  CompileOptions options;
  options.with_stdlib = with_stdlib;
  out.result = Compile(sources, options);
  out.frontend = compiler::RunFrontend(sources, options);
  if (out.result.ok()) {
    auto policy = Policy::Load(out.result.image);
    if (policy.ok()) out.policy = *policy;
    else ADD_FAILURE() << "image does not load: " << policy.status().ToString();
  }
  return out;
}

std::string FormatAll(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += FormatDiagnostic(d);
  return out;
}

}  // namespace rolec::testing
