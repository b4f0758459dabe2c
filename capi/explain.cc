// capi/explain.cc — rolec_explain: Policy::Explain as the JSON object `rolec eval --json` prints
// (cli/json_request.cc DecisionJson): decision, reasons, denials, errors, notes.
//
// The names of rules, scopes and denial kinds are the public ones (rolec/policy_text.hpp) the CLI
// uses too. The CLI's JSON writer is not reused: capi/ builds only on include/rolec/. The one
// difference is deliberate: messages are not rewritten for a terminal (the CLI turns control
// characters into \xNN); JSON string escaping already keeps them harmless, and a program wants the
// text as is.
#include <string>

#include "capi/request_view.h"
#include "nlohmann/json.hpp"
#include "rolec/policy_text.hpp"

namespace rolec::capi {
namespace {

using Ordered = nlohmann::ordered_json;

std::string ExplanationJson(const Policy& policy, const Request& request,
                            const Explanation& explanation) {
  auto scope_of = [&request](uint32_t assignment) {
    return assignment < request.assignments.size()
               ? ScopeText(request.assignments[assignment].admin_unit)
               : std::string();
  };
  auto rule_of = [&policy](uint32_t rule, std::string* text, std::string* source) {
    if (rule < policy.rule_count()) {
      RuleInfo info = policy.rule(rule);
      *text = RuleText(info);
      *source = SourceText(info.source);
    }
  };
  Ordered reasons = Ordered::array();
  for (const AllowReason& reason : explanation.reasons) {
    std::string rule, source;
    rule_of(reason.rule, &rule, &source);
    reasons.push_back(Ordered{{"assignment", reason.assignment_index},
                              {"role", RoleName(policy, reason.role)},
                              {"scope", scope_of(reason.assignment_index)},
                              {"rule", rule},
                              {"source", source}});
  }
  Ordered denials = Ordered::array();
  for (const Denial& denial : explanation.denials) {
    std::string rule, source;
    rule_of(denial.rule, &rule, &source);
    denials.push_back(Ordered{{"kind", DenialKindName(denial.kind)},
                              {"assignment", denial.assignment_index},
                              {"role", RoleName(policy, denial.role)},
                              {"scope", scope_of(denial.assignment_index)},
                              {"rule", rule},
                              {"source", source},
                              {"message", denial.message}});
  }
  Ordered object = Ordered::object();
  object["decision"] = explanation.decision == Decision::kAllow ? "allow" : "deny";
  object["reasons"] = std::move(reasons);
  object["denials"] = std::move(denials);
  object["errors"] = explanation.errors;
  object["notes"] = explanation.notes;
  // Invalid UTF-8 in a name or message becomes U+FFFD instead of a type_error.
  return object.dump(-1, ' ', false, Ordered::error_handler_t::replace);
}

}  // namespace
}  // namespace rolec::capi

using rolec::capi::Fail;
using rolec::capi::Fence;

extern "C" {

rolec_status rolec_explain(const rolec_policy* policy, const rolec_request* request, char** json) {
  if (json == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "json is NULL");
  *json = nullptr;
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  if (request == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "request is NULL");
  rolec::capi::RequestInput input;
  if (!rolec::capi::ReadRequest(*request, &input)) return ROLEC_ERR_INVALID_ARGUMENT;
  const rolec::Policy& image = *policy->policy;
  return Fence([&] {
    return rolec::capi::WithRequest(image, input, [&](const rolec::Request& view) {
      const std::string text =
          rolec::capi::ExplanationJson(image, view, image.Explain(view));
      *json = rolec::capi::CopyOut(text);
      return *json != nullptr ? ROLEC_OK : Fail(ROLEC_ERR_OUT_OF_MEMORY, "out of memory");
    });
  });
}

}  // extern "C"
