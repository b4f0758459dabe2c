// compiler/stdlib_sources.h — the standard library's .role files, embedded in the binary at build
// time (stdlib/embed.cmake), so `import entra` needs no files on disk.
#pragma once

#include <vector>

namespace rolec::compiler {

struct EmbeddedSource {
  const char* path;  // "stdlib/entra/roles.role"
  const char* text;
};

// Every stdlib file, sorted by path.
const std::vector<EmbeddedSource>& StdlibSources();

}  // namespace rolec::compiler
