// import/graph_import.cc — rolec::ImportGraphJson: Graph unifiedRoleDefinition JSON -> .role text
// with a source map (include/rolec/import.hpp; the mapping table is docs/graph-json.md).
//
// Two passes over the JSON tree: the first reads every role definition (checking each field's type
// and collecting diagnostics, so one run reports every problem), the second resolves each
// inheritsPermissionsFrom id — a role of the same file first, then an Entra built-in — and writes
// the text. Nothing is written if any error was found.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "fmt/format.h"
#include "import/builtin_roles.h"
#include "import/json_reader.h"
#include "import/role_text.h"
#include "rolec/import.hpp"

namespace rolec {
namespace {

using import::JsonMember;
using import::JsonRange;
using import::JsonValue;
using Kind = JsonValue::Kind;

// Graph rolePermissions conditions and the .role condition each one means
// (stdlib/generator/graph_json.py GRAPH_CONDITIONS, compared exactly as the generator does).
constexpr std::pair<std::string_view, std::string_view> kConditions[] = {
    {"$ResourceIsSelf", "target is self"},
    {"$SubjectIsOwner", "principal owns target"},
};

// Fields of a unifiedRoleDefinition that carry nothing the language has (docs/graph-json.md):
// read and dropped without a warning. OData annotations (any key with '@') are dropped too.
constexpr std::string_view kIgnoredRoleFields[] = {
    "allowedPrincipalTypes", "assignmentMode",  "categories", "isBuiltIn",
    "resourceScopes",        "richDescription", "version",
};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

struct Permission {
  const JsonValue* object = nullptr;
  const JsonValue* allowed_array = nullptr;
  std::vector<const JsonValue*> allowed;
  const JsonValue* excluded_array = nullptr;
  std::vector<const JsonValue*> excluded;
  const JsonValue* condition = nullptr;  // the JSON string, if a condition is set
  std::string_view when;                 // its .role condition
};

struct Role {
  const JsonValue* object = nullptr;
  const JsonValue* name = nullptr;
  const JsonValue* id = nullptr;  // templateId, else id
  const JsonValue* other_id = nullptr;
  const JsonValue* description = nullptr;
  const JsonValue* privileged = nullptr;  // isPrivileged when true
  std::vector<const JsonValue*> parents;  // the id strings of inheritsPermissionsFrom
  std::vector<Permission> permissions;
  std::string normalized_description;
};

// Appends .role text and records where each construct came from.
class Writer {
 public:
  Writer(const import::LineIndex& json_lines, std::string json_path)
      : json_lines_(json_lines), json_path_(std::move(json_path)) {}

  void Text(std::string_view text) {
    for (char c : text) {
      out_ += c;
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else {
        ++column_;
      }
    }
  }
  // `text` (one line) came from `from`.
  void Mapped(std::string_view text, JsonRange from) {
    SourceMapEntry entry;
    entry.line = line_;
    entry.column = column_;
    entry.length = static_cast<uint32_t>(std::max<size_t>(1, text.size()));
    entry.last_line = line_;
    entry.json = Span(from);
    map_.push_back(std::move(entry));
    Text(text);
  }
  // Opens a block entry (a role) that ends at the next CloseBlock.
  size_t OpenBlock(JsonRange from) {
    SourceMapEntry entry;
    entry.line = line_;
    entry.column = column_;
    entry.length = 1;
    entry.json = Span(from);
    map_.push_back(std::move(entry));
    return map_.size() - 1;
  }
  void CloseBlock(size_t index) { map_[index].last_line = line_; }

  SourceSpan Span(JsonRange range) const {
    return SourceSpan{json_path_, json_lines_.Line(range.offset), json_lines_.Column(range.offset),
                      json_lines_.LengthOnLine(range.offset, range.length)};
  }

  std::string TakeText() { return std::move(out_); }
  std::vector<SourceMapEntry> TakeMap() {
    std::stable_sort(map_.begin(), map_.end(),
                     [](const SourceMapEntry& a, const SourceMapEntry& b) {
                       return a.line != b.line ? a.line < b.line : a.column < b.column;
                     });
    return std::move(map_);
  }

