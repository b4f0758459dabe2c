// lint/config.h — which rules run and at what severity: the rules' defaults, overridden by a JSON
// config file (`.rolec-lint.json` at the repository root, or `rolec lint --config FILE`):
//
//   {"rules": {"privileged-permission": "warning", "redundant-grant": "off"}}
//
// Values: "error", "warning", "note", "off". An unknown rule id, an unknown value or an unknown key
// is an error naming the file and what is wrong (a misspelt id must not silently do nothing).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "rolec/diagnostic.hpp"

namespace rolec::lint {

struct Config {
  // Rule id -> severity, or nullopt for "off". Rules not named keep their default.
  std::map<std::string, std::optional<Severity>, std::less<>> overrides;
  // The severity a rule's findings get; nullopt if the rule is off.
  std::optional<Severity> SeverityOf(std::string_view rule_id) const;
};

// Parses a config file's text; `path` names it in errors.
absl::StatusOr<Config> ParseConfig(std::string_view text, std::string_view path);

}  // namespace rolec::lint
