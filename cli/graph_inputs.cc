// cli/graph_inputs.cc — Graph JSON files compiled through the importer (graph_inputs.h).
#include "cli/graph_inputs.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace rolec::cli {
namespace {

// The diagnostics of one JSON file in the order of the JSON (the import's own and the compiler's
// interleaved), each attached note (severity note, no code) kept behind the diagnostic it follows.
// Only the slots the file's diagnostics occupy are rewritten.
void SortByJsonPosition(const std::string& path, std::vector<Diagnostic>* diagnostics) {
  std::vector<size_t> slots;
  std::vector<std::vector<Diagnostic>> groups;
  for (size_t i = 0; i < diagnostics->size(); ++i) {
    Diagnostic& d = (*diagnostics)[i];
    if (d.span.file != path) continue;
    slots.push_back(i);
    const bool attached = d.severity == Severity::kNote && d.code.empty() && !groups.empty();
    if (!attached) groups.emplace_back();
    groups.back().push_back(std::move(d));
  }
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    const SourceSpan& x = a.front().span;
    const SourceSpan& y = b.front().span;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  size_t next = 0;
  for (std::vector<Diagnostic>& group : groups) {
    for (Diagnostic& d : group) (*diagnostics)[slots[next++]] = std::move(d);
  }
}

}  // namespace

GraphInputs::GraphInputs(std::vector<SourceFile> sources) {
  for (SourceFile& source : sources) {
    if (!LooksLikeGraphJson(source.path, source.text)) {
      sources_.push_back(std::move(source));
      continue;
    }
    Imported imported;
    imported.result = ImportGraphJson(source.text, source.path);
    imported.json_text = std::move(source.text);
    if (imported.result.ok())
      sources_.push_back(SourceFile{source.path, imported.result.role_source});
    imported_.push_back(std::move(imported));
  }
}

std::vector<Diagnostic> GraphInputs::Rewrite(std::vector<Diagnostic> diagnostics) const {
  for (const Imported& imported : imported_) {
    diagnostics = MapToJson(std::move(diagnostics), imported.result, imported.json_text);
    auto first_of_file =
        std::find_if(diagnostics.begin(), diagnostics.end(),
                     [&](const Diagnostic& d) { return d.span.file == imported.result.json_path; });
    diagnostics.insert(first_of_file, imported.result.diagnostics.begin(),
                       imported.result.diagnostics.end());
    SortByJsonPosition(imported.result.json_path, &diagnostics);
  }
  return diagnostics;
}

}  // namespace rolec::cli
