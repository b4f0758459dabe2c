// tests/analysis/analysis_util.cc — see analysis_util.h.
#include "analysis/analysis_util.h"

#include <cstdio>
#include <cstdlib>

#include "rolec/compiler.hpp"

namespace rolec::analysis_test {

const Policy& Stdlib() {
  static const std::shared_ptr<const Policy> policy = [] {
    std::string error;
    std::shared_ptr<const Policy> p = CompileWithStdlib("", &error);
    if (p == nullptr) {
      std::fprintf(stderr, "the standard library does not compile: %s\n", error.c_str());
      std::abort();
    }
    return p;
  }();
  return *policy;
}

std::shared_ptr<const Policy> CompileWithStdlib(const std::string& source, std::string* error) {
  std::vector<SourceFile> files;
  if (!source.empty()) files.push_back(SourceFile{"test.role", source});
  CompileResult result = Compile(files);
  if (!result.ok()) {
    *error = "compile failed";
    for (const Diagnostic& d : result.diagnostics) {
      if (d.severity == Severity::kError) *error += "; " + d.message;
    }
    return nullptr;
  }
  absl::StatusOr<std::shared_ptr<const Policy>> loaded = Policy::Load(std::move(result.image));
  if (!loaded.ok()) {
    *error = std::string(loaded.status().message());
    return nullptr;
  }
  return *loaded;
}

}  // namespace rolec::analysis_test
