// rolec/compiler.hpp — compile .role sources to a policy image.
//
//   rolec::CompileResult result = rolec::Compile({{"contoso.role", text}});
//   for (const auto& d : result.diagnostics) std::cerr << rolec::FormatDiagnostic(d);
//   if (!result.ok()) return 1;
//   auto policy = rolec::Policy::Load(result.image);
//
// The pipeline is parse -> resolve (imports, names, extends) -> check -> lower -> emit. Every error
// of every file is reported in one run. The standard library (module `entra`) is built into the
// binary and is always compiled in unless CompileOptions::with_stdlib is false; `import entra` makes
// its names usable with the `entra.` prefix.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "rolec/diagnostic.hpp"
#include "rolec/export.h"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"

namespace rolec {

struct SourceFile {
  std::string path;  // as shown in diagnostics
  std::string text;
};

struct CompileOptions {
  bool with_stdlib = true;
  // Limits (docs/limits.md). Exceeding one is an error diagnostic, never a crash.
  size_t max_source_bytes = 16u << 20;   // per file
  size_t max_total_bytes = 64u << 20;    // all files
  size_t max_nesting_depth = 64;         // conditions and brackets
  // Roles after resolution. 2^18: enough for any tenant (Entra allows 5,000 custom roles) and it
  // keeps compile memory under about 1 GiB; a million roles took 2.2 GB.
  size_t max_roles = 1u << 18;
  // The image the loader accepts (runtime kMaxImageBytes, 256 MiB); checked from the table sizes
  // before the image is built, and on the built image.
  size_t max_image_bytes = size_t{256} << 20;
};

// One `allow`/`deny` line of a `test` block.
struct TestExpectation {
  Decision expected = Decision::kDeny;
  OwnedRequest request;  // principal_id is "principal"
  SourceSpan span;
};

struct TestCase {
  std::string name;
  SourceSpan span;
  std::vector<TestExpectation> expectations;
};

struct CompileResult {
  std::vector<Diagnostic> diagnostics;  // errors, warnings and notes, in source order per file
  std::string image;                    // the policy image; empty if there were errors
  std::vector<TestCase> tests;          // test blocks of the user's files (not the stdlib's)
  bool ok() const { return !HasErrors(diagnostics); }
};

ROLEC_API CompileResult Compile(const std::vector<SourceFile>& files,
                                const CompileOptions& options = {});

}  // namespace rolec
