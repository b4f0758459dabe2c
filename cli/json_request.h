// cli/json_request.h — the JSON face of the evaluator: a request object in, a decision object out
// (the formats are specified in docs/cli.md §JSON). Used by `rolec eval --requests` (one object per
// line) and `rolec eval --json`.
//
// Parsing fails closed: an unknown field, a wrong type, a duplicate key, an unknown target kind, a
// malformed scope, JSON nested deeper than kMaxJsonDepth or a text longer than kMaxJsonBytes is an
// error naming the offending field, and the caller answers deny. Absent fields mean false/empty,
// except an assignment's scope, which defaults to "/", and `action`, which is required.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"

namespace rolec::cli {

inline constexpr size_t kMaxJsonBytes = 1u << 20;  // one request line
inline constexpr int kMaxJsonDepth = 64;           // nested objects/arrays

// Parses one request object. Error messages name the field path: "target.roles[1]: expected a
// string, got number", "unknown field 'target.rolez'", "invalid JSON: ...".
absl::StatusOr<OwnedRequest> ParseRequestJson(std::string_view text);

// The decision object: {"decision", "reasons", "denials", "errors"}, keys in that order. `request`
// is the bound request the explanation answers (for scopes). Messages (a denial's "message", the
// "errors") are prose for people and have their control characters escaped (EscapeControlChars,
// io.h); names, ids and scopes are data, kept as they are (the JSON text escapes them anyway).
nlohmann::ordered_json DecisionJson(const Policy& policy, const Request& request,
                                    const Explanation& explanation);

// The object written for a request line that could not be evaluated:
// {"line":N,"decision":"deny","reasons":[],"denials":[],"errors":["line N: <message>", ...]},
// control characters of the messages escaped.
nlohmann::ordered_json LineErrorJson(size_t line, const std::vector<std::string>& messages);

// Compact one-line JSON. Invalid UTF-8 (possible only in text taken from the command line) is
// replaced rather than thrown on.
std::string DumpJson(const nlohmann::ordered_json& value, int indent = -1);

}  // namespace rolec::cli
