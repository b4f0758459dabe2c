// lint/rules.h — the lint rules: each has a stable id, a category, a default severity and a
// one-line summary. docs/lint.md has a page per rule (what it finds, why, a failing and a passing
// example); a test checks that every rule here has its page.
#pragma once

#include <string_view>
#include <vector>

#include "rolec/diagnostic.hpp"

namespace rolec::lint {

struct Rule {
  std::string_view id;        // "custom-unavailable-action": the code findings carry
  std::string_view category;  // "deployability", "security", "redundancy", "correctness", "scope",
                              // "maintenance", "lint"
  Severity default_severity;
  std::string_view summary;
};

// Every rule, in the order docs/lint.md lists them.
const std::vector<Rule>& AllRules();

// nullptr if no rule has this id.
const Rule* FindRule(std::string_view id);

}  // namespace rolec::lint