 private:
  const import::LineIndex& json_lines_;
  std::string json_path_;
  std::string out_;
  uint32_t line_ = 1;
  uint32_t column_ = 1;
  std::vector<SourceMapEntry> map_;
};

class Importer {
 public:
  Importer(std::string_view text, std::string_view path, const ImportOptions& options)
      : text_(text), path_(path), options_(options), lines_(text) {}

  ImportResult Run() {
    ImportResult result;
    result.json_path = path_;
    import::JsonReadResult read =
        import::ReadJson(text_, options_.max_json_bytes, options_.max_nesting_depth);
    if (!read.ok) {
      const bool limit = read.error.rfind("file is too large", 0) == 0 ||
                         read.error.find("nested deeper") != std::string::npos;
      Error(limit ? "E0702" : "E0701", JsonRange{read.error_offset, 1}, read.error,
            limit ? "docs/limits.md lists the limits" : "");
      result.diagnostics = std::move(diagnostics_);
      return result;
    }
    root_ = std::move(read.root);
    ReadTop(root_);
    std::map<std::string, std::string> file_ids;  // lower-cased id -> display name
    for (const Role& role : roles_) {
      if (role.name == nullptr) continue;
      for (const JsonValue* id : {role.id, role.other_id}) {
        if (id != nullptr) file_ids.emplace(Lower(id->string), role.name->string);
      }
    }
    std::vector<std::vector<std::string>> parents(roles_.size());
    for (size_t i = 0; i < roles_.size(); ++i) {
      for (const JsonValue* id : roles_[i].parents) {
        auto it = file_ids.find(Lower(id->string));
        std::string name = it != file_ids.end() ? it->second : import::BuiltinRoleName(id->string);
        if (name.empty()) {
          Error(
              "E0706", id->range,
              fmt::format(
                  "inheritsPermissionsFrom names the role definition '{}', which is neither "
                  "a role of this file nor an Entra built-in role",
                  Printable(id->string)),
              "a parent is named by its template id; the built-in roles are those of the standard "
              "library (module entra, docs/stdlib.md)");
        }
        parents[i].push_back(std::move(name));
      }
    }
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       return a.span.line != b.span.line ? a.span.line < b.span.line
                                                         : a.span.column < b.span.column;
                     });
    result.diagnostics = std::move(diagnostics_);
    if (!result.ok()) return result;
    Writer writer(lines_, std::string(path_));
    writer.Text(
        fmt::format("// Imported by `rolec import graph` from Microsoft Graph role definitions "
                    "(docs/graph-json.md):\n//   {}\n",
                    CommentSafe(path_)));
    for (size_t i = 0; i < roles_.size(); ++i) WriteRole(roles_[i], parents[i], &writer);
    result.role_source = writer.TakeText();
    result.source_map = writer.TakeMap();
    result.roles = roles_.size();
    return result;
  }

 private:
  // ---- diagnostics ----
  void Report(Severity severity, std::string_view code, JsonRange range, std::string message,
              std::string help) {
    Diagnostic d;
    d.severity = severity;
    d.code = std::string(code);
    d.message = std::move(message);
    d.span = SourceSpan{std::string(path_), lines_.Line(range.offset), lines_.Column(range.offset),
                        lines_.LengthOnLine(range.offset, range.length)};
    d.source_line = std::string(lines_.LineText(d.span.line));
    d.help = std::move(help);
    diagnostics_.push_back(std::move(d));
  }
  void Error(std::string_view code, JsonRange range, std::string message, std::string help = "") {
    Report(Severity::kError, code, range, std::move(message), std::move(help));
  }
  void Warning(std::string_view code, JsonRange range, std::string message, std::string help = "") {
    Report(Severity::kWarning, code, range, std::move(message), std::move(help));
  }

  // True if `value` is of `kind` (or null, where `nullable`); otherwise an E0703 naming `what`.
  bool Expect(const JsonValue& value, Kind kind, std::string_view what, bool nullable = false) {
    if (value.kind == kind || (nullable && value.kind == Kind::kNull)) return true;
    Error("E0703", value.range,
          fmt::format("{} must be {}{}, not {}", what, import::KindName(kind),
                      nullable ? " or null" : "", import::KindName(value.kind)));
    return false;
  }

