// cli/json_request.cc — strict request parsing and decision serialization with nlohmann-json.
#include "cli/json_request.h"

#include <set>
#include <utility>
#include <vector>

#include "cli/io.h"
#include "fmt/format.h"
#include "rolec/policy_text.hpp"

namespace rolec::cli {
namespace {

using Json = nlohmann::json;

// Thrown from the parser callback to stop a parse early; caught in ParseRequestJson and never
// propagated further.
struct JsonLimitExceeded {
  std::string message;
};

std::string TypeName(const Json& value) {
  return value.is_boolean() ? "boolean" : std::string(value.type_name());
}

absl::Status WrongType(const std::string& path, std::string_view expected, const Json& value) {
  return absl::InvalidArgumentError(
      fmt::format("{}: expected {}, got {}", path, expected, TypeName(value)));
}

absl::Status UnknownField(const std::string& path, std::string_view known) {
  return absl::InvalidArgumentError(
      fmt::format("unknown field '{}' (known fields here: {})", path, known));
}

absl::Status ReadString(const Json& value, const std::string& path, std::string* out) {
  if (!value.is_string()) return WrongType(path, "a string", value);
  *out = value.get<std::string>();
  return absl::OkStatus();
}

absl::Status ReadBool(const Json& value, const std::string& path, bool* out) {
  if (!value.is_boolean()) return WrongType(path, "a boolean", value);
  *out = value.get<bool>();
  return absl::OkStatus();
}

absl::Status ReadStringList(const Json& value, const std::string& path,
                            std::vector<std::string>* out) {
  if (!value.is_array()) return WrongType(path, "an array of strings", value);
  out->clear();
  for (size_t i = 0; i < value.size(); ++i) {
    std::string item;
    absl::Status status = ReadString(value[i], fmt::format("{}[{}]", path, i), &item);
    if (!status.ok()) return status;
    out->push_back(std::move(item));
  }
  return absl::OkStatus();
}

std::string Join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

absl::Status ReadAssignment(const Json& value, const std::string& path, OwnedAssignment* out) {
  if (!value.is_object()) return WrongType(path, "an object", value);
  bool has_role = false;
  for (const auto& [key, item] : value.items()) {
    const std::string field = Join(path, key);
    absl::Status status;
    if (key == "role") {
      status = ReadString(item, field, &out->role);
      has_role = true;
    } else if (key == "scope") {
      status = ReadString(item, field, &out->scope);
      std::string_view admin_unit;
      if (status.ok() && !ParseScope(out->scope, &admin_unit)) {
        status = absl::InvalidArgumentError(
            fmt::format("{}: '{}' is not a scope (expected '/' or '/administrativeUnits/<id>')",
                        field, out->scope));
      }
    } else {
      status = UnknownField(field, "role, scope");
    }
    if (!status.ok()) return status;
  }
  if (!has_role) return absl::InvalidArgumentError(fmt::format("{}: missing field 'role'", path));
  return absl::OkStatus();
}

absl::Status ReadPrincipal(const Json& value, OwnedRequest* out) {
  if (!value.is_object()) return WrongType("principal", "an object", value);
  for (const auto& [key, item] : value.items()) {
    const std::string field = Join("principal", key);
    absl::Status status;
    if (key == "id") {
      status = ReadString(item, field, &out->principal_id);
    } else if (key == "assignments") {
      if (!item.is_array()) {
        status = WrongType(field, "an array of assignments", item);
      } else {
        out->assignments.clear();
        for (size_t i = 0; i < item.size() && status.ok(); ++i) {
          OwnedAssignment assignment;
          status = ReadAssignment(item[i], fmt::format("{}[{}]", field, i), &assignment);
          out->assignments.push_back(std::move(assignment));
        }
      }
    } else {
      status = UnknownField(field, "id, assignments");
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ReadTarget(const Json& value, OwnedTarget* out) {
  if (!value.is_object()) return WrongType("target", "an object", value);
  for (const auto& [key, item] : value.items()) {
    const std::string field = Join("target", key);
    absl::Status status;
    if (key == "kind") {
      std::string kind;
      status = ReadString(item, field, &kind);
      if (status.ok() && !ParseTargetKind(kind, &out->kind)) {
        status = absl::InvalidArgumentError(
            fmt::format("{}: unknown target kind '{}' (expected user, group, device, application, "
                        "servicePrincipal, administrativeUnit, roleDefinition or other)",
                        field, kind));
      }
    } else if (key == "id") {
      status = ReadString(item, field, &out->id);
    } else if (key == "roles") {
      status = ReadStringList(item, field, &out->roles);
    } else if (key == "roleAssignableGroupMember") {
      status = ReadBool(item, field, &out->role_assignable_group_member);
    } else if (key == "roleScopedToRestrictedAdminUnit") {
      status = ReadBool(item, field, &out->role_scoped_to_restricted_admin_unit);
    } else if (key == "inRestrictedAdminUnit") {
      status = ReadBool(item, field, &out->in_restricted_admin_unit);
    } else if (key == "roleAssignable") {
      status = ReadBool(item, field, &out->role_assignable);
    } else if (key == "adminUnits") {
      status = ReadStringList(item, field, &out->admin_units);
    } else if (key == "restrictedAdminUnits") {
      status = ReadStringList(item, field, &out->restricted_admin_units);
    } else if (key == "owners") {
      status = ReadStringList(item, field, &out->owners);
    } else {
      status = UnknownField(field,
                            "kind, id, roles, roleAssignableGroupMember, "
                            "roleScopedToRestrictedAdminUnit, inRestrictedAdminUnit, "
                            "roleAssignable, adminUnits, restrictedAdminUnits, owners");
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ReadContext(const Json& value, Context* out) {
  if (!value.is_object()) return WrongType("context", "an object", value);
  for (const auto& [key, item] : value.items()) {
    const std::string field = Join("context", key);
    absl::Status status;
    if (key == "mfa") {
      status = ReadBool(item, field, &out->mfa);
    } else {
      status = UnknownField(field, "mfa");
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

// Parses with two guards no JSON library applies by default: a nesting limit (so a line of
// 100,000 '[' is rejected early) and duplicate keys (which parsers disagree on — the first or the
// last wins — so a request that means two things to two systems is refused).
// nlohmann reports "parse error at line 1, column C: ..." for the one line it was given; the
// place in the input is `place.line` and column C plus what was trimmed before the text.
std::string PlaceParseError(std::string what, const JsonPlace& place) {
  static constexpr std::string_view kAt = "at line ";
  size_t at = what.find(kAt);
  if (at == std::string::npos) return what;
  size_t comma = what.find(", column ", at);
  if (comma == std::string::npos) return what;
  size_t digits = comma + std::string_view(", column ").size();
  size_t end = digits;
  while (end < what.size() && what[end] >= '0' && what[end] <= '9') ++end;
  if (end == digits) return what;
  const size_t column = std::stoul(what.substr(digits, end - digits)) + place.column_offset;
  return what.substr(0, at) + fmt::format("at line {}, column {}", place.line, column) +
         what.substr(end);
}

absl::StatusOr<Json> ParseStrict(std::string_view text, const JsonPlace& place) {
  std::vector<std::set<std::string>> keys_per_object;
  auto callback = [&keys_per_object](int depth, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        // `depth` counts the containers around this one, so this one is at depth + 1.
        if (depth + 1 > kMaxJsonDepth) {
          throw JsonLimitExceeded{fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth)};
        }
        if (event == Json::parse_event_t::object_start) keys_per_object.emplace_back();
        break;
      case Json::parse_event_t::object_end:
        if (!keys_per_object.empty()) keys_per_object.pop_back();
        break;
      case Json::parse_event_t::key:
        if (!keys_per_object.empty() &&
            !keys_per_object.back().insert(parsed.get<std::string>()).second) {
          throw JsonLimitExceeded{
              fmt::format("duplicate key '{}' in a JSON object", parsed.get<std::string>())};
        }
        break;
      default:
        break;
    }
    return true;
  };
  try {
    return Json::parse(text.begin(), text.end(), callback);
  } catch (const JsonLimitExceeded& limit) {
    return absl::InvalidArgumentError(limit.message);
  } catch (const Json::exception& error) {
    // what() is "[json.exception.parse_error.101] parse error at line 1, column 3: ..."; the
    // bracketed id means nothing to a user.
    std::string_view what = error.what();
    if (!what.empty() && what.front() == '[') {
      size_t close = what.find("] ");
      if (close != std::string_view::npos) what.remove_prefix(close + 2);
    }
    return absl::InvalidArgumentError(
        fmt::format("invalid JSON: {}", PlaceParseError(std::string(what), place)));
  }
}

}  // namespace

absl::StatusOr<OwnedRequest> ParseRequestJson(std::string_view text, nlohmann::json* id,
                                              JsonPlace place) {
  if (text.size() > kMaxJsonBytes) {
    return absl::InvalidArgumentError(fmt::format("request longer than {} bytes", kMaxJsonBytes));
  }
  absl::StatusOr<Json> parsed = ParseStrict(text, place);
  if (!parsed.ok()) return parsed.status();
  const Json& root = *parsed;
  if (!root.is_object()) return WrongType("request", "an object", root);
  // The id first (keys iterate in sorted order), so that any later error can still echo it.
  if (auto it = root.find("id"); it != root.end()) {
    if (!it->is_string() && !it->is_number()) return WrongType("id", "a string or a number", *it);
    if (id != nullptr) *id = *it;
  }

  OwnedRequest request;
  bool has_action = false;
  for (const auto& [key, item] : root.items()) {
    absl::Status status;
    if (key == "principal") {
      status = ReadPrincipal(item, &request);
    } else if (key == "action") {
      status = ReadString(item, "action", &request.action);
      has_action = true;
    } else if (key == "target") {
      status = ReadTarget(item, &request.target);
    } else if (key == "context") {
      status = ReadContext(item, &request.context);
    } else if (key == "id") {
      // Read above.
    } else {
      status = UnknownField(key, "id, principal, action, target, context");
    }
    if (!status.ok()) return status;
  }
  if (!has_action) return absl::InvalidArgumentError("missing field 'action'");
  return request;
}

nlohmann::ordered_json DecisionJson(const Policy& policy, const Request& request,
                                    const Explanation& explanation, const nlohmann::json& id) {
  using Ordered = nlohmann::ordered_json;
  auto scope_of = [&request](uint32_t assignment) {
    return assignment < request.assignments.size()
               ? ScopeText(request.assignments[assignment].admin_unit)
               : std::string();
  };
  auto rule_of = [&policy](uint32_t rule, std::string* text, std::string* source) {
    if (rule < policy.rule_count()) {
      RuleInfo info = policy.rule(rule);
      *text = RuleText(info);
      *source = SourceText(info.source);
    }
  };

  Ordered reasons = Ordered::array();
  for (const AllowReason& reason : explanation.reasons) {
    std::string rule, source;
    rule_of(reason.rule, &rule, &source);
    reasons.push_back(Ordered{{"assignment", reason.assignment_index},
                              {"role", RoleName(policy, reason.role)},
                              {"scope", scope_of(reason.assignment_index)},
                              {"rule", rule},
                              {"source", source}});
  }
  Ordered denials = Ordered::array();
  for (const Denial& denial : explanation.denials) {
    std::string rule, source;
    rule_of(denial.rule, &rule, &source);
    denials.push_back(Ordered{{"kind", DenialKindName(denial.kind)},
                              {"assignment", denial.assignment_index},
                              {"role", RoleName(policy, denial.role)},
                              {"scope", scope_of(denial.assignment_index)},
                              {"rule", rule},
                              {"source", source},
                              {"message", EscapeControlChars(denial.message)}});
  }
  Ordered errors = Ordered::array();
  for (const std::string& error : explanation.errors) errors.push_back(EscapeControlChars(error));
  Ordered notes = Ordered::array();
  for (const std::string& note : explanation.notes) notes.push_back(EscapeControlChars(note));

  Ordered object = Ordered::object();
  if (id.is_string() || id.is_number()) object["id"] = id;
  object["decision"] = explanation.decision == Decision::kAllow ? "allow" : "deny";
  object["reasons"] = std::move(reasons);
  object["denials"] = std::move(denials);
  object["errors"] = std::move(errors);
  object["notes"] = std::move(notes);
  return object;
}

nlohmann::ordered_json LineErrorJson(size_t line, const std::vector<std::string>& messages,
                                     const nlohmann::json& id) {
  using Ordered = nlohmann::ordered_json;
  Ordered errors = Ordered::array();
  for (const std::string& message : messages) {
    errors.push_back(fmt::format("line {}: {}", line, EscapeControlChars(message)));
  }
  Ordered object = Ordered::object();
  object["line"] = line;
  if (id.is_string() || id.is_number()) object["id"] = id;
  object["decision"] = "deny";
  object["reasons"] = Ordered::array();
  object["denials"] = Ordered::array();
  object["errors"] = std::move(errors);
  object["notes"] = Ordered::array();
  return object;
}

std::string DumpJson(const nlohmann::ordered_json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace rolec::cli
