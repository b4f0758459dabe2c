// tests/export/export_util.cc — see export_util.h.
#include "export_util.h"

#include <cctype>
#include <set>
#include <variant>

#include "compiler/stdlib_sources.h"
#include "fmt/format.h"
#include "grammar/parser.h"

namespace rolec::export_test {

std::shared_ptr<const Policy> CompileAndLoad(const std::vector<SourceFile>& sources,
                                             std::string* error) {
  CompileResult compiled = Compile(sources);
  if (!compiled.ok()) {
    *error = FormatAll(compiled.diagnostics);
    return nullptr;
  }
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(std::move(compiled.image));
  if (!policy.ok()) {
    *error = std::string(policy.status().message());
    return nullptr;
  }
  return *policy;
}

const Policy& Stdlib() {
  static const std::shared_ptr<const Policy> policy = [] {
    std::string error;
    std::shared_ptr<const Policy> loaded = CompileAndLoad({}, &error);
    if (loaded == nullptr) std::abort();  // the stdlib compiles: every other test binary says so
    return loaded;
  }();
  return *policy;
}

std::vector<std::string> CustomPatterns() {
  std::vector<std::string> patterns;
  for (const compiler::EmbeddedSource& embedded : compiler::StdlibSources()) {
    if (std::string_view(embedded.path) != "stdlib/entra/catalog.role") continue;
    grammar::ParseResult parsed = grammar::Parse(embedded.text, embedded.path);
    if (parsed.file == nullptr) continue;
    for (const grammar::Item& item : parsed.file->items) {
      const auto* set = std::get_if<grammar::SetDecl>(&item);
      if (set == nullptr || set->name != "custom_role_permission_patterns") continue;
      for (const grammar::ActionItem& action : set->actions) {
        if (const auto* path = std::get_if<grammar::ActionPath>(&action.value)) {
          patterns.push_back(path->text);
        }
      }
    }
  }
  return patterns;
}

ExportOptions DefaultOptions() {
  ExportOptions options;
  options.custom_patterns = CustomPatterns();
  return options;
}

void AddSourceLines(const std::vector<SourceFile>& sources, std::vector<Diagnostic>& diagnostics) {
  for (Diagnostic& d : diagnostics) {
    if (d.span.line == 0) continue;
    for (const SourceFile& source : sources) {
      if (source.path == d.span.file) d.source_line = grammar::SourceLine(source.text, d.span.line);
    }
    for (const compiler::EmbeddedSource& embedded : compiler::StdlibSources()) {
      if (d.span.file == embedded.path)
        d.source_line = grammar::SourceLine(embedded.text, d.span.line);
    }
  }
}

std::string FormatAll(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += FormatDiagnostic(d);
  return out;
}

namespace {

class HclReader {
 public:
  explicit HclReader(const std::string& text) : text_(text) {}

  bool File(std::vector<HclResource>* resources) {
    while (true) {
      SkipSpace(true);
      if (pos_ >= text_.size()) return true;
      HclResource resource;
      std::string keyword;
      if (!Ident(&keyword) || keyword != "resource") return Fail("expected 'resource'");
      SkipSpace(false);
      if (!String(&resource.type)) return false;
      SkipSpace(false);
      if (!String(&resource.name)) return false;
      SkipSpace(false);
      if (!Body(&resource.body)) return false;
      resources->push_back(std::move(resource));
    }
  }

  const std::string& error() const { return error_; }

 private:
  bool Fail(const std::string& message) {
    if (error_.empty()) {
      size_t line = 1;
      for (size_t i = 0; i < pos_ && i < text_.size(); ++i) line += text_[i] == '\n';
      error_ = fmt::format("line {}: {}", line, message);
    }
    return false;
  }

  void SkipSpace(bool newlines) {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || (newlines && text_[pos_] == '\n'))) {
      ++pos_;
    }
  }

