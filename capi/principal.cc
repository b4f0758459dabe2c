// capi/principal.cc — prepared principals: a principal's id and role assignments copied once,
// prepared as a rolec::PreparedPrincipal (Policy::Prepare) for the checks against its own image,
// and laid out as rolec::Request::assignments for explain and for checks against another image
// (an engine swapped), so that a check converts nothing of the principal.
#include <memory>
#include <string>

#include "capi/handles.h"
#include "fmt/format.h"

using rolec::capi::Fail;
using rolec::capi::Fence;

extern "C" {

rolec_status rolec_principal_prepare(const rolec_policy* policy, const char* principal_id,
                                     size_t principal_id_length,
                                     const rolec_assignment* assignments, size_t count,
                                     rolec_principal** principal) {
  if (principal == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "principal is NULL");
  *principal = nullptr;
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  std::string_view id;
  if (!rolec::capi::ReadView(principal_id, principal_id_length, "principal_id", &id)) {
    return ROLEC_ERR_INVALID_ARGUMENT;
  }
  if (assignments == nullptr && count != 0) {
    return Fail(ROLEC_ERR_INVALID_ARGUMENT, "assignments is NULL with a count");
  }
  return Fence([&] {
    const rolec::Policy& image = *policy->policy;
    auto prepared = std::make_unique<rolec_principal>();
    prepared->policy = policy->policy;
    prepared->id = std::string(id);
    prepared->role_names.reserve(count);
    prepared->units.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      const rolec_role_id role = assignments[i].role;
      if (role >= image.role_count()) {
        return Fail(ROLEC_ERR_OUT_OF_RANGE,
                    fmt::format("assignments[{}].role: role id {} is not in the policy (it has {} "
                                "roles)",
                                i, role, image.role_count()));
      }
      std::string_view unit;
      const std::string what = fmt::format("assignments[{}].admin_unit", i);
      if (!rolec::capi::ReadView(assignments[i].admin_unit, what.c_str(), &unit)) {
        return ROLEC_ERR_INVALID_ARGUMENT;
      }
      prepared->role_names.emplace_back(image.role(role).name);
      prepared->units.emplace_back(unit);
    }
    // Only now that `units` is complete: the views below must not see a reallocation.
    rolec::Assignment* laid_out = prepared->inline_assignments;
    if (count > rolec_principal::kInlineAssignments) {
      prepared->heap_assignments.resize(count);
      laid_out = prepared->heap_assignments.data();
    }
    for (size_t i = 0; i < count; ++i) {
      laid_out[i] = {assignments[i].role, prepared->units[i]};
    }
    prepared->view.policy = prepared->policy.get();
    prepared->view.id = prepared->id;
    prepared->view.assignments = absl::MakeConstSpan(laid_out, count);
    absl::StatusOr<rolec::PreparedPrincipal> fast = image.Prepare(id, prepared->view.assignments);
    if (fast.ok()) {
      prepared->prepared = *std::move(fast);
      prepared->prepared_ok = true;
    }
    *principal = prepared.release();
    return ROLEC_OK;
  });
}

void rolec_principal_free(rolec_principal* principal) { delete principal; }

}  // extern "C"
