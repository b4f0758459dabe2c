// lint/suppressions.cc — finding `// rolec-lint-ignore RULE: reason` comments.
#include "lint/suppressions.h"

namespace rolec::lint {
namespace {

constexpr std::string_view kMarker = "// rolec-lint-ignore";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool HoldsCode(std::string_view line) {
  line = Trim(line);
  return !line.empty() && line.substr(0, 2) != "//" && line.substr(0, 2) != "/*";
}

}  // namespace

std::vector<Suppression> FindSuppressions(std::string_view path, std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::vector<Suppression> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t at = lines[i].find(kMarker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = lines[i].substr(at + kMarker.size());
    if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t') continue;
    rest = Trim(rest);
    Suppression s;
    const size_t colon = rest.find(':');
    s.rule = std::string(Trim(rest.substr(0, colon)));
    if (colon != std::string_view::npos) s.reason = std::string(Trim(rest.substr(colon + 1)));
    s.span = SourceSpan{std::string(path), static_cast<uint32_t>(i + 1), static_cast<uint32_t>(at + 1),
                        static_cast<uint32_t>(lines[i].size() - at)};
    if (HoldsCode(lines[i].substr(0, at))) {
      s.applies_to_line = static_cast<uint32_t>(i + 1);
    } else {
      for (size_t j = i + 1; j < lines.size(); ++j) {
        if (HoldsCode(lines[j])) {
          s.applies_to_line = static_cast<uint32_t>(j + 1);
          break;
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace rolec::lint
