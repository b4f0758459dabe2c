// tests/fuzz/format_util.cc — CheckFormat: any bytes as a .role file given to `rolec fmt`.
//
// A source the parser refuses must be refused by the formatter too (InvalidArgument, with the
// parser's errors); a source it accepts must be formatted, without an internal error, to a text
// that is a fixed point (idempotence), parses to the same AST (ast_equivalence.h) and holds the
// same comments in the same order. The formatter checks the last two itself before it returns; the
// property checks them again, independently, so a bug in that self-check is a finding too.
#include <string>
#include <string_view>
#include <vector>

#include "fmt/format.h"
#include "format/ast_equivalence.h"
#include "format/format.h"
#include "format/lexer.h"
#include "fuzz/fuzz_targets.h"
#include "grammar/parser.h"

namespace rolec::fuzz {

std::string CheckFormat(std::string_view input) {
  if (input.size() > kMaxFuzzInputBytes) return "";
  constexpr std::string_view kPath = "fuzz.role";
  grammar::ParseResult source = grammar::Parse(input, kPath);
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<std::string> formatted = format::FormatSource(input, kPath, &diagnostics);
  if (source.file == nullptr) {
    if (formatted.ok()) return "a source with syntax errors was formatted";
    if (formatted.status().code() != absl::StatusCode::kInvalidArgument || !HasErrors(diagnostics)) {
      return fmt::format("a source with syntax errors was refused without its errors: {}",
                         formatted.status().ToString());
    }
    return "";
  }
  if (!formatted.ok()) {
    return fmt::format("a source that parses was not formatted: {}", formatted.status().ToString());
  }
  grammar::ParseResult output = grammar::Parse(*formatted, kPath);
  if (output.file == nullptr) return "the formatted text does not parse:\n" + *formatted;
  if (format::ComparableAst(*output.file) != format::ComparableAst(*source.file)) {
    return "the formatted text has another AST:\n" + *formatted;
  }
  absl::StatusOr<std::vector<format::Token>> in_tokens = format::Lex(input);
  absl::StatusOr<std::vector<format::Token>> out_tokens = format::Lex(*formatted);
  if (!in_tokens.ok() || !out_tokens.ok() ||
      format::CommentStream(*in_tokens) != format::CommentStream(*out_tokens)) {
    return "the formatted text does not hold the same comments:\n" + *formatted;
  }
  absl::StatusOr<std::string> again = format::FormatSource(*formatted, kPath, nullptr);
  if (!again.ok()) return fmt::format("the formatted text was not formatted: {}", again.status().ToString());
  if (*again != *formatted) return "formatting is not idempotent:\n" + *formatted + "\nthen:\n" + *again;
  return "";
}

}  // namespace rolec::fuzz
