// import/source_map.cc — diagnostics about imported .role text moved to the JSON it came from
// (rolec::MapToJson), and the test for JSON input (rolec::LooksLikeGraphJson).
#include <algorithm>

#include "import/json_reader.h"
#include "rolec/import.hpp"

namespace rolec {
namespace {

// The entry for a position of the .role text: the narrowest token entry on its line that covers
// it; else the innermost block (role) whose lines contain it; else none.
const SourceMapEntry* Find(const std::vector<SourceMapEntry>& map, uint32_t line, uint32_t column) {
  const SourceMapEntry* best = nullptr;
  for (const SourceMapEntry& entry : map) {
    if (entry.line != line || entry.last_line != line) continue;
    if (column < entry.column || column >= entry.column + entry.length) continue;
    if (best == nullptr || entry.length < best->length) best = &entry;
  }
  if (best != nullptr) return best;
  for (const SourceMapEntry& entry : map) {
    if (entry.line <= line && line <= entry.last_line && entry.last_line > entry.line) {
      if (best == nullptr || entry.line >= best->line) best = &entry;
    }
  }
  return best;
}

}  // namespace

std::vector<Diagnostic> MapToJson(std::vector<Diagnostic> diagnostics, const ImportResult& imported,
                                  std::string_view json_text) {
  const import::LineIndex lines(json_text);
  for (Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.span.file != imported.json_path) continue;
    const SourceMapEntry* entry =
        Find(imported.source_map, diagnostic.span.line, diagnostic.span.column);
    if (entry != nullptr) {
      diagnostic.span = entry->json;
    } else {
      diagnostic.span = SourceSpan{imported.json_path, 1, 1, 1};
    }
    diagnostic.source_line = std::string(lines.LineText(diagnostic.span.line));
  }
  return diagnostics;
}

bool LooksLikeGraphJson(std::string_view path, std::string_view text) {
  constexpr std::string_view kExtension = ".json";
  if (path.size() >= kExtension.size()) {
    std::string_view tail = path.substr(path.size() - kExtension.size());
    const bool match = std::equal(tail.begin(), tail.end(), kExtension.begin(), [](char a, char b) {
      return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
    });
    if (match) return true;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

}  // namespace rolec
