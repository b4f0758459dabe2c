// import/builtin_roles.cc — template id -> built-in role name, from the embedded stdlib sources.
#include "import/builtin_roles.h"

#include <map>
#include <variant>

#include "compiler/stdlib_sources.h"
#include "grammar/parser.h"

namespace rolec::import {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const std::map<std::string, std::string>& BuiltinIds() {
  static const std::map<std::string, std::string>* ids = [] {
    auto* out = new std::map<std::string, std::string>();
    for (const compiler::EmbeddedSource& source : compiler::StdlibSources()) {
      grammar::ParseResult parsed = grammar::Parse(source.text, source.path);
      if (parsed.file == nullptr)
        continue;  // the stdlib parses (tests/stdlib); nothing to add if not
      for (const grammar::Item& item : parsed.file->items) {
        const auto* role = std::get_if<grammar::RoleDecl>(&item);
        if (role != nullptr && role->template_id.has_value()) {
          out->emplace(Lower(*role->template_id), role->name.text);
        }
      }
    }
    return out;
  }();
  return *ids;
}

}  // namespace

std::string BuiltinRoleName(std::string_view template_id) {
  const auto& ids = BuiltinIds();
  auto it = ids.find(Lower(template_id));
  return it == ids.end() ? std::string() : it->second;
}

}  // namespace rolec::import
