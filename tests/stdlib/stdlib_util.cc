#include "stdlib/stdlib_util.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace rolec::testing {

std::string SourcePath(const std::string& relative) { return std::string(ROLEC_SOURCE_DIR) + "/" + relative; }
std::string SharedPath(const std::string& relative) { return std::string(ROLEC_SHARED_DIR) + "/" + relative; }

bool ReadText(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

bool FileExists(const std::string& path) { return std::filesystem::exists(path); }

std::vector<std::string> ListFilesRecursive(const std::string& relative_dir, const std::string& extension) {
  std::vector<std::string> out;
  std::filesystem::path root = SourcePath(relative_dir);
  if (!std::filesystem::exists(root)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != extension) continue;
    out.push_back(relative_dir + "/" +
                  std::filesystem::relative(entry.path(), root).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = text.find(sep, start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

bool IsConcrete(std::string_view pattern) {
  for (const std::string& segment : Split(Lower(pattern), '/')) {
    if (segment == "allentities" || segment == "allproperties" || segment == "alltasks") return false;
  }
  return true;
}

std::vector<std::string> CatalogNames(const Policy& policy) {
  std::vector<std::string> out;
  for (ActionId id = 0; id < policy.action_count(); ++id) out.emplace_back(policy.action(id).name);
  return out;
}

Decision Decide(const Policy& policy, const OwnedRequest& request) {
  auto bound = BoundRequest::Bind(policy, request);
  if (!bound.ok()) return Decision::kDeny;
  return policy.Check(bound->request());
}

OwnedRequest ResetRequest(std::string_view actor, std::string_view action,
                          std::vector<std::string> target_roles) {
  OwnedRequest request;
  request.principal_id = "principal";
  request.assignments.push_back({std::string(actor), "/"});
  request.action = std::string(action);
  request.target.kind = TargetKind::kUser;
  request.target.id = "target";
  request.target.roles = std::move(target_roles);
  return request;
}

std::string StripMarkdown(std::string_view cell) {
  std::string s(cell);
  s = std::regex_replace(s, std::regex(R"(<br\s*/?>)"), " ");
  s = std::regex_replace(s, std::regex(R"(\[([^\]]*)\]\([^)]*\))"), "$1");
  s = std::regex_replace(s, std::regex(R"(\*\*|`)"), "");
  s = std::regex_replace(s, std::regex(R"(&nbsp;)"), " ");
  s = std::regex_replace(s, std::regex(R"(\s+)"), " ");
  return Trim(s);
}

MarkdownTable FindTable(const std::string& markdown, std::string_view heading,
                        std::string_view first_header) {
  MarkdownTable table;
  std::vector<std::string> lines = Split(markdown, '\n');
  size_t i = 0;
  while (i < lines.size() && lines[i].rfind(std::string(heading), 0) != 0) ++i;
  auto cells = [](const std::string& line) {
    std::string s = Trim(line);
    if (!s.empty() && s[0] == '>') s = Trim(s.substr(1));
    std::vector<std::string> out;
    if (s.empty() || s[0] != '|') return out;
    if (s.back() == '|') s.pop_back();
    for (const std::string& c : Split(s.substr(1), '|')) out.push_back(Trim(c));
    return out;
  };
  for (; i + 1 < lines.size(); ++i) {
    std::vector<std::string> header = cells(lines[i]);
    if (header.empty() || header[0].rfind(std::string(first_header), 0) != 0) continue;
    table.header = header;
    for (size_t j = i + 2; j < lines.size(); ++j) {
      std::vector<std::string> row = cells(lines[j]);
      if (row.empty()) break;
      table.rows.push_back(row);
    }
    break;
  }
  return table;
}

std::string ExpandRoleAbbreviation(std::string_view label) {
  std::istringstream words{std::string(label)};
  std::string word, out;
  while (words >> word) {
    if (word == "Admin") word = "Administrator";
    if (word == "Auth") word = "Authentication";
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

}  // namespace rolec::testing
