// export/terraform_writer.cc — ExportedRole -> `resource "azuread_custom_directory_role"` blocks
// (the hashicorp/azuread provider). The provider's permissions block has no condition, so only an
// unconditional role reaches this writer (PrepareExport refuses the rest).
#include <algorithm>
#include <set>
#include <string>

#include "export/prepare_all.h"
#include "fmt/format.h"
#include "rolec/export.hpp"

namespace rolec {

namespace {

// Attribute lines, aligned on '=' as `terraform fmt` aligns consecutive attributes.
struct Attribute {
  std::string name;
  std::string value;
};

std::string Attributes(const std::vector<Attribute>& attributes, std::string_view indent) {
  size_t width = 0;
  for (const Attribute& a : attributes) width = std::max(width, a.name.size());
  std::string out;
  for (const Attribute& a : attributes) {
    out += fmt::format("{}{:<{}} = {}\n", indent, a.name, width, a.value);
  }
  return out;
}

std::string Resource(const ExportedRole& role, const std::string& identifier) {
  std::vector<Attribute> attributes = {{"display_name", HclQuote(role.display_name)}};
  if (!role.description.empty()) attributes.push_back({"description", HclQuote(role.description)});
  attributes.push_back({"enabled", "true"});
  attributes.push_back({"version", HclQuote(role.version)});
  if (!role.template_id.empty()) attributes.push_back({"template_id", HclQuote(role.template_id)});

  std::string out =
      fmt::format("resource \"azuread_custom_directory_role\" {} {{\n", HclQuote(identifier));
  out += Attributes(attributes, "  ");
  for (const ExportPermission& group : role.permissions) {
    out += "\n  permissions {\n    allowed_resource_actions = [\n";
    for (const std::string& action : group.actions)
      out += fmt::format("      {},\n", HclQuote(action));
    out += "    ]\n  }\n";
  }
  out += "}\n";
  return out;
}

}  // namespace

ExportResult ExportTerraform(const Policy& policy, absl::Span<const RoleId> roles,
                             const ExportOptions& options) {
  ExportResult result;
  std::vector<ExportedRole> prepared =
      exporter::PrepareAll(policy, roles, ExportFormat::kTerraform, options, result.diagnostics);
  if (!result.ok()) return result;
  // Resource names are unique in a module: a repeated identifier gets _2, _3, ... in order.
  std::set<std::string> used;
  for (size_t i = 0; i < prepared.size(); ++i) {
    const std::string base = TerraformIdentifier(prepared[i].display_name);
    std::string identifier = base;
    for (int n = 2; used.count(identifier) > 0; ++n) identifier = fmt::format("{}_{}", base, n);
    used.insert(identifier);
    if (i > 0) result.text += "\n";
    result.text += Resource(prepared[i], identifier);
  }
  return result;
}

}  // namespace rolec
