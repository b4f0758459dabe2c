// grammar/public_api.cc — include/rolec/source.hpp: the front end's services for tools, over the
// parser, the AST dump and the edit distance of this layer.
#include "rolec/source.hpp"

#include "grammar/ast_dump.h"
#include "grammar/edit_distance.h"
#include "grammar/parser.h"

namespace rolec {

std::optional<std::string> DumpAst(std::string_view text, std::string_view path) {
  grammar::ParseResult parsed = grammar::Parse(text, path);
  if (parsed.file == nullptr) return std::nullopt;
  return grammar::DumpAst(*parsed.file);
}

bool DeclaresNothing(std::string_view text, std::string_view path) {
  grammar::ParseResult parsed = grammar::Parse(text, path);
  return parsed.file != nullptr && parsed.file->items.empty();
}

std::string SourceLine(std::string_view text, uint32_t line) {
  return grammar::SourceLine(text, line);
}

size_t EditDistance(std::string_view a, std::string_view b, size_t bound) {
  return grammar::EditDistance(a, b, bound);
}

}  // namespace rolec