  // Reports a duplicate key (E0708) and returns false for it; Graph objects have unique fields.
  bool FirstOccurrence(const JsonMember& member, std::set<std::string>* seen) {
    if (seen->insert(member.key).second) return true;
    Error("E0708", member.key_range, fmt::format("duplicate field '{}'", Printable(member.key)),
          "JSON parsers disagree on which of two equal keys wins; keep one");
    return false;
  }

  static bool IsAnnotation(std::string_view key) { return key.find('@') != std::string_view::npos; }

  // A string the .role text will hold: no character the language cannot write (E0707).
  bool Writable(const JsonValue& value, std::string_view what) {
    std::optional<char32_t> bad = import::FirstUnwritable(value.string);
    if (!bad.has_value()) return true;
    Error("E0707", value.range,
          fmt::format("{} holds the control character {}, which a .role string cannot hold", what,
                      import::CodePointName(*bad)),
          "a .role string may hold tab and line feed (written \\t and \\n) but no other control "
          "character (docs/language.md, E0108)");
    return false;
  }

  // ---- reading ----
  void ReadTop(const JsonValue& root) {
    if (root.kind == Kind::kArray) {
      for (const JsonValue& item : root.items) ReadRole(item);
      return;
    }
    if (root.kind == Kind::kObject) {
      const JsonMember* list = nullptr;
      for (const JsonMember& member : root.members) {
        if (member.key == "value") list = &member;
      }
      if (list == nullptr) {
        ReadRole(root);
        return;
      }
      std::set<std::string> seen;
      for (const JsonMember& member : root.members) {
        if (!FirstOccurrence(member, &seen)) continue;
        if (member.key == "value") continue;
        if (member.key == "@odata.nextLink") {
          Warning(
              "W0711", member.key_range,
              "this Graph list is one page of a longer one (@odata.nextLink); only its roles are "
              "imported",
              "fetch every page (az rest follows nextLink with --paginate) and import them "
              "together");
        } else if (!IsAnnotation(member.key)) {
          Warning(
              "W0710", member.key_range,
              fmt::format("unknown field '{}' of a Graph list, ignored", Printable(member.key)));
        }
      }
      if (Expect(list->value, Kind::kArray, "the list's 'value'")) {
        for (const JsonValue& item : list->value.items) ReadRole(item);
      }
      return;
    }
    Error("E0703", root.range,
          fmt::format(
              "expected a role definition (an object), a Graph list {{\"value\": [...]}} or an "
              "array of role definitions, not {}",
              import::KindName(root.kind)));
  }

  void ReadRole(const JsonValue& object) {
    if (!Expect(object, Kind::kObject, "a role definition")) return;
    Role role;
    role.object = &object;
    const JsonValue* template_id = nullptr;
    const JsonValue* plain_id = nullptr;
    std::set<std::string> seen;
    for (const JsonMember& member : object.members) {
      if (!FirstOccurrence(member, &seen)) continue;
      const std::string& key = member.key;
      const JsonValue& value = member.value;
      if (IsAnnotation(key)) continue;
      if (key == "displayName") {
        if (!Expect(value, Kind::kString, "displayName")) continue;
        if (value.string.empty()) {
          Error("E0704", value.range, "displayName is empty", "a role needs a display name");
          continue;
        }
        if (Writable(value, "displayName")) role.name = &value;
      } else if (key == "templateId" || key == "id") {
        if (!Expect(value, Kind::kString, key, true) || value.kind == Kind::kNull) continue;
        if (value.string.empty() || !Writable(value, key)) continue;
        (key == "templateId" ? template_id : plain_id) = &value;
      } else if (key == "description") {
        if (!Expect(value, Kind::kString, key, true) || value.kind == Kind::kNull) continue;
        role.normalized_description = import::NormalizeSpace(value.string);
        JsonValue normalized;
        normalized.string = role.normalized_description;
        normalized.range = value.range;
        if (!role.normalized_description.empty() && Writable(normalized, key))
          role.description = &value;
      } else if (key == "isPrivileged") {
        if (Expect(value, Kind::kBool, key, true) && value.boolean) role.privileged = &value;
      } else if (key == "isEnabled") {
        if (Expect(value, Kind::kBool, key, true) && value.kind == Kind::kBool && !value.boolean) {
          Warning(
              "W0711", value.range,
              "the role definition is disabled (isEnabled false); rolec has no disabled roles, so "
              "it is imported as enabled",
              "a disabled role cannot be assigned in Entra; remove it from the file if it should "
              "not be checked");
        }
      } else if (key == "inheritsPermissionsFrom") {
        ReadParents(value, &role);
      } else if (key == "rolePermissions") {
        ReadPermissions(value, &role);
      } else if (std::find(std::begin(kIgnoredRoleFields), std::end(kIgnoredRoleFields), key) ==
                 std::end(kIgnoredRoleFields)) {
        Warning(
            "W0710", member.key_range,
            fmt::format("unknown field '{}' of a role definition, ignored", Printable(key)),
            "docs/graph-json.md lists the fields rolec reads and the Graph metadata it ignores");
      }
    }
    role.id = template_id != nullptr ? template_id : plain_id;
    role.other_id = template_id != nullptr ? plain_id : nullptr;
    if (role.name == nullptr && seen.count("displayName") == 0) {
      Error("E0704", JsonRange{object.range.offset, 1}, "the role definition has no displayName",
            "displayName is the role's name; Graph requires it");
    }
    roles_.push_back(std::move(role));
  }

