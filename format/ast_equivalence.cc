// format/ast_equivalence.cc — ComparableAst (ast_equivalence.h).
#include "format/ast_equivalence.h"

#include <cctype>
#include <string>
#include <string_view>
#include <variant>

#include "grammar/ast_dump.h"

namespace rolec::format {
namespace {

void TrimDocLines(std::string* doc) {
  std::string out;
  out.reserve(doc->size());
  for (char c : *doc) {
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    }
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  *doc = std::move(out);
}

// " @12:3+7" -> "".
std::string StripSpans(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    if (line.compare(i, 2, " @") == 0) {
      size_t j = i + 2;
      auto digits = [&] {
        size_t start = j;
        while (j < line.size() && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
        return j > start;
      };
      if (digits() && j < line.size() && line[j] == ':' && (++j, digits()) && j < line.size() &&
          line[j] == '+' && (++j, digits())) {
        i = j;
        continue;
      }
    }
    out += line[i++];
  }
  return out;
}

bool IsTight(char c) { return c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == '=' || c == '!'; }

// A condition line of the dump (`and "<text>"`, `predicate target.kind == "<text>"`, ...) with the
// blanks next to punctuation removed from the whole line.
bool IsConditionLine(std::string_view line) {
  size_t start = line.find_first_not_of(' ');
  if (start == std::string_view::npos) return false;
  std::string_view rest = line.substr(start);
  for (std::string_view head : {"and \"", "or \"", "not \"", "true \"", "false \"", "predicate "}) {
    if (rest.substr(0, head.size()) == head) return true;
  }
  return false;
}

std::string Squeeze(std::string_view line) {
  size_t start = line.find_first_not_of(' ');
  std::string out(line.substr(0, start));
  for (size_t i = start; i < line.size(); ++i) {
    if (line[i] == ' ' && ((i > start && IsTight(line[i - 1])) || (i + 1 < line.size() && IsTight(line[i + 1])))) {
      continue;
    }
    out += line[i];
  }
  // The trailing comma of a value list: `[a, b,]` prints as `[a, b]`.
  for (size_t at = out.find(",]"); at != std::string::npos; at = out.find(",]", at)) out.erase(at, 1);
  return out;
}

}  // namespace

std::string ComparableAst(grammar::File& file) {
  for (grammar::Item& item : file.items) {
    std::visit(
        [](auto& decl) {
          if constexpr (!std::is_same_v<std::decay_t<decltype(decl)>, grammar::TestDecl>) {
            TrimDocLines(&decl.doc);
          }
        },
        item);
  }
  const std::string dump = grammar::DumpAst(file);
  std::string out;
  out.reserve(dump.size());
  size_t start = 0;
  while (start < dump.size()) {
    size_t end = dump.find('\n', start);
    if (end == std::string::npos) end = dump.size();
    std::string line = StripSpans(std::string_view(dump).substr(start, end - start));
    out += IsConditionLine(line) ? Squeeze(line) : line;
    out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace rolec::format
