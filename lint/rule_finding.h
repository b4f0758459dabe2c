// lint/rule_finding.h — what a rule check in its own file returns to the linter, which applies the
// configured severity, the source line and the suppressions (lint/linter.cc Report).
#pragma once

#include <string>
#include <string_view>

#include "rolec/diagnostic.hpp"

namespace rolec::lint {

struct RuleFinding {
  std::string_view rule;  // a rule id of lint/rules.cc
  SourceSpan span;
  std::string message;
  std::string help;
};

}  // namespace rolec::lint
