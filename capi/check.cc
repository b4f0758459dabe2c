// capi/check.cc — rolec_check, rolec_check_id and rolec_check_batch: the decision alone, through
// Policy::Check of the principal's PreparedPrincipal (the target viewed in place,
// capi/request_view.h), or of a Request when the principal was prepared against another image.
#include "capi/request_view.h"

using rolec::capi::Fail;
using rolec::capi::Fence;
using rolec::capi::RequestInput;
using rolec::capi::WithRequest;
using rolec::capi::WithTarget;

namespace rolec::capi {

rolec_status CheckInput(const Policy& policy, const RequestInput& input, rolec_decision* decision) {
  const rolec_principal* principal = input.principal;
  if (principal != nullptr && principal->prepared_ok && principal->view.policy == &policy) {
    // The principal's own image: Policy::Check of the PreparedPrincipal, only the target viewed.
    return WithTarget(policy, input.target, [&](const Target& target) {
      const Context context{input.context != nullptr && input.context->mfa};
      const Decision d = input.action_id != kNoAction
                             ? policy.Check(principal->prepared, input.action_id, target, context)
                             : policy.Check(principal->prepared, input.action, target, context);
      *decision = d == Decision::kAllow ? ROLEC_ALLOW : ROLEC_DENY;
      return ROLEC_OK;
    });
  }
  return WithRequest(policy, input, [&](const Request& request) {
    *decision = policy.Check(request) == Decision::kAllow ? ROLEC_ALLOW : ROLEC_DENY;
    return ROLEC_OK;
  });
}

}  // namespace rolec::capi

extern "C" {

rolec_status rolec_check_id(const rolec_policy* policy, const rolec_principal* principal,
                            rolec_action_id action, const rolec_target* target,
                            const rolec_context* context, rolec_decision* decision) {
  if (decision == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "decision is NULL");
  *decision = ROLEC_DENY;
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  RequestInput input;
  input.principal = principal;
  input.action_id = action;
  input.target = target;
  input.context = context;
  return Fence([&] { return rolec::capi::CheckInput(*policy->policy, input, decision); });
}

rolec_status rolec_check(const rolec_policy* policy, const rolec_principal* principal,
                         const char* action, size_t action_length, const rolec_target* target,
                         const rolec_context* context, rolec_decision* decision) {
  if (decision == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "decision is NULL");
  *decision = ROLEC_DENY;
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  RequestInput input;
  input.principal = principal;
  input.target = target;
  input.context = context;
  if (!rolec::capi::ReadView(action, action_length, "action", &input.action)) {
    return ROLEC_ERR_INVALID_ARGUMENT;
  }
  return Fence([&] { return rolec::capi::CheckInput(*policy->policy, input, decision); });
}

rolec_status rolec_check_batch(const rolec_policy* policy, const rolec_request* requests,
                               size_t count, rolec_decision* decisions) {
  if (count > rolec::capi::kMaxArrayCount) {
    return Fail(ROLEC_ERR_INVALID_ARGUMENT, "count is larger than 2^24");
  }
  if (decisions == nullptr && count != 0) {
    return Fail(ROLEC_ERR_INVALID_ARGUMENT, "decisions is NULL with a count");
  }
  for (size_t i = 0; i < count; ++i) decisions[i] = ROLEC_DENY;
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  if (requests == nullptr && count != 0) {
    return Fail(ROLEC_ERR_INVALID_ARGUMENT, "requests is NULL with a count");
  }
  const rolec::Policy& image = *policy->policy;
  rolec_status first = ROLEC_OK;
  size_t first_index = 0;
  std::string first_message;  // the message of the first failure; later ones overwrite the thread's
  for (size_t i = 0; i < count; ++i) {
    RequestInput input;
    rolec_status status =
        rolec::capi::ReadRequest(requests[i], &input)
            ? Fence([&] { return rolec::capi::CheckInput(image, input, &decisions[i]); })
            : ROLEC_ERR_INVALID_ARGUMENT;
    if (status != ROLEC_OK) {
      decisions[i] = ROLEC_DENY;
      if (first == ROLEC_OK) {
        first = status;
        first_index = i;
        Fence([&] {
          first_message = rolec_last_error();
          return ROLEC_OK;
        });
      }
    }
  }
  if (first == ROLEC_OK) return ROLEC_OK;
  return Fence([&] {
    return Fail(first, fmt::format("requests[{}]: {}", first_index, first_message));
  });
}

}  // extern "C"
