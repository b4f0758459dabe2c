// format/format.cc — FormatSource: parse, lex, print, and check the result (format.h).
#include "format/format.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "format/ast_equivalence.h"
#include "format/lexer.h"
#include "format/printer.h"
#include "grammar/parser.h"

namespace rolec::format {

absl::StatusOr<std::string> FormatSource(std::string_view text, std::string_view path,
                                         std::vector<Diagnostic>* diagnostics) {
  grammar::ParseResult source = grammar::Parse(text, path);
  if (diagnostics != nullptr) *diagnostics = source.diagnostics;
  if (source.file == nullptr) {
    return absl::InvalidArgumentError(fmt::format("'{}' has syntax errors; it is not formatted", path));
  }
  absl::StatusOr<std::vector<Token>> tokens = Lex(text);
  if (!tokens.ok()) return tokens.status();
  absl::StatusOr<std::string> formatted = Print(*tokens);
  if (!formatted.ok()) return formatted.status();

  // The output must mean what the source means, with the same comments.
  const auto bug = [path](std::string_view what) {
    return absl::InternalError(fmt::format(
        "formatting '{}' would {} (a bug of the formatter; the file is left as it is)", path, what));
  };
  grammar::ParseResult again = grammar::Parse(*formatted, path);
  if (again.file == nullptr) return bug("produce text that does not parse");
  if (ComparableAst(*again.file) != ComparableAst(*source.file)) return bug("change its syntax tree");
  absl::StatusOr<std::vector<Token>> relexed = Lex(*formatted);
  if (!relexed.ok() || CommentStream(*relexed) != CommentStream(*tokens)) {
    return bug("lose, change or reorder a comment");
  }
  return formatted;
}

}  // namespace rolec::format
