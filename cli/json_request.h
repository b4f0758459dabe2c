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

// Where a request's text sits in its input, so that a JSON syntax error names the physical place:
// `line` 1-based, `column_offset` the bytes before the text on its line (leading blanks trimmed).
struct JsonPlace {
  size_t line = 1;
  size_t column_offset = 0;
};

// Parses one request object. Error messages name the field path: "target.roles[1]: expected a
// string, got number", "unknown field 'target.rolez'", "invalid JSON: parse error at line 4,
// column 18: ...". The request's optional "id" (a string or a number, for the caller to correlate
// answers with questions) is stored in *id when `id` is not null — even if another field is in
// error, so the error object can echo it; it stays null if absent or not a string or number.
absl::StatusOr<OwnedRequest> ParseRequestJson(std::string_view text, nlohmann::json* id = nullptr,
                                              JsonPlace place = {});

// The decision object: {"id"?, "decision", "reasons", "denials", "errors", "notes"}, keys in that
// order; "id" only when `id` is a string or a number (the request's own, echoed). `request` is the
// bound request the explanation answers (for scopes). Messages (a denial's "message", the
// "errors", the "notes") are prose for people and have their control characters escaped
// (EscapeControlChars, io.h); names, ids and scopes are data, kept as they are (the JSON text
// escapes them anyway).
nlohmann::ordered_json DecisionJson(const Policy& policy, const Request& request,
                                    const Explanation& explanation,
                                    const nlohmann::json& id = nullptr);

// The object written for a request line that could not be evaluated:
// {"line":N,"id"?,"decision":"deny","reasons":[],"denials":[],"errors":["line N: <message>",
// ...],"notes":[]}, control characters of the messages escaped; "id" as in DecisionJson.
nlohmann::ordered_json LineErrorJson(size_t line, const std::vector<std::string>& messages,
                                     const nlohmann::json& id = nullptr);

// Compact one-line JSON. Invalid UTF-8 (possible only in text taken from the command line) is
// replaced rather than thrown on.
std::string DumpJson(const nlohmann::ordered_json& value, int indent = -1);

}  // namespace rolec::cli