  bool Ident(std::string* out) {
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) != 0 ||
                                   text_[pos_] == '_' || text_[pos_] == '-')) {
      ++pos_;
    }
    if (pos_ == start) return Fail("expected an identifier");
    *out = text_.substr(start, pos_ - start);
    return true;
  }

  bool String(std::string* out) {
    if (pos_ >= text_.size() || text_[pos_] != '"') return Fail("expected a string");
    ++pos_;
    out->clear();
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\n') return Fail("a line break in a string");
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        return Fail("a raw control character in a string");
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) return Fail("an escape at the end");
        const char e = text_[pos_ + 1];
        pos_ += 2;
        switch (e) {
          case '"':
            *out += '"';
            break;
          case '\\':
            *out += '\\';
            break;
          case 'n':
            *out += '\n';
            break;
          case 'r':
            *out += '\r';
            break;
          case 't':
            *out += '\t';
            break;
          case 'u': {
            if (pos_ + 4 > text_.size()) return Fail("a short \\u escape");
            const unsigned long code = std::stoul(text_.substr(pos_, 4), nullptr, 16);
            if (code >= 0x80) return Fail("the writer escapes only ASCII controls");
            *out += static_cast<char>(code);
            pos_ += 4;
            break;
          }
          default:
            return Fail(fmt::format("unknown escape '\\{}'", e));
        }
        continue;
      }
      if ((c == '$' || c == '%') && pos_ + 1 < text_.size()) {
        if (text_[pos_ + 1] == '{') return Fail(fmt::format("a template sequence '{}{{'", c));
        if (text_[pos_ + 1] == c && pos_ + 2 < text_.size() && text_[pos_ + 2] == '{') {
          *out += c;
          *out += '{';
          pos_ += 3;
          continue;
        }
      }
      *out += c;
      ++pos_;
    }
    return Fail("an unterminated string");
  }

  bool Value(HclValue* value) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      value->kind = HclValue::Kind::kString;
      return String(&value->text);
    }
    if (pos_ < text_.size() && text_[pos_] == '[') {
      value->kind = HclValue::Kind::kList;
      ++pos_;
      while (true) {
        SkipSpace(true);
        if (pos_ < text_.size() && text_[pos_] == ']') {
          ++pos_;
          return true;
        }
        std::string item;
        if (!String(&item)) return false;
        value->items.push_back(std::move(item));
        SkipSpace(true);
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
        } else if (pos_ >= text_.size() || text_[pos_] != ']') {
          return Fail("expected ',' or ']' in a list");
        }
      }
    }
    std::string word;
    if (!Ident(&word)) return false;
    if (word != "true" && word != "false") return Fail(fmt::format("unexpected value '{}'", word));
    value->kind = HclValue::Kind::kBool;
    value->flag = word == "true";
    return true;
  }

  bool Body(HclBody* body) {
    if (pos_ >= text_.size() || text_[pos_] != '{') return Fail("expected '{'");
    ++pos_;
    SkipSpace(false);
    if (pos_ >= text_.size() || text_[pos_] != '\n') return Fail("expected a line break after '{'");
    while (true) {
      SkipSpace(true);
      if (pos_ >= text_.size()) return Fail("an unterminated block");
      if (text_[pos_] == '}') {
        ++pos_;
        SkipSpace(false);
        if (pos_ < text_.size() && text_[pos_] != '\n')
          return Fail("expected a line break after '}'");
        return true;
      }
      std::string name;
      if (!Ident(&name)) return false;
      SkipSpace(false);
      if (pos_ < text_.size() && text_[pos_] == '=') {
        ++pos_;
        SkipSpace(false);
        HclValue value;
        if (!Value(&value)) return false;
        SkipSpace(false);
        if (pos_ < text_.size() && text_[pos_] != '\n')
          return Fail("expected a line break after a value");
        body->attributes.emplace_back(std::move(name), std::move(value));
      } else {
        HclBody nested;
        if (!Body(&nested)) return false;
        body->blocks.emplace_back(std::move(name), std::move(nested));
      }
    }
  }

  const std::string& text_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

bool ParseHcl(const std::string& text, std::vector<HclResource>* resources, std::string* error) {
  HclReader reader(text);
  if (reader.File(resources)) return true;
  *error = reader.error();
  return false;
}

std::string CheckCustomDirectoryRole(const HclResource& resource) {
  if (resource.type != "azuread_custom_directory_role") return "type " + resource.type;
  if (resource.name.empty() || !(std::islower(static_cast<unsigned char>(resource.name[0])) != 0 ||
                                 resource.name[0] == '_')) {
    return "name '" + resource.name + "' does not start with a letter or '_'";
  }
  for (char c : resource.name) {
    if (!(std::islower(static_cast<unsigned char>(c)) != 0 ||
          std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '_')) {
      return "name '" + resource.name + "' has a character outside [a-z0-9_]";
    }
  }
  const std::map<std::string, HclValue::Kind> allowed = {{"display_name", HclValue::Kind::kString},
                                                         {"description", HclValue::Kind::kString},
                                                         {"enabled", HclValue::Kind::kBool},
                                                         {"version", HclValue::Kind::kString},
                                                         {"template_id", HclValue::Kind::kString}};
  std::set<std::string> seen;
  for (const auto& [name, value] : resource.body.attributes) {
    auto found = allowed.find(name);
    if (found == allowed.end()) return "unknown attribute " + name;
    if (found->second != value.kind) return "attribute " + name + " has the wrong type";
    if (!seen.insert(name).second) return "attribute " + name + " twice";
  }
  for (const char* required : {"display_name", "enabled", "version"}) {
    if (seen.count(required) == 0) return std::string("missing ") + required;
  }
  if (resource.body.blocks.empty()) return "no permissions block";
  for (const auto& [name, block] : resource.body.blocks) {
    if (name != "permissions") return "unknown block " + name;
    if (!block.blocks.empty()) return "a block inside permissions";
    if (block.attributes.size() != 1 || block.attributes[0].first != "allowed_resource_actions" ||
        block.attributes[0].second.kind != HclValue::Kind::kList) {
      return "permissions holds something other than allowed_resource_actions = [...]";
    }
    if (block.attributes[0].second.items.empty()) return "an empty allowed_resource_actions";
  }
  return "";
}

}  // namespace rolec::export_test