  void ReadParents(const JsonValue& value, Role* role) {
    if (!Expect(value, Kind::kArray, "inheritsPermissionsFrom", true) || value.kind == Kind::kNull)
      return;
    for (const JsonValue& item : value.items) {
      if (!Expect(item, Kind::kObject, "an inheritsPermissionsFrom entry")) continue;
      const JsonValue* id = nullptr;
      std::set<std::string> seen;
      for (const JsonMember& member : item.members) {
        if (!FirstOccurrence(member, &seen) || IsAnnotation(member.key)) continue;
        if (member.key == "id") {
          if (Expect(member.value, Kind::kString, "an inheritsPermissionsFrom id"))
            id = &member.value;
        } else {
          Warning("W0710", member.key_range,
                  fmt::format("unknown field '{}' of an inheritsPermissionsFrom entry, ignored",
                              Printable(member.key)));
        }
      }
      if (id != nullptr) {
        role->parents.push_back(id);
      } else if (seen.count("id") == 0) {
        Error("E0704", JsonRange{item.range.offset, 1},
              "the inheritsPermissionsFrom entry has no id",
              "Graph names the parent role by its template id: {\"id\": \"88d8e3e3-...\"}");
      }
    }
  }

  void ReadActions(const JsonValue& value, std::string_view what, const JsonValue** array,
                   std::vector<const JsonValue*>* out) {
    if (!Expect(value, Kind::kArray, what, true) || value.kind == Kind::kNull) return;
    *array = &value;
    for (const JsonValue& item : value.items) {
      if (!Expect(item, Kind::kString, fmt::format("an entry of {}", what))) continue;
      if (!import::IsActionPathToken(item.string)) {
        Error(
            "E0707", item.range,
            fmt::format("'{}' is not a resource action", Printable(item.string)),
            "an action is at least three segments of letters, digits, '_', '.' and '-', joined by "
            "'/': microsoft.directory/users/password/update");
        continue;
      }
      out->push_back(&item);
    }
  }

