// rolec/request.hpp — requests that own their strings, and binding them to a loaded policy.
//
// rolec::Request (policy.hpp) is a set of views with roles as ids: ideal for the hot path, awkward
// for a CLI, a test or a JSON front end. OwnedRequest names roles by display name or template id and
// owns everything; BoundRequest resolves it against one Policy and keeps the storage the views
// point into alive. Binding fails (and the caller must deny) on an unknown role or a malformed scope.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rolec/export.h"
#include "rolec/policy.hpp"

namespace rolec {

struct OwnedAssignment {
  std::string role;   // display name or template id
  std::string scope = "/";  // "/" or "/administrativeUnits/<id>"
};

struct OwnedTarget {
  TargetKind kind = TargetKind::kUnspecified;
  std::string id;
  std::vector<std::string> roles;  // display names or template ids
  bool role_assignable_group_member = false;
  bool role_scoped_to_restricted_admin_unit = false;
  bool in_restricted_admin_unit = false;
  bool role_assignable = false;
  std::vector<std::string> admin_units;
  std::vector<std::string> restricted_admin_units;  // each one of admin_units
  std::vector<std::string> owners;
};

struct OwnedRequest {
  std::string principal_id;
  std::vector<OwnedAssignment> assignments;
  std::string action;
  OwnedTarget target;
  Context context;
};

// Parses "/" (tenant, sets *admin_unit to "") or "/administrativeUnits/<id>".
ROLEC_API bool ParseScope(std::string_view scope, std::string_view* admin_unit);

class ROLEC_API BoundRequest {
 public:
  // Resolves role names and scopes against `policy`. The policy must outlive the result.
  static absl::StatusOr<BoundRequest> Bind(const Policy& policy, const OwnedRequest& owned);

  BoundRequest(BoundRequest&& other) noexcept;
  BoundRequest& operator=(BoundRequest&& other) noexcept;
  BoundRequest(const BoundRequest&) = delete;
  BoundRequest& operator=(const BoundRequest&) = delete;

  const Request& request() const { return request_; }

 private:
  BoundRequest() = default;
  void Repoint();

  OwnedRequest owned_;
  std::vector<Assignment> assignments_;
  std::vector<RoleId> target_roles_;
  std::vector<std::string_view> admin_units_;
  std::vector<std::string_view> restricted_admin_units_;
  std::vector<std::string_view> owners_;
  Request request_;
};

}  // namespace rolec
