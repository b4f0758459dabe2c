// compiler/stdlib_api.cc — include/rolec/stdlib.hpp over the embedded stdlib sources and the parser.
#include "rolec/stdlib.hpp"

#include <variant>

#include "compiler/stdlib_sources.h"
#include "grammar/parser.h"

namespace rolec {

const std::vector<SourceFile>& StdlibSources() {
  static const std::vector<SourceFile>* const kSources = [] {
    auto* sources = new std::vector<SourceFile>();
    for (const compiler::EmbeddedSource& embedded : compiler::StdlibSources()) {
      sources->push_back(SourceFile{embedded.path, embedded.text});
    }
    return sources;
  }();
  return *kSources;
}

std::vector<std::string> StdlibActionSet(std::string_view name) {
  std::vector<std::string> patterns;
  for (const compiler::EmbeddedSource& embedded : compiler::StdlibSources()) {
    grammar::ParseResult parsed = grammar::Parse(embedded.text, embedded.path);
    if (parsed.file == nullptr) continue;  // the stdlib parses: tests/stdlib checks it
    for (const grammar::Item& item : parsed.file->items) {
      const auto* set = std::get_if<grammar::SetDecl>(&item);
      if (set == nullptr || set->kind != grammar::SetDecl::Kind::kActions || set->name != name) {
        continue;
      }
      for (const grammar::ActionItem& action : set->actions) {
        if (const auto* path = std::get_if<grammar::ActionPath>(&action.value)) {
          patterns.push_back(path->text);
        }
      }
    }
  }
  return patterns;
}

}  // namespace rolec
