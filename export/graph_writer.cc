// export/graph_writer.cc — ExportedRole -> Microsoft Graph unifiedRoleDefinition JSON, the body of
// POST /roleManagement/directory/roleDefinitions (one role) or {"value": [...]} (several).
#include <algorithm>
#include <exception>

#include "export/prepare_all.h"
#include "fmt/format.h"
#include "nlohmann/json.hpp"
#include "rolec/export.hpp"

namespace rolec {
namespace {

using Json = nlohmann::ordered_json;  // fields in the order Graph documents them

Json RoleDefinition(const ExportedRole& role) {
  Json out;
  out["displayName"] = role.display_name;
  out["description"] = role.description;
  out["isEnabled"] = true;
  if (!role.template_id.empty()) out["templateId"] = role.template_id;
  out["version"] = role.version;
  Json permissions = Json::array();
  for (const ExportPermission& group : role.permissions) {
    Json permission;
    permission["allowedResourceActions"] = group.actions;
    if (!group.condition.empty()) permission["condition"] = group.condition;
    permissions.push_back(std::move(permission));
  }
  out["rolePermissions"] = std::move(permissions);
  if (!role.inherits_from.empty()) {
    Json inherits = Json::array();
    for (const std::string& id : role.inherits_from) inherits.push_back(Json{{"id", id}});
    out["inheritsPermissionsFrom"] = std::move(inherits);
  }
  return out;
}

}  // namespace

ExportResult ExportGraph(const Policy& policy, absl::Span<const RoleId> roles,
                         const ExportOptions& options) {
  ExportResult result;
  std::vector<ExportedRole> prepared =
      exporter::PrepareAll(policy, roles, ExportFormat::kGraph, options, result.diagnostics);
  if (!result.ok() || prepared.empty()) return result;
  Json document;
  if (prepared.size() == 1) {
    document = RoleDefinition(prepared.front());
  } else {
    Json values = Json::array();
    for (const ExportedRole& role : prepared) values.push_back(RoleDefinition(role));
    document["value"] = std::move(values);
  }
  try {
    // Names and descriptions come from the user's source: bytes that are not UTF-8 are replaced
    // (U+FFFD) rather than thrown on, so the document is always valid JSON.
    result.text = document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  } catch (const std::exception& error) {
    Diagnostic d;
    d.code = "export-json";
    d.message = fmt::format("cannot write the Graph JSON: {}", error.what());
    result.diagnostics.push_back(std::move(d));
    result.text.clear();
  }
  return result;
}

}  // namespace rolec
