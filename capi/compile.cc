// capi/compile.cc — rolec_compile and rolec_policy_compile: .role sources to an image (and a
// loaded policy), with the diagnostics as the text `rolec check` prints.
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "capi/handles.h"
#include "fmt/format.h"
#include "rolec/compiler.hpp"

namespace rolec::capi {
namespace {

// Compiles into `result`. Validates every source first: a bad one is an error before any work.
rolec_status CompileSources(const rolec_source* sources, size_t count, uint32_t flags,
                            CompileResult* result, char** diagnostics) {
  if (diagnostics != nullptr) *diagnostics = nullptr;
  if (sources == nullptr && count != 0) {
    return Fail(ROLEC_ERR_INVALID_ARGUMENT, "sources is NULL with a count");
  }
  if (count == 0) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "no sources to compile");
  if ((flags & ~ROLEC_COMPILE_NO_STDLIB) != 0) {
    return Fail(ROLEC_ERR_INVALID_ARGUMENT, fmt::format("unknown compile flags {:#x}", flags));
  }
  std::vector<SourceFile> files;
  files.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    if (sources[i].path == nullptr) {
      return Fail(ROLEC_ERR_INVALID_ARGUMENT, fmt::format("sources[{}].path is NULL", i));
    }
    std::string_view text;
    const std::string what = fmt::format("sources[{}].text", i);
    if (!ReadView(sources[i].text, sources[i].length, what.c_str(), &text)) {
      return ROLEC_ERR_INVALID_ARGUMENT;
    }
    files.push_back({sources[i].path, std::string(text)});
  }
  CompileOptions options;
  options.with_stdlib = (flags & ROLEC_COMPILE_NO_STDLIB) == 0;
  *result = Compile(files, options);

  size_t errors = 0;
  const Diagnostic* first_error = nullptr;
  std::string text;
  for (const Diagnostic& diagnostic : result->diagnostics) {
    text += FormatDiagnostic(diagnostic);
    if (diagnostic.severity == Severity::kError && errors++ == 0) first_error = &diagnostic;
  }
  if (diagnostics != nullptr) {
    *diagnostics = CopyOut(text);
    if (*diagnostics == nullptr) return Fail(ROLEC_ERR_OUT_OF_MEMORY, "out of memory");
  }
  if (!result->ok()) {
    const SourceSpan& span = first_error->span;
    return Fail(ROLEC_ERR_COMPILE,
                fmt::format("{} error{} in the sources; the first: {}:{}:{}: {}", errors,
                            errors == 1 ? "" : "s", span.file, span.line, span.column,
                            first_error->message));
  }
  return ROLEC_OK;
}

}  // namespace

}  // namespace rolec::capi

using rolec::capi::Fail;
using rolec::capi::Fence;

extern "C" {

rolec_status rolec_compile(const rolec_source* sources, size_t count, uint32_t flags, char** image,
                           size_t* image_length, char** diagnostics) {
  if (diagnostics != nullptr) *diagnostics = nullptr;
  if (image == nullptr || image_length == nullptr) {
    return Fail(ROLEC_ERR_INVALID_ARGUMENT, "image or image_length is NULL");
  }
  *image = nullptr;
  *image_length = 0;
  return Fence([&] {
    rolec::CompileResult result;
    rolec_status status = rolec::capi::CompileSources(sources, count, flags, &result, diagnostics);
    if (status != ROLEC_OK) return status;
    char* bytes = static_cast<char*>(std::malloc(result.image.size() + 1));
    if (bytes == nullptr) return Fail(ROLEC_ERR_OUT_OF_MEMORY, "out of memory");
    std::memcpy(bytes, result.image.data(), result.image.size());
    bytes[result.image.size()] = '\0';
    *image = bytes;
    *image_length = result.image.size();
    return ROLEC_OK;
  });
}

rolec_status rolec_policy_compile(const rolec_source* sources, size_t count, uint32_t flags,
                                  rolec_policy** policy, char** diagnostics) {
  if (diagnostics != nullptr) *diagnostics = nullptr;
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  *policy = nullptr;
  return Fence([&] {
    rolec::CompileResult result;
    rolec_status status = rolec::capi::CompileSources(sources, count, flags, &result, diagnostics);
    if (status != ROLEC_OK) return status;
    return rolec::capi::LoadImage(std::move(result.image), policy);
  });
}

}  // extern "C"
