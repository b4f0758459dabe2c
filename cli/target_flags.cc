// cli/target_flags.cc — the target, principal and context flags of a single question.
#include "cli/target_flags.h"

#include <algorithm>
#include <string>

#include "fmt/format.h"

namespace rolec::cli {

const std::vector<OptionSpec>& TargetFlagOptions() {
  static const std::vector<OptionSpec> kOptions = {
      {"target-kind", 0, "KIND", false,
       "The target's kind: user (default), group, device, application, servicePrincipal, "
       "administrativeUnit, roleDefinition, other."},
      {"target-id", 0, "ID", false, "The target's object id."},
      {"target-role", 0, "ROLE", true, "A directory role the target holds."},
      {"target-role-assignable-group-member", 0, "", false,
       "The target is a member or owner of a role-assignable group."},
      {"target-restricted-au-role", 0, "", false,
       "The target holds a role scoped to a restricted management administrative unit."},
      {"target-in-restricted-au", 0, "", false,
       "The target is in a restricted management administrative unit."},
      {"target-role-assignable", 0, "", false, "The target is a role-assignable group."},
      {"target-admin-unit", 0, "ID", true, "An administrative unit the target belongs to."},
      {"target-restricted-admin-unit", 0, "ID", true,
       "A restricted management administrative unit the target belongs to (implies "
       "--target-admin-unit ID and --target-in-restricted-au)."},
      {"target-owner", 0, "ID", true, "A principal id that owns the target."},
      {"target-self", 0, "", false, "The target is the principal itself."},
      {"principal-owns-target", 0, "", false, "The principal is an owner of the target."},
      {"principal-id", 0, "ID", false, "The principal's id (default: principal)."},
      {"mfa", 0, "", false, "The principal satisfied multifactor authentication."},
  };
  return kOptions;
}

bool HasTargetFlags(const ParsedArgs& args) {
  for (const OptionSpec& option : TargetFlagOptions()) {
    if (args.Has(option.name)) return true;
  }
  return false;
}

absl::Status ReadTargetFlags(const ParsedArgs& args, OwnedRequest* owned) {
  owned->principal_id = args.Value("principal-id", "principal");
  OwnedTarget& target = owned->target;
  const std::string kind = args.Value("target-kind", "user");
  if (!ParseTargetKind(kind, &target.kind)) {
    return absl::InvalidArgumentError(
        fmt::format("--target-kind '{}' is not a kind (expected user, group, device, application, "
                    "servicePrincipal, administrativeUnit, roleDefinition or other)",
                    kind));
  }
  target.id = args.Value("target-id");
  if (args.Has("target-self")) {
    if (args.Has("target-id") && target.id != owned->principal_id) {
      return absl::InvalidArgumentError(
          fmt::format("--target-self contradicts --target-id '{}' (the principal is '{}')",
                      target.id, owned->principal_id));
    }
    target.id = owned->principal_id;
  }
  target.roles = args.Values("target-role");
  target.role_assignable_group_member = args.Has("target-role-assignable-group-member");
  target.role_scoped_to_restricted_admin_unit = args.Has("target-restricted-au-role");
  target.in_restricted_admin_unit = args.Has("target-in-restricted-au");
  target.role_assignable = args.Has("target-role-assignable");
  target.admin_units = args.Values("target-admin-unit");
  // A restricted unit named on the command line is one of the target's units, named or not.
  target.restricted_admin_units = args.Values("target-restricted-admin-unit");
  for (const std::string& unit : target.restricted_admin_units) {
    if (std::find(target.admin_units.begin(), target.admin_units.end(), unit) ==
        target.admin_units.end()) {
      target.admin_units.push_back(unit);
    }
  }
  target.owners = args.Values("target-owner");
  if (args.Has("principal-owns-target") && std::find(target.owners.begin(), target.owners.end(),
                                                     owned->principal_id) == target.owners.end()) {
    target.owners.push_back(owned->principal_id);
  }
  owned->context.mfa = args.Has("mfa");
  return absl::OkStatus();
}

}  // namespace rolec::cli
