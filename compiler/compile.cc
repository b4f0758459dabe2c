// compiler/compile.cc — rolec::Compile: parse -> resolve -> check -> lower/emit.
#include <utility>

#include "compiler/check.h"
#include "compiler/emit.h"
#include "compiler/frontend.h"
#include "compiler/names.h"
#include "compiler/stdlib_sources.h"
#include "fmt/format.h"
#include "grammar/parser.h"
#include "rolec/compiler.hpp"

namespace rolec::compiler {
namespace {

SourceSpan FileStart(const std::string& path) { return SourceSpan{path, 1, 1, 1}; }

}  // namespace

std::unique_ptr<Frontend> RunFrontend(const std::vector<SourceFile>& files, const CompileOptions& options) {
  auto fe = std::make_unique<Frontend>();
  // The stdlib comes first so that its roles and actions get the same ids whatever the user's files
  // are, and a user's redeclaration is the one reported as the duplicate.
  if (options.with_stdlib) {
    for (const EmbeddedSource& source : StdlibSources()) fe->sources.push_back({source.path, source.text});
  }
  const size_t stdlib_files = fe->sources.size();
  fe->sources.insert(fe->sources.end(), files.begin(), files.end());
  // Register every text first so diagnostics of any stage can show source lines.
  for (const SourceFile& source : fe->sources) fe->sink.AddFile(source.path, source.text);

  bool stop = false;
  size_t total = 0;
  for (size_t i = 0; i < fe->sources.size(); ++i) {
    const SourceFile& source = fe->sources[i];
    total += source.text.size();
    if (source.text.size() > options.max_source_bytes) {
      fe->sink.Error("E0601", FileStart(source.path),
                     fmt::format("file is too large: {} bytes (the limit is {})", source.text.size(),
                                 options.max_source_bytes));
      stop = true;
      continue;
    }
    grammar::ParseOptions parse_options;
    parse_options.max_nesting_depth = options.max_nesting_depth;
    grammar::ParseResult parsed = grammar::Parse(source.text, source.path, parse_options);
    for (Diagnostic& d : parsed.diagnostics) fe->sink.Add(std::move(d));
    if (!parsed.file) {
      stop = true;
      continue;
    }
    ParsedFile file;
    file.path = source.path;
    file.text = source.text;
    file.ast = std::move(parsed.file);
    file.from_stdlib = i < stdlib_files;
    fe->files.push_back(std::move(file));
  }
  if (total > options.max_total_bytes) {
    fe->sink.Error("E0601", FileStart(files.empty() ? fe->sources[0].path : files[0].path),
                   fmt::format("sources are too large together: {} bytes (the limit is {})", total,
                               options.max_total_bytes));
    stop = true;
  }
  if (stop) return fe;

  fe->symbols.emplace(SymbolTable::Build(fe->files, fe->sink));
  if (fe->symbols->roles().size() > options.max_roles) {
    fe->sink.Error("E0601", FileStart(files.empty() ? fe->files[0].path : files[0].path),
                   fmt::format("too many roles: {} (the limit is {})", fe->symbols->roles().size(),
                               options.max_roles));
    return fe;
  }
  CheckNames(fe->files, *fe->symbols, fe->sink);  // E0220, W0221: names that read like others
  fe->catalog.emplace(CatalogNames(*fe->symbols));
  fe->program = Check(fe->files, *fe->symbols, *fe->catalog, fe->sink);
  fe->complete = true;
  return fe;
}

}  // namespace rolec::compiler

namespace rolec {

CompileResult Compile(const std::vector<SourceFile>& files, const CompileOptions& options) {
  std::unique_ptr<compiler::Frontend> fe = compiler::RunFrontend(files, options);
  CompileResult result;
  if (fe->complete) {
    result.tests = std::move(fe->program.tests);
    if (!fe->sink.has_errors()) result.image = compiler::EmitImage(fe->program, fe->sink, options.max_image_bytes);
  }
  result.diagnostics = fe->sink.Take();
  if (!result.ok()) result.image.clear();
  return result;
}

}  // namespace rolec
