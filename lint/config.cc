// lint/config.cc — the JSON lint configuration.
#include "lint/config.h"

#include "absl/status/status.h"
#include "fmt/format.h"
#include "lint/rules.h"
#include "nlohmann/json.hpp"

namespace rolec::lint {

std::optional<Severity> Config::SeverityOf(std::string_view rule_id) const {
  if (auto it = overrides.find(rule_id); it != overrides.end()) return it->second;
  const Rule* rule = FindRule(rule_id);
  return rule ? std::optional<Severity>(rule->default_severity) : std::nullopt;
}

absl::StatusOr<Config> ParseConfig(std::string_view text, std::string_view path) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return absl::InvalidArgumentError(fmt::format("{}: invalid JSON: {}", path, e.what()));
  }
  if (!document.is_object()) {
    return absl::InvalidArgumentError(fmt::format("{}: expected an object {{\"rules\": {{...}}}}", path));
  }
  Config config;
  for (const auto& [key, value] : document.items()) {
    if (key != "rules") {
      return absl::InvalidArgumentError(
          fmt::format("{}: unknown key '{}' (the only key is \"rules\")", path, key));
    }
    if (!value.is_object()) {
      return absl::InvalidArgumentError(fmt::format("{}: \"rules\" must be an object", path));
    }
    for (const auto& [id, level] : value.items()) {
      if (FindRule(id) == nullptr) {
        std::string known;
        for (const Rule& rule : AllRules()) known += (known.empty() ? "" : ", ") + std::string(rule.id);
        return absl::InvalidArgumentError(
            fmt::format("{}: unknown rule '{}' (rules: {})", path, id, known));
      }
      const std::string name = level.is_string() ? level.get<std::string>() : "";
      if (name == "error") {
        config.overrides[id] = Severity::kError;
      } else if (name == "warning") {
        config.overrides[id] = Severity::kWarning;
      } else if (name == "note") {
        config.overrides[id] = Severity::kNote;
      } else if (name == "off") {
        config.overrides[id] = std::nullopt;
      } else {
        return absl::InvalidArgumentError(fmt::format(
            "{}: rule '{}': expected \"error\", \"warning\", \"note\" or \"off\", got {}", path, id,
            level.dump()));
      }
    }
  }
  return config;
}

}  // namespace rolec::lint