  void ReadPermissions(const JsonValue& value, Role* role) {
    if (!Expect(value, Kind::kArray, "rolePermissions", true) || value.kind == Kind::kNull) return;
    for (const JsonValue& item : value.items) {
      if (!Expect(item, Kind::kObject, "a rolePermissions entry")) continue;
      Permission permission;
      permission.object = &item;
      std::set<std::string> seen;
      for (const JsonMember& member : item.members) {
        if (!FirstOccurrence(member, &seen) || IsAnnotation(member.key)) continue;
        const JsonValue& v = member.value;
        if (member.key == "allowedResourceActions") {
          ReadActions(v, "allowedResourceActions", &permission.allowed_array, &permission.allowed);
        } else if (member.key == "excludedResourceActions") {
          ReadActions(v, "excludedResourceActions", &permission.excluded_array,
                      &permission.excluded);
        } else if (member.key == "condition") {
          if (!Expect(v, Kind::kString, "condition", true) || v.kind == Kind::kNull) continue;
          auto known = std::find_if(std::begin(kConditions), std::end(kConditions),
                                    [&v](const auto& entry) { return entry.first == v.string; });
          if (known == std::end(kConditions)) {
            Error(
                "E0705", v.range, fmt::format("unknown Graph condition '{}'", Printable(v.string)),
                "rolec reads $ResourceIsSelf (target is self) and $SubjectIsOwner (principal owns "
                "target), the conditions Entra's role definitions use");
            continue;
          }
          permission.condition = &v;
          permission.when = known->second;
        } else {
          Warning("W0710", member.key_range,
                  fmt::format("unknown field '{}' of a rolePermissions entry, ignored",
                              Printable(member.key)));
        }
      }
      if (seen.count("allowedResourceActions") == 0) {
        Error("E0704", JsonRange{item.range.offset, 1},
              "the rolePermissions entry has no allowedResourceActions",
              "Graph requires it; an empty list grants nothing");
      }
      role->permissions.push_back(std::move(permission));
    }
  }

  // ---- writing (the layout of stdlib/entra/roles/*.role, stdlib/generator/emitter.py) ----
  void WriteRole(const Role& role, const std::vector<std::string>& parents, Writer* w) {
    w->Text("\n");
    const size_t block = w->OpenBlock(JsonRange{role.object->range.offset, 1});
    w->Text("role ");
    w->Mapped(import::RoleString(role.name->string), role.name->range);
    for (size_t i = 0; i < parents.size(); ++i) {
      w->Text(i == 0 ? " extends " : ", ");
      w->Mapped(import::RoleString(parents[i]), role.parents[i]->range);
    }
    w->Text(" {\n");
    if (role.id != nullptr) {
      w->Text("  id          ");
      w->Mapped(import::RoleString(role.id->string), role.id->range);
      w->Text("\n");
    }
    if (role.description != nullptr) {
      w->Text("  description ");
      w->Mapped(import::RoleString(role.normalized_description), role.description->range);
      w->Text("\n");
    }
    if (role.privileged != nullptr) {
      w->Text("  ");
      w->Mapped("privileged  true", role.privileged->range);
      w->Text("\n");
    }
    for (const Permission& permission : role.permissions) {
      WriteRule(permission, "allow", permission.allowed_array, permission.allowed, w);
      WriteRule(permission, "except", permission.excluded_array, permission.excluded, w);
    }
    w->Text("}\n");
    w->CloseBlock(block);
  }

  // `allow a,\n        b\n    when C`, one action per line; nothing for an empty list.
  void WriteRule(const Permission& permission, std::string_view keyword, const JsonValue* array,
                 const std::vector<const JsonValue*>& actions, Writer* w) {
    if (actions.empty()) return;
    w->Text("  ");
    w->Mapped(keyword, array->range);
    w->Text(" ");
    for (size_t i = 0; i < actions.size(); ++i) {
      if (i > 0) w->Text(",\n" + std::string(keyword.size() + 3, ' '));
      w->Mapped(actions[i]->string, actions[i]->range);
    }
    w->Text("\n");
    if (permission.condition != nullptr) {
      w->Text("    when ");
      w->Mapped(permission.when, permission.condition->range);
      w->Text("\n");
    }
  }

  // A file name in a `//` comment: printable ASCII only, so that no name can end the comment or
  // put a control or bidi character into the output.
  static std::string CommentSafe(std::string_view text) {
    std::string out;
    for (char c : text) out += (c >= 0x20 && c < 0x7F) ? c : '?';
    return out;
  }
  // A value quoted in a message: control characters escaped (the CLI escapes them again on output).
  static std::string Printable(std::string_view text) {
    std::string out;
    for (char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7F) {
        out += fmt::format("\\x{:02x}", u);
      } else {
        out += c;
      }
    }
    return out;
  }

  std::string_view text_;
  std::string_view path_;
  ImportOptions options_;
  import::LineIndex lines_;
  JsonValue root_;
  std::vector<Role> roles_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

ImportResult ImportGraphJson(std::string_view json_text, std::string_view json_path,
                             const ImportOptions& options) {
  return Importer(json_text, json_path, options).Run();
}

}  // namespace rolec
