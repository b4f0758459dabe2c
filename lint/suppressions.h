// lint/suppressions.h — inline suppressions: `// rolec-lint-ignore RULE-ID: reason`.
//
// A suppression after code on a line applies to findings on that line; one on a line of its own
// applies to the next line that holds code (not blank, not only a comment). The reason is
// mandatory: without one (nothing after the colon) the comment suppresses nothing and is itself a
// finding (suppression-without-reason), so every silenced finding says why in the source.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rolec/diagnostic.hpp"

namespace rolec::lint {

struct Suppression {
  std::string rule;    // as written
  std::string reason;  // "" if none was given
  uint32_t applies_to_line = 0;
  SourceSpan span;  // the comment, for findings about it
};

// Every suppression comment of a file's text.
std::vector<Suppression> FindSuppressions(std::string_view path, std::string_view text);

}  // namespace rolec::lint
